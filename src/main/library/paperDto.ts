import {
  READING_STATUSES,
  type DigestSummary,
  type Paper,
  type PaperDetail,
  type PaperSummary,
  type ReadingStatus,
  type StatusCounts,
} from '../../shared/models'
import type { DigestSummaryRow } from './repos/digests.repo'
import type { PaperRow, PaperSummaryRow } from './repos/papers.repo'
import type { StatusHistoryRow } from './repos/statusHistory.repo'

export function toPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    arxivId: row.arxiv_id,
    links: JSON.parse(row.links) as string[],
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

export function toPaperDetail(row: PaperRow, history: StatusHistoryRow[]): PaperDetail {
  return {
    ...toPaper(row),
    noteUpdatedAt: row.note_updated_at,
    statusHistory: history.map((h) => ({ from: h.from_status, to: h.to_status, at: h.changed_at })),
  }
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
  }
}

export function toStatusCounts(
  rows: ReadonlyArray<{ status: ReadingStatus; count: number }>,
): StatusCounts {
  const counts = Object.fromEntries(READING_STATUSES.map((s) => [s, 0])) as StatusCounts
  for (const row of rows) counts[row.status] = row.count
  return counts
}
