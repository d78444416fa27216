import { useRef } from 'react'
import { importTotals } from '../../shared/importTotals'
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
  const { added, alreadyPresent, filesRead, filesRefused } = importTotals(preview.report)
  return (
    <Dialog title="Import these files?" onClose={cancel} initialFocus={importButton}>
      <p className="import-summary">
        {count(added, 'new paper')}, {alreadyPresent} merged into papers you have
        {filesRefused > 0 && `, ${count(filesRefused, 'file')} that cannot be imported`}.
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
        {filesRead > 0 && (
          <button
            ref={importButton}
            type="button"
            className="primary"
            onClick={() => void confirm()}
          >
            Import {count(filesRead, 'file')}
          </button>
        )}
      </div>
    </Dialog>
  )
}
