import type { Db } from '../db/openLibrary'
import type { PaperMeta, ReadingStatus } from '../../../shared/models'

/** A row of the papers table as stored. */
export interface PaperTableRow {
  id: number
  title: string
  abstract: string
  arxiv_id: string | null
  links: string
  submitted_by: string | null
  author_count: number | null
  upvotes: number | null
  status: ReadingStatus
  added_at: number
}

/** A paper with what the app shows beside it. */
export interface PaperRow extends PaperTableRow {
  note: string | null
  note_updated_at: number | null
  digest_dates: string
  tag_names: string
}

export interface NewPaper extends PaperMeta {
  title: string
  abstract: string
  titleKey: string
  links: string[]
  addedAt: number
}

export interface PaperFilter {
  status?: ReadingStatus | undefined
  digest?: string | undefined
  tag?: string | undefined
}

export interface PaperSummaryRow {
  id: number
  title: string
  status: ReadingStatus
  digest: string
  has_note: 0 | 1
  tag_names: string
}

interface FilterParams {
  status: string | null
  digest: string | null
  tag: string | null
}

// Each paper once, at its newest digest appearance (newest digest first, then the digest's
// order), narrowed by the filter. Both list statements select from it.
const FILTERED_PAPERS = `
  FROM (
    SELECT dp.paper_id, d.date, dp.position,
      row_number() OVER (PARTITION BY dp.paper_id ORDER BY d.date DESC, dp.position) AS nth
    FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
    WHERE @digest IS NULL OR d.date = @digest
  ) o
  JOIN papers p ON p.id = o.paper_id
  LEFT JOIN notes n ON n.paper_id = p.id
  WHERE o.nth = 1
    AND (@status IS NULL OR p.status = @status)
    AND (@tag IS NULL OR EXISTS (
      SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
      WHERE pt.paper_id = p.id AND t.name = @tag))
  ORDER BY o.date DESC, o.position`

/** The paper `p`'s tag names as a JSON array, by name. */
export const TAG_NAMES = `
  (SELECT json_group_array(name) FROM (
     SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.paper_id = p.id ORDER BY t.name COLLATE NOCASE)) AS tag_names`

function filterParams(filter: PaperFilter): FilterParams {
  return {
    status: filter.status ?? null,
    digest: filter.digest ?? null,
    tag: filter.tag ?? null,
  }
}

const PAPER_COLUMNS = `
  p.id, p.title, p.abstract, p.arxiv_id, p.links, p.submitted_by, p.author_count, p.upvotes,
  p.status, p.added_at, n.body AS note, n.updated_at AS note_updated_at,
  (SELECT json_group_array(date) FROM (
     SELECT d.date FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
     WHERE dp.paper_id = p.id ORDER BY d.date DESC)) AS digest_dates,
  ${TAG_NAMES}`

export function createPapersRepo(db: Db) {
  const byArxivId = db.prepare<[string], { id: number }>('SELECT id FROM papers WHERE arxiv_id = ?')
  const byTitleKey = db.prepare<[string], { id: number; arxiv_id: string | null }>(
    'SELECT id, arxiv_id FROM papers WHERE title_key = ? ORDER BY id LIMIT 1',
  )
  const insert = db.prepare<[Omit<NewPaper, 'links'> & { links: string }], never>(`
    INSERT INTO papers (title, abstract, title_key, arxiv_id, links, submitted_by, author_count, upvotes, added_at)
    VALUES (@title, @abstract, @titleKey, @arxivId, @links, @submittedBy, @authorCount, @upvotes, @addedAt)`)
  const fillMeta = db.prepare<[{ id: number } & PaperMeta], never>(`
    UPDATE papers SET
      arxiv_id = coalesce(arxiv_id, @arxivId),
      submitted_by = coalesce(submitted_by, @submittedBy),
      author_count = coalesce(author_count, @authorCount),
      upvotes = coalesce(@upvotes, upvotes)
    WHERE id = @id`)
  const setStatus = db.prepare<[ReadingStatus, number], never>(
    'UPDATE papers SET status = ? WHERE id = ?',
  )
  const statusOf = db.prepare<[number], { status: ReadingStatus }>(
    'SELECT status FROM papers WHERE id = ?',
  )
  const one = db.prepare<[number], PaperRow>(
    `SELECT ${PAPER_COLUMNS} FROM papers p LEFT JOIN notes n ON n.paper_id = p.id WHERE p.id = ?`,
  )
  const list = db.prepare<[FilterParams], PaperRow>(`SELECT ${PAPER_COLUMNS} ${FILTERED_PAPERS}`)
  const summaries = db.prepare<[FilterParams], PaperSummaryRow>(`
    SELECT p.id, p.title, p.status, o.date AS digest, n.paper_id IS NOT NULL AS has_note, ${TAG_NAMES}
    ${FILTERED_PAPERS}`)
  const statusCounts = db.prepare<[], { status: ReadingStatus; count: number }>(
    'SELECT status, count(*) AS count FROM papers GROUP BY status',
  )

  return {
    findIdByArxivId: (arxivId: string) => byArxivId.get(arxivId)?.id ?? null,
    findByTitleKey: (titleKey: string) => byTitleKey.get(titleKey) ?? null,
    insert: (paper: NewPaper): number =>
      Number(insert.run({ ...paper, links: JSON.stringify(paper.links) }).lastInsertRowid),
    fillMissingMeta: (id: number, meta: PaperMeta) => fillMeta.run({ id, ...meta }),
    statusOf: (id: number) => statusOf.get(id)?.status ?? null,
    setStatus: (id: number, status: ReadingStatus) => setStatus.run(status, id),
    get: (id: number) => one.get(id) ?? null,
    list: (filter: PaperFilter) => list.all(filterParams(filter)),
    summaries: (filter: PaperFilter) => summaries.all(filterParams(filter)),
    statusCounts: () => statusCounts.all(),
  }
}

export type PapersRepo = ReturnType<typeof createPapersRepo>
