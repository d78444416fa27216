import { importTotals } from '../../shared/importTotals'
import type { ImportReport } from '../../shared/models'
import { count } from '../format'
import { useStore } from '../store'
import { Dialog } from './Dialog'
import { ImportFileLine } from './ImportFileLine'

function ImportSummary({ report }: { report: ImportReport }) {
  const totals = importTotals(report)
  return (
    <p className="import-summary">
      {count(totals.added, 'paper')} added, {totals.alreadyPresent} merged into papers you have,{' '}
      {count(totals.filesRefused, 'file')} failed.
    </p>
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
          <ImportSummary report={report} />
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
