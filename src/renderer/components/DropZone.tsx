import { useState, type DragEvent, type ReactNode } from 'react'
import { ELEMENT_IDS } from '../commands/focus'
import { useStore } from '../store'

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')

/**
 * Files dropped anywhere on the window, or picked with Import digest…, are previewed, then
 * imported once confirmed. Any file may be picked: the format is told by content.
 */
export function DropZone({ children }: { children: ReactNode }) {
  const importFiles = useStore((s) => s.importFiles)
  const [dragging, setDragging] = useState(false)

  return (
    <div
      className="drop-zone"
      onDragOver={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false)
      }}
      onDrop={(event) => {
        event.preventDefault()
        setDragging(false)
        void importFiles([...event.dataTransfer.files])
      }}
    >
      {children}
      <input
        id={ELEMENT_IDS.importInput}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])]
          event.currentTarget.value = ''
          void importFiles(files)
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop digest files to import them
        </div>
      )}
    </div>
  )
}
