import { useEffect } from 'react'
import { useKeyboard } from '../hooks/useKeyboard'
import { useLibraryEvents } from '../hooks/useLibraryEvents'
import { useTheme } from '../hooks/useTheme'
import { useStore } from '../store'
import { DropZone } from './DropZone'
import { ImportStatus } from './ImportStatus'
import { MessageBar } from './MessageBar'
import { PaperList } from './PaperList'
import { ReadingPane } from './ReadingPane'
import { SearchBox } from './SearchBox'
import { ShortcutsOverlay } from './ShortcutsOverlay'
import { Sidebar } from './Sidebar'

export function App() {
  useTheme()
  useKeyboard()
  useLibraryEvents()
  const selectedId = useStore((s) => s.selectedId)

  useEffect(() => {
    const { loadSidebar, loadPapers } = useStore.getState()
    void loadSidebar()
    void loadPapers()
  }, [])

  useEffect(() => {
    void useStore.getState().loadDetail(selectedId)
  }, [selectedId])

  return (
    <DropZone>
      <div className="app">
        <MessageBar />
        <Sidebar />
        <main className="content">
          <section className="list-pane" aria-label="Paper list">
            <SearchBox />
            <PaperList />
          </section>
          <ReadingPane />
        </main>
        <ImportStatus />
        <ShortcutsOverlay />
      </div>
    </DropZone>
  )
}
