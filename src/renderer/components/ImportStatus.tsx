import type { FileImportReport } from '../../shared/models'
import { count, digestLabel } from '../format'
import { useStore } from '../store'
import { Dialog } from './Dialog'

function FileReport({ file }: { file: FileImportReport }) {
  if (!file.ok) {
    return (
      <li className="import-file failed">
        <strong>Not imported.</strong> {file.error.message}
      </li>
    )
  }
  return (
    <li className="import-file">
      <strong>{file.file}</strong>:{' '}
      {file.digests.map((d) => `${digestLabel(d.date)} (${count(d.papers, 'paper')})`).join(', ')}
      <div className="import-counts">
        <span>{file.added} added</span>
        <span>{file.alreadyPresent} already present</span>
        {file.alreadyImported && <span>this file was imported before</span>}
      </div>
    </li>
  )
}

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
            added, {report.files.reduce((n, f) => n + (f.ok ? f.alreadyPresent : 0), 0)} already
            present, {count(report.files.filter((f) => !f.ok).length, 'file')} failed.
          </p>
          <ul className="import-files">
            {report.files.map((file, index) => (
              <FileReport key={index} file={file} />
            ))}
          </ul>
        </Dialog>
      )}
    </>
  )
}
