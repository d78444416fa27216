import type { Paper } from '../../../shared/models'
import { paperLink } from './paperLink'

const COLUMNS = [
  'id',
  'title',
  'arxiv_id',
  'authors',
  'categories',
  'published',
  'upvotes',
  'status',
  'digests',
  'tags',
  'has_note',
  'note',
  'link',
  'added_at',
] as const

/**
 * One row per paper, RFC 4180 (CRLF rows, quoted fields), UTF-8 with a byte-order mark so Excel
 * reads accents. Lists are joined with ";".
 */
export function papersCsv(papers: readonly Paper[]): string {
  const rows = papers.map((paper) => [
    String(paper.id),
    paper.title,
    paper.arxivId ?? '',
    paper.authors.join(';'),
    paper.categories.join(';'),
    paper.publishedAt ?? '',
    paper.upvotes === null ? '' : String(paper.upvotes),
    paper.status,
    paper.digests.join(';'),
    paper.tags.join(';'),
    paper.note !== null ? 'yes' : 'no',
    paper.note ?? '',
    paperLink(paper) ?? '',
    new Date(paper.addedAt).toISOString(),
  ])
  return `\uFEFF${[[...COLUMNS], ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}

function cell(value: string): string {
  // A spreadsheet runs a cell that starts like a formula; the quote makes it plain text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
