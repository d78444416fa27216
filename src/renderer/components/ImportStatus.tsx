import { count } from '../format'
import { useStore } from '../store'
import { Dialog } from './Dialog'
import { ImportFileLine } from './ImportFileLine'

export function ImportStatus() {
  const progress = useStore((s) => s.importProgress)
  const report = useStore((s) => s.importReport)
  const close = useStore((s) => s.showImportReport)

  return (
    <>
      {progress && (
        <div className="import-progress" role="status">
          <span>
            Importing {progress.done} of {progress.total}…
          </span>
          <progress aria-label="Import progress" max={progress.total} value={progress.done} />
        </div>
      )}
      {report && (
        <Dialog title="Import finished" onClose={() => close(null)}>
          <p className="import-summary">
            {count(
              report.files.reduce((n, f) => n + (f.ok ? f.added : 0), 0),
              'paper',
            )}{' '}
            added, {report.files.reduce((n, f) => n + (f.ok ? f.alreadyPresent : 0), 0)} merged into
            papers you have, {count(report.files.filter((f) => !f.ok).length, 'file')} failed.
          </p>
          <ul className="import-files">
            {report.files.map((file, index) => (
              <ImportFileLine key={index} file={file} done />
            ))}
          </ul>
        </Dialog>
      )}
    </>
  )
}
