import { SOURCE_NAMES, type FileImportReport } from '../../../shared/models'
import { counted } from '../export/counted'
import type { LoadSummary } from '../export/loadLibraryJson'
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

const NOUNS: ReadonlyArray<[keyof LoadSummary, string]> = [
  ['papers', 'paper'],
  ['digests', 'digest'],
  ['notes', 'note'],
  ['highlights', 'highlight'],
  ['pdfAnnotations', 'PDF annotation'],
  ['tags', 'tag'],
]

/** What an export brings, as import-json says it: "3 papers, 1 digest, … and 1 tag". */
function describeLoad(summary: LoadSummary): string {
  const parts = NOUNS.map(([key, noun]) => counted(summary[key], noun))
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}
