import { MATCH_START, type DownloadStatus, type PdfFile } from '../shared/models'

const UNITS = ['KB', 'MB', 'GB', 'TB']

/** "512 bytes", "840 KB", "3.2 MB": sizes as a file manager shows them (1 KB = 1,024 bytes). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const shown = value >= 100 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10
  return `${shown} ${UNITS[unit]}`
}

/** Where the reader was in the PDF: "p. 7/24". */
export function progressLabel(progress: { page: number; pageCount: number }): string {
  return `p. ${progress.page}/${progress.pageCount}`
}

/** The pages a search matched, at most `shown` of them, then how many more: "p. 3, 7 +4". */
export function pagesShown(pages: readonly number[], shown = 5): { pages: number[]; more: number } {
  return { pages: pages.slice(0, shown), more: Math.max(0, pages.length - shown) }
}

/** Where a search hit a PDF annotation's quote or comment: "in an annotation, p. 3, 7 +2". */
export function annotationHitLabel(pages: readonly number[]): string {
  const { pages: shown, more } = pagesShown([...new Set(pages)], 3)
  const noun = pages.length === 1 ? 'an annotation' : 'annotations'
  return `in ${noun}, p. ${shown.join(', ')}${more > 0 ? ` +${more}` : ''}`
}

/**
 * Where a PDF came from, short: "arXiv 2408.01234v2" for a download from arXiv's /pdf/ address
 * (at MARGIN_ARXIV_BASE_URL, which tests point at a local server), else the file's name.
 */
export function originLabel(origin: string): string {
  const arxiv = /^https?:\/\/[^/]+\/pdf\/([^/?#]+?)(?:\.pdf)?$/i.exec(origin)
  if (arxiv) return `arXiv ${arxiv[1]}`
  if (/^https?:\/\//i.test(origin)) return `Downloaded from ${origin}`
  return origin
}

/** Whether the PDF's text can be searched yet, in words. */
export function textStateLabel(file: Pick<PdfFile, 'textState' | 'textProblem'>): string {
  switch (file.textState) {
    case 'pending':
      return 'reading its text for search…'
    case 'done':
      return 'text searchable'
    case 'failed':
      return `text not searchable${file.textProblem ? `: ${file.textProblem}` : ''}`
  }
}

/** What the downloads line says, or null when the queue has nothing to tell. */
export function downloadLine(status: DownloadStatus): string | null {
  const { total, done, waiting, current, failed, paused, online } = status
  if (paused) {
    if (total === 0) return 'Downloads paused'
    return `Downloads paused — ${done} of ${total} downloaded${waiting > 0 ? `, ${waiting} waiting` : ''}`
  }
  if (total === 0 && failed.length === 0) return null
  const finished = done + failed.length
  if (!online && (waiting > 0 || current)) return 'Offline — waiting to reconnect'
  if (current) return `Downloading ${Math.min(finished + 1, total)} of ${total} — ${current.title}`
  if (waiting > 0) return `Waiting to download ${waiting} of ${total}`
  return `Downloaded ${done} of ${total}${failed.length > 0 ? `, ${failed.length} failed` : ''}`
}

/** The queue still has work: it can be paused or cancelled. */
export function downloadsActive(status: DownloadStatus | null): boolean {
  return status !== null && (status.waiting > 0 || status.current !== null)
}

/** A file named or typed as a PDF (its content is checked by the main process). */
export function isPdfName(file: { name: string; type: string }): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name)
}

/** The bytes start as every PDF does ("%PDF-"), whatever the file is called. */
export function hasPdfSignature(head: Uint8Array): boolean {
  const signature = [0x25, 0x50, 0x44, 0x46, 0x2d]
  return signature.every((byte, index) => head[index] === byte)
}

/**
 * A marked snippet cut so that its first match comes within `lead` characters of the start (at
 * a word boundary, with an ellipsis), so a one- or two-line row shows the match itself.
 */
export function leadToMatch(marked: string, lead = 40): string {
  const first = marked.indexOf(MATCH_START)
  if (first <= lead) return marked
  const space = marked.indexOf(' ', first - lead)
  const start = space === -1 || space >= first ? first : space + 1
  return `…${marked.slice(start)}`
}
