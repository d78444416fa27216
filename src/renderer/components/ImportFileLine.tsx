import { SOURCE_NAMES, type FileImportReport } from '../../shared/models'
import { count, digestLabel } from '../format'

/** One file of an import: its format, days and counts, or why it is refused; before or after. */
export function ImportFileLine({ file, done }: { file: FileImportReport; done: boolean }) {
  if (!file.ok) {
    return (
      <li className="import-file failed">
        <strong>{done ? 'Not imported.' : 'Will not be imported.'}</strong> {file.error.message}
      </li>
    )
  }
  return (
    <li className="import-file">
      <strong>{file.file}</strong>{' '}
      <span className="muted">
        ({file.libraryExport ? 'Margin library export' : SOURCE_NAMES[file.source]})
      </span>
      : {file.digests.map((d) => `${digestLabel(d.date)} (${count(d.papers, 'paper')})`).join(', ')}
      <div className="import-counts">
        <span>
          {count(file.added, 'new paper')}
          {done && ' added'}
        </span>
        <span>
          {file.alreadyPresent} {done ? 'merged into' : 'to merge into'} papers you have
        </span>
        {file.alreadyImported && <span>this file was imported before</span>}
      </div>
    </li>
  )
}
