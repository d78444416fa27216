import type { ImportReport } from './models'

/** An import's papers added and merged, and files read and refused, over all its files. */
export function importTotals(report: ImportReport) {
  const read = report.files.filter((file) => file.ok)
  return {
    added: read.reduce((sum, file) => sum + file.added, 0),
    alreadyPresent: read.reduce((sum, file) => sum + file.alreadyPresent, 0),
    filesRead: read.length,
    filesRefused: report.files.length - read.length,
  }
}
