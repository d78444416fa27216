import { useRef } from 'react'
import { count } from '../format'
import { useStore } from '../store'
import { Dialog } from './Dialog'
import { ImportFileLine } from './ImportFileLine'

/** What an import will add, merge and refuse, per file, before anything is written. */
export function ImportPreviewDialog() {
  const preview = useStore((s) => s.importPreview)
  const confirm = useStore((s) => s.confirmImport)
  const cancel = useStore((s) => s.cancelImport)
  const importButton = useRef<HTMLButtonElement>(null)
  if (!preview) return null
  const readable = preview.report.files.filter((f) => f.ok)
  const added = readable.reduce((n, f) => n + f.added, 0)
  const merged = readable.reduce((n, f) => n + f.alreadyPresent, 0)
  const refused = preview.report.files.length - readable.length
  return (
    <Dialog title="Import these files?" onClose={cancel} initialFocus={importButton}>
      <p className="import-summary">
        {count(added, 'new paper')}, {merged} merged into papers you have
        {refused > 0 && `, ${count(refused, 'file')} that cannot be imported`}.
      </p>
      <ul className="import-files">
        {preview.report.files.map((file, index) => (
          <ImportFileLine key={index} file={file} done={false} />
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        {readable.length > 0 && (
          <button
            ref={importButton}
            type="button"
            className="primary"
            onClick={() => void confirm()}
          >
            Import {count(readable.length, 'file')}
          </button>
        )}
      </div>
    </Dialog>
  )
}
