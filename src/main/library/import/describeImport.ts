import { SOURCE_NAMES, type FileImportReport } from '../../../shared/models'
import { describeLoad } from '../export/loadLibraryJson'
import { isExportReport } from './libraryExport'

/** A file's import as lines of text: its format, days and counts; before it runs or after. */
export function describeFileImport(
  file: Extract<FileImportReport, { ok: true }>,
  preview: boolean,
): string {
  if (isExportReport(file)) {
    return `${preview ? 'Would load' : 'Loaded'} a Margin export: ${describeLoad(file.libraryExport)} from ${file.file}\n`
  }
  const days = file.digests.map((d) => `  ${d.date}: ${d.papers} papers`).join('\n')
  const again = file.alreadyImported ? ' (this file was imported before)' : ''
  const [added, present] = preview
    ? ['would be added', 'would merge into papers you have']
    : ['added', 'already present']
  return `${file.file} (${SOURCE_NAMES[file.source]})\n${days}\n  ${file.added} ${added}, ${file.alreadyPresent} ${present}${again}\n`
}
