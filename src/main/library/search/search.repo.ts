import type { Db } from '../db/openLibrary'

/** What narrows a search, as bound parameters (JSON arrays for lists). */
export interface SearchConditions {
  /** JSON array of statuses, or null for any. */
  statuses: string | null
  /** JSON array of tag names the paper must all have. */
  tags: string
  digestFrom: string | null
  digestTo: string | null
  hasNote: 0 | 1
  hasHighlight: 0 | 1
  arxiv: string | null
  /** An FTS5 expression of what must not match, or null. */
  exclude: string | null
}

export interface ScoredId {
  id: number
  /** bm25: lower is better. */
  score: number
}

/** A paper's text as indexed: `notes` holds the note and its highlights' quotes and comments. */
export interface IndexedText {
  id: number
  title: string
  abstract: string
  notes: string
}

// Column weights of bm25(), in the order of the table's columns (title, abstract, notes, tags):
// a match in the title counts most.
const BM25 = 'bm25(paper_search, 10, 1, 2, 5)'

const CONDITIONS = `
  (@statuses IS NULL OR p.status IN (SELECT value FROM json_each(@statuses)))
  AND NOT EXISTS (
    SELECT 1 FROM json_each(@tags) w WHERE NOT EXISTS (
      SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
      WHERE pt.paper_id = p.id AND t.name = w.value))
  AND (@digestFrom IS NULL OR EXISTS (
    SELECT 1 FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
    WHERE dp.paper_id = p.id AND d.date BETWEEN @digestFrom AND @digestTo))
  AND (NOT @hasNote OR EXISTS (SELECT 1 FROM notes WHERE paper_id = p.id))
  AND (NOT @hasHighlight OR EXISTS (SELECT 1 FROM highlights WHERE paper_id = p.id))
  AND (@arxiv IS NULL OR p.arxiv_id = @arxiv)
  AND (@exclude IS NULL OR p.id NOT IN (
    SELECT rowid FROM paper_search WHERE paper_search MATCH @exclude))`

// Newest digest appearance first (within the digest range when there is one).
const LIST_ORDER = `
  CASE WHEN @digestFrom IS NULL THEN p.listed_date ELSE
    (SELECT max(d.date) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
     WHERE dp.paper_id = p.id AND d.date BETWEEN @digestFrom AND @digestTo) END DESC,
  p.listed_position, p.id`

/** The full-text index of papers: every query over paper_search (MATCH text is always bound). */
export function createSearchRepo(db: Db) {
  // Most recently added first, each with its bm25 score; FTS5 stops at the limit.
  const scored = db.prepare<[SearchConditions & { match: string; limit: number }], ScoredId>(`
    SELECT p.id, ${BM25} AS score FROM paper_search JOIN papers p ON p.id = paper_search.rowid
    WHERE paper_search MATCH @match AND ${CONDITIONS}
    ORDER BY paper_search.rowid DESC LIMIT @limit`)
  const scoredUnconditionally = db.prepare<[{ match: string; limit: number }], ScoredId>(`
    SELECT rowid AS id, ${BM25} AS score FROM paper_search WHERE paper_search MATCH @match
    ORDER BY rowid DESC LIMIT @limit`)
  const newest = db.prepare<[SearchConditions & { match: string; limit: number }], number>(`
    SELECT p.id FROM paper_search JOIN papers p ON p.id = paper_search.rowid
    WHERE paper_search MATCH @match AND ${CONDITIONS}
    ORDER BY paper_search.rowid DESC LIMIT @limit`)
  const newestUnconditionally = db.prepare<[{ match: string; limit: number }], number>(`
    SELECT rowid FROM paper_search WHERE paper_search MATCH @match ORDER BY rowid DESC LIMIT @limit`)
  const anyMatch = db.prepare<[string], number>(
    'SELECT rowid FROM paper_search WHERE paper_search MATCH ? LIMIT 1',
  )
  const texts = db.prepare<[string], IndexedText>(`
    SELECT rowid AS id, title, abstract, notes FROM paper_search
    WHERE rowid IN (SELECT value FROM json_each(?))`)
  const filtered = db.prepare<[SearchConditions & { limit: number }], number>(`
    SELECT p.id FROM papers p WHERE p.listed_date IS NOT NULL AND ${CONDITIONS}
    ORDER BY ${LIST_ORDER} LIMIT @limit`)
  const documentCount = db.prepare<[string], { doc: number }>(
    'SELECT doc FROM paper_search_terms WHERE term = ?',
  )
  const termsAfter = db.prepare<[string, number], { term: string; doc: number }>(
    'SELECT term, doc FROM paper_search_terms WHERE term > ? ORDER BY term LIMIT ?',
  )
  const source = db.prepare<[number], { title: string; abstract: string }>(
    'SELECT title, abstract FROM papers WHERE id = ?',
  )
  const related = db.prepare<[{ match: string; id: number; limit: number }], number>(`
    SELECT rowid FROM paper_search WHERE paper_search MATCH @match AND rowid <> @id
    ORDER BY ${BM25} LIMIT @limit`)

  return {
    /** The papers matching `match` and the conditions, most recently added first, scored. */
    scored: (match: string, conditions: SearchConditions, limit: number): ScoredId[] =>
      isUnconditional(conditions)
        ? scoredUnconditionally.all({ match, limit })
        : scored.all({ ...conditions, match, limit }),
    /** Ids of the papers matching `match` and the conditions, most recently added first. */
    newest: (match: string, conditions: SearchConditions, limit: number): number[] =>
      isUnconditional(conditions)
        ? newestUnconditionally.pluck().all({ match, limit })
        : newest.pluck().all({ ...conditions, match, limit }),
    /** Some paper matches `match`. */
    matchesAny: (match: string) => anyMatch.pluck().get(match) !== undefined,
    /** The indexed text of `ids`, any order. */
    texts: (ids: readonly number[]) => texts.all(JSON.stringify(ids)),
    /** Ids of the papers matching the conditions alone, in list order. */
    filtered: (conditions: SearchConditions, limit: number) =>
      filtered.pluck().all({ ...conditions, limit }),
    /** How many papers contain `term`. */
    documentCount: (term: string) => documentCount.get(term)?.doc ?? 0,
    /** Up to `limit` indexed terms after `after` in term order, with how many papers hold each. */
    termsAfter: (after: string, limit: number) => termsAfter.all(after, limit),
    paperText: (id: number) => source.get(id) ?? null,
    /** Ids of the papers matching `match` other than paper `id`, best first. */
    related: (match: string, id: number, limit: number) =>
      related.pluck().all({ match, id, limit }),
  }
}

/** Nothing narrows the search: the index alone answers it, without reading papers. */
function isUnconditional(conditions: SearchConditions): boolean {
  return (
    conditions.statuses === null &&
    conditions.tags === '[]' &&
    conditions.digestFrom === null &&
    !conditions.hasNote &&
    !conditions.hasHighlight &&
    conditions.arxiv === null &&
    conditions.exclude === null
  )
}

export type SearchRepo = ReturnType<typeof createSearchRepo>
