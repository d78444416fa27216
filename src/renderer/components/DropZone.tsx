import { useState, type DragEvent, type ReactNode } from 'react'
import { ELEMENT_IDS } from '../commands/focus'
import { ATTACH_PDF_INPUT_ID } from '../commands/pdfCommands'
import { useStore } from '../store'
import { splitPdfs } from '../store/pdfs.slice'

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')

/** While dragging only the type of each file is known: PDFs say so. */
const draggingPdf = (event: DragEvent) =>
  [...event.dataTransfer.items].some(
    (item) => item.kind === 'file' && item.type === 'application/pdf',
  )

/** The paper whose reading pane the event happened over, if any. */
function paneTarget(event: DragEvent): number | null {
  const { mode, detail } = useStore.getState()
  const overPane = event.target instanceof Element && event.target.closest('.reading-pane')
  return overPane && mode === 'papers' && detail ? detail.id : null
}

/** Digests to the import preview; PDFs to `paperId`, or else to the paper each names. */
async function receive(files: File[], paperId: number | null): Promise<void> {
  const { pdfs, others } = await splitPdfs(files)
  const { importFiles, attachPdfs, dropPdfsOnList } = useStore.getState()
  if (others.length > 0) void importFiles(others)
  if (pdfs.length === 0) return
  if (paperId !== null) await attachPdfs(paperId, pdfs)
  else await dropPdfsOnList(pdfs)
}

/**
 * Files dropped anywhere on the window, or picked with Import digest…, are previewed, then
 * imported once confirmed. Any file may be picked: the format is told by content. PDFs go
 * their own way: dropped on the reading pane they are attached to its paper; anywhere else
 * each is matched to the paper it names, or Margin asks which paper it is.
 */
export function DropZone({ children }: { children: ReactNode }) {
  const [dragging, setDragging] = useState<string | null>(null)

  return (
    <div
      className="drop-zone"
      onDragOver={(event) => {
        if (!hasFiles(event)) return
        event.preventDefault()
        const paperId = paneTarget(event)
        const title = useStore.getState().detail?.title
        setDragging(
          !draggingPdf(event)
            ? 'Drop digest files to import them'
            : paperId !== null && title
              ? `Drop to attach the PDF to “${title}”`
              : 'Drop to attach the PDF to its paper',
        )
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(null)
      }}
      onDrop={(event) => {
        event.preventDefault()
        setDragging(null)
        const [files, paperId] = [[...event.dataTransfer.files], paneTarget(event)]
        void useStore.getState().guard(() => receive(files, paperId))
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
          void useStore.getState().guard(() => receive(files, null))
        }}
      />
      <input
        id={ATTACH_PDF_INPUT_ID}
        type="file"
        accept=".pdf,application/pdf"
        multiple
        hidden
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])]
          event.currentTarget.value = ''
          const { detail, selectedId, attachPdfs } = useStore.getState()
          const paperId = detail?.id ?? selectedId
          if (paperId !== null) void attachPdfs(paperId, files)
        }}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {dragging}
        </div>
      )}
    </div>
  )
}
