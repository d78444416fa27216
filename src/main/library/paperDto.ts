import {
  READING_STATUSES,
  type DigestSummary,
  type Highlight,
  type Paper,
  type PaperDetail,
  type PaperSummary,
  type PdfFile,
  type ReadingPosition,
  type ReadingStatus,
  type StatusCounts,
} from '../../shared/models'
import { toPdfAnnotations } from './annotations/annotationDto'
import type { PdfAnnotationRow } from './annotations/annotations.repo'
import { anchorQuote } from './highlights/anchor'
import type { DigestSummaryRow } from './repos/digests.repo'
import type { HighlightRow } from './repos/highlights.repo'
import type { PaperSourceFileRow } from './repos/importFiles.repo'
import type { PaperRow, PaperSummaryRow } from './repos/papers.repo'
import type { StatusHistoryRow } from './repos/statusHistory.repo'

export function toPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    arxivId: row.arxiv_id,
    links: JSON.parse(row.links) as string[],
    authors: JSON.parse(row.authors) as string[],
    categories: JSON.parse(row.categories) as string[],
    publishedAt: row.published_at,
    submittedBy: row.submitted_by,
    authorCount: row.author_count,
    upvotes: row.upvotes,
    status: row.status,
    digests: JSON.parse(row.digest_dates) as string[],
    note: row.note,
    tags: JSON.parse(row.tag_names) as string[],
    addedAt: row.added_at,
  }
}

export function toPaperDetail(
  row: PaperRow,
  history: StatusHistoryRow[],
  highlights: HighlightRow[],
  sources: PaperSourceFileRow[],
  pdf: {
    files: PdfFile[]
    position: ReadingPosition | null
    annotations: readonly PdfAnnotationRow[]
  } = { files: [], position: null, annotations: [] },
): PaperDetail {
  return {
    ...toPaper(row),
    sources: sources.map((s) => ({
      fileName: s.file_name,
      source: s.source,
      importedAt: s.imported_at,
    })),
    noteUpdatedAt: row.note_updated_at,
    statusHistory: history.map((h) => ({ from: h.from_status, to: h.to_status, at: h.changed_at })),
    highlights: toHighlights(row.abstract, highlights),
    annotations: toPdfAnnotations(pdf.annotations, pdf.files),
    files: pdf.files,
    position: pdf.position,
  }
}

/** Each highlight placed in the current abstract, in reading order; detached ones last. */
export function toHighlights(abstract: string, rows: readonly HighlightRow[]): Highlight[] {
  const placed = rows.map((row): Highlight => ({
    id: row.id,
    paperId: row.paper_id,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    color: row.color,
    comment: row.comment,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    anchor: anchorQuote(abstract, { ...row, start: row.start_offset }),
  }))
  return placed.sort(byPlace)
}

function byPlace(a: Highlight, b: Highlight): number {
  if (!a.anchor || !b.anchor) return Number(!a.anchor) - Number(!b.anchor) || a.id - b.id
  return a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end || a.id - b.id
}

export function toDigestSummary(row: DigestSummaryRow): DigestSummary {
  return {
    id: row.id,
    date: row.date,
    sourceFile: row.source_file,
    importedAt: row.imported_at,
    paperCount: row.paper_count,
    newCount: row.new_count,
  }
}

export function toPaperSummary(row: PaperSummaryRow): PaperSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    digest: row.digest,
    hasNote: row.has_note === 1,
    tags: JSON.parse(row.tag_names) as string[],
    hasPdf: row.has_pdf === 1,
    progress:
      row.has_pdf === 1 && row.read_page !== null && row.read_page_count !== null
        ? { page: row.read_page, pageCount: row.read_page_count }
        : null,
  }
}

export function toStatusCounts(
  rows: ReadonlyArray<{ status: ReadingStatus; count: number }>,
): StatusCounts {
  const counts = Object.fromEntries(READING_STATUSES.map((s) => [s, 0])) as StatusCounts
  for (const row of rows) counts[row.status] = row.count
  return counts
}
