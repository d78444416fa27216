import { useEffect } from 'react'
import { useKeyboard } from '../hooks/useKeyboard'
import { useLibraryEvents } from '../hooks/useLibraryEvents'
import { useTheme } from '../hooks/useTheme'
import { useStore } from '../store'
import { AttachPdfPrompt } from './AttachPdfPrompt'
import { DropZone } from './DropZone'
import { ImportPreviewDialog } from './ImportPreviewDialog'
import { ImportStatus } from './ImportStatus'
import { ListHeader } from './ListHeader'
import { MessageBar } from './MessageBar'
import { PaperList } from './PaperList'
import { PdfPaperPicker } from './PdfPaperPicker'
import { ReadingPane } from './ReadingPane'
import { SearchBox } from './SearchBox'
import { ShortcutsOverlay } from './ShortcutsOverlay'
import { Sidebar } from './Sidebar'
import { TagsDialog } from './TagsDialog'
import { SearchRuleDialog } from './SearchRuleDialog'
import { SubscriptionsDialog } from './subscriptions/SubscriptionsDialog'
import { SettingsDialog } from './settings/SettingsDialog'
import { ConflictsView } from './sync/ConflictsView'
import { StatsView } from './StatsView'
import { Toast } from './Toast'
import { TriageView } from './TriageView'

export function App() {
  useTheme()
  useKeyboard()
  useLibraryEvents()
  const selectedId = useStore((s) => s.selectedId)
  const mode = useStore((s) => s.mode)

  useEffect(() => {
    const {
      loadSidebar,
      loadPapers,
      loadSavedSearches,
      loadWarnings,
      loadSubscriptions,
      loadSync,
    } = useStore.getState()
    // The list first: it is what the window is for, and the sidebar's digests take longer.
    void loadPapers()
    void loadSidebar()
    void loadSavedSearches()
    void loadWarnings()
    void loadSubscriptions()
    void loadSync()
  }, [])

  useEffect(() => {
    void useStore.getState().loadDetail(selectedId)
  }, [selectedId])

  // Declared after the key and event hooks, so it runs once they listen: tests wait for it.
  useEffect(() => {
    document.documentElement.dataset.ready = 'true'
  }, [])

  return (
    <DropZone>
      <div className="app">
        <MessageBar />
        <Sidebar />
        <main className={`content mode-${mode}`}>
          {mode === 'triage' && <TriageView />}
          {mode === 'stats' && <StatsView />}
          {mode === 'papers' && (
            <>
              <section className="list-pane" aria-label="Paper list">
                <SearchBox />
                <ListHeader />
                <PaperList />
              </section>
              <ReadingPane />
            </>
          )}
        </main>
        <ImportStatus />
        <ImportPreviewDialog />
        <Toast />
        <ShortcutsOverlay />
        <TagsDialog />
        <SubscriptionsDialog />
        <SettingsDialog />
        <ConflictsView />
        <SearchRuleDialog />
        <PdfPaperPicker />
        <AttachPdfPrompt />
      </div>
    </DropZone>
  )
}
