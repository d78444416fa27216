import { counted } from './counted'
import type { ExportSummary } from './exportLibrary'

/** What an export wrote, in the words the command line and the app both print. */
export function describeExport(summary: ExportSummary, out: string): string {
  const where =
    summary.format === 'markdown' ? `${counted(summary.written.length, 'file')} in ${out}` : out
  const skipped = summary.skipped
    ? `\n${counted(summary.skipped, 'paper')} skipped: no arXiv id`
    : ''
  return `Wrote ${counted(summary.papers, 'paper')} to ${where}${skipped}`
}
