import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/openLibrary'
import type { ListSort, PaperFacts, ReadingStatus } from '../../../shared/models'

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
  /** JSON arrays of names. */
  authors: string
  categories: string
  published_at: string | null
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

export interface NewPaper extends PaperFacts {
  title: string
  abstract: string
  titleKey: string
  links: string[]
  addedAt: number
  /**
   * The digest appearance it is added with (its date, its position there): the list order is
   * then written with the row instead of by the appearance's trigger, an update of every
   * index that orders the list.
   */
  listedDate: string
  listedPosition: number
}

export interface PaperFilter {
  status?: ReadingStatus | undefined
  digest?: string | undefined
  tag?: string | undefined
  /** The order of the list; listed (the digests' own) when absent. */
  sort?: ListSort | undefined
}

/**
 * The papers whose title key is @titleKey, through the index of the keys' first 32 characters
 * (migration 0013): the expression must stay the index's own for SQLite to use it.
 */
export const TITLE_KEY_MATCH =
  'substr(title_key, 1, 32) = substr(@titleKey, 1, 32) AND title_key = @titleKey'

/** Each order, ties broken by the digests' own order. */
// Migration 0013 indexes each of these orders (read backwards): change one only with its index.
const SORT_ORDER: Record<Exclude<ListSort, 'listed'>, string> = {
  published: 'p.published_at IS NULL, p.published_at DESC',
  upvotes: 'p.upvotes IS NULL, p.upvotes DESC',
}

export interface PaperSummaryRow {
  id: number
  title: string
  status: ReadingStatus
  digest: string
  has_note: 0 | 1
  tag_names: string
  has_pdf: 0 | 1
  /** Where the reader was in the paper's PDF (null before it was opened). */
  read_page: number | null
  read_page_count: number | null
}

/** Facts as columns hold them: the name lists as JSON. */
type StoredFacts<T extends PaperFacts> = Omit<T, 'authors' | 'categories' | 'links'> & {
  authors: string
  categories: string
}

function stored<T extends PaperFacts>(facts: T): StoredFacts<T> {
  return {
    ...facts,
    authors: JSON.stringify(facts.authors),
    categories: JSON.stringify(facts.categories),
  }
}

const NO_RANGE: DigestRange = { digestFrom: null, digestTo: null }

/** The newest digest `p` appeared in, within the range when there is one. */
const DIGEST = `
  CASE WHEN @digestFrom IS NULL THEN p.listed_date ELSE
    (SELECT max(d.date) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
     WHERE dp.paper_id = p.id AND d.date BETWEEN @digestFrom AND @digestTo) END`

/** Which digests a summary's date comes from: any (null), or a range of ISO dates. */
export interface DigestRange {
  digestFrom: string | null
  digestTo: string | null
}

/**
 * The ids of the list `filter` asks for, in list order: a digest's papers in that digest's
 * order, else each paper at its newest digest appearance (newest first). Only the filters
 * present become conditions, so SQLite can read the order from the papers_listed indexes.
 */
export function listIdsSql(filter: PaperFilter): string {
  const where = ['p.listed_date IS NOT NULL']
  if (filter.status) where.push('p.status = @status')
  if (filter.tag) {
    where.push(`EXISTS (SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
      WHERE pt.paper_id = p.id AND t.name = @tag)`)
  }
  const sortedBy = filter.sort && filter.sort !== 'listed' ? `${SORT_ORDER[filter.sort]}, ` : ''
  if (filter.digest) {
    // CROSS JOIN keeps the digest outermost; SQLite might otherwise walk a papers index.
    return `SELECT p.id FROM digests d CROSS JOIN digest_papers dp ON dp.digest_id = d.id
      CROSS JOIN papers p ON p.id = dp.paper_id
      WHERE d.date = @digest AND ${where.join(' AND ')} ORDER BY ${sortedBy}dp.position`
  }
  return `SELECT p.id FROM papers p WHERE ${where.join(' AND ')}
    ORDER BY ${sortedBy}p.listed_date DESC, p.listed_position`
}

/** The paper `p`'s tag names as a JSON array, by name. */
export const TAG_NAMES = `
  (SELECT json_group_array(name) FROM (
     SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
     WHERE pt.paper_id = p.id ORDER BY t.name COLLATE NOCASE)) AS tag_names`

const PAPER_COLUMNS = `
  p.id, p.title, p.abstract, p.arxiv_id, p.links, p.submitted_by, p.author_count, p.upvotes,
  p.authors, p.categories, p.published_at, p.status, p.added_at, n.body AS note, n.updated_at AS note_updated_at,
  (SELECT json_group_array(date) FROM (
     SELECT d.date FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
     WHERE dp.paper_id = p.id ORDER BY d.date DESC)) AS digest_dates,
  ${TAG_NAMES}`

export function createPapersRepo(db: Db) {
  const byArxivId = db.prepare<[string], { id: number }>('SELECT id FROM papers WHERE arxiv_id = ?')
  const byTitleKey = db.prepare<[{ titleKey: string }], { id: number; arxiv_id: string | null }>(
    `SELECT id, arxiv_id FROM papers WHERE ${TITLE_KEY_MATCH} ORDER BY id LIMIT 1`,
  )
  const insert = db.prepare<[StoredFacts<NewPaper> & { links: string }], never>(`
    INSERT INTO papers (title, abstract, title_key, arxiv_id, links, submitted_by, author_count,
      upvotes, authors, categories, published_at, added_at, listed_date, listed_position)
    VALUES (@title, @abstract, @titleKey, @arxivId, @links, @submittedBy, @authorCount,
      @upvotes, @authors, @categories, @publishedAt, @addedAt, @listedDate, @listedPosition)`)
  // What the paper lacks is filled in; upvotes are the highest count a source gave (counts only
  // grow, and synced devices meet sources in any order: sync joins them by the largest); a source
  // naming more authors or categories (arXiv lists them all) replaces a shorter list.
  const fillMeta = db.prepare<[{ id: number } & StoredFacts<PaperFacts>], never>(`
    UPDATE papers SET
      arxiv_id = coalesce(arxiv_id, @arxivId),
      submitted_by = coalesce(submitted_by, @submittedBy),
      author_count = coalesce(author_count, @authorCount),
      upvotes = CASE WHEN upvotes >= @upvotes OR @upvotes IS NULL THEN upvotes ELSE @upvotes END,
      authors = CASE WHEN json_array_length(@authors) > json_array_length(authors)
        THEN @authors ELSE authors END,
      categories = CASE WHEN json_array_length(@categories) > json_array_length(categories)
        THEN @categories ELSE categories END,
      published_at = coalesce(published_at, @publishedAt)
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
  const listIds = new Map<string, Statement<[PaperFilter], number>>()
  const idsOf = (filter: PaperFilter): number[] => {
    const present = { ...filter }
    for (const key of ['status', 'digest', 'tag', 'sort'] as const) {
      if (!present[key]) delete present[key]
    }
    // One statement per SQL text: filters that give the same SQL (no sort, 'listed') share it.
    const sql = listIdsSql(present)
    let statement = listIds.get(sql)
    if (!statement) {
      statement = db.prepare<[PaperFilter], number>(sql).pluck()
      listIds.set(sql, statement)
    }
    return statement.all(present)
  }
  // CROSS JOIN keeps json_each outside: SQLite would otherwise scan papers by an index.
  const list = db.prepare<[string], PaperRow>(`
    SELECT ${PAPER_COLUMNS} FROM json_each(?) j CROSS JOIN papers p ON p.id = j.value
    LEFT JOIN notes n ON n.paper_id = p.id ORDER BY j.key`)
  const summaries = db.prepare<[DigestRange & { ids: string }], PaperSummaryRow>(`
    SELECT p.id, p.title, p.status, ${DIGEST} AS digest,
      EXISTS (SELECT 1 FROM notes WHERE paper_id = p.id) AS has_note, ${TAG_NAMES},
      EXISTS (SELECT 1 FROM paper_files WHERE paper_id = p.id) AS has_pdf,
      rp.page AS read_page, rp.page_count AS read_page_count
    FROM json_each(@ids) j CROSS JOIN papers p ON p.id = j.value
    LEFT JOIN reading_positions rp ON rp.paper_id = p.id ORDER BY j.key`)
  const onlyNew = db.prepare<[string], number>(`
    SELECT p.id FROM json_each(?) j CROSS JOIN papers p ON p.id = j.value
    WHERE p.status = 'new' ORDER BY j.key`)
  const statusCounts = db.prepare<[], { status: ReadingStatus; count: number }>(
    'SELECT status, count(*) AS count FROM papers GROUP BY status',
  )

  return {
    findIdByArxivId: (arxivId: string) => byArxivId.get(arxivId)?.id ?? null,
    findByTitleKey: (titleKey: string) => byTitleKey.get({ titleKey }) ?? null,
    insert: (paper: NewPaper): number =>
      Number(insert.run({ ...stored(paper), links: JSON.stringify(paper.links) }).lastInsertRowid),
    fillMissingMeta: (id: number, facts: PaperFacts) => fillMeta.run({ id, ...stored(facts) }),
    statusOf: (id: number) => statusOf.get(id)?.status ?? null,
    setStatus: (id: number, status: ReadingStatus) => setStatus.run(status, id),
    get: (id: number) => one.get(id) ?? null,
    /** The ids of a paper list, in its order. */
    listIds: idsOf,
    /** Papers of a list, in its order. */
    list: (filter: PaperFilter) => list.all(JSON.stringify(idsOf(filter))),
    /** Summaries of `ids` in that order, each dated by its newest digest within `range`. */
    summaries: (ids: readonly number[], range: DigestRange = NO_RANGE) =>
      summaries.all({ ids: JSON.stringify(ids), ...range }),
    /** Those of `ids` that are still new, in that order. */
    onlyNew: (ids: readonly number[]) => onlyNew.all(JSON.stringify(ids)),
    statusCounts: () => statusCounts.all(),
  }
}

export type PapersRepo = ReturnType<typeof createPapersRepo>
