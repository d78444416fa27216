import type { Db } from '../db/openLibrary'
import { TAG_NAMES, type PaperSummaryRow } from '../repos/papers.repo'

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

export interface MatchedSummaryRow extends PaperSummaryRow {
  match_title: string
  abstract_snippet: string
  notes_snippet: string
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

// The newest digest the paper appeared in, within the digest range when there is one.
const DIGEST = `
  (SELECT max(d.date) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
   WHERE dp.paper_id = p.id
     AND (@digestFrom IS NULL OR d.date BETWEEN @digestFrom AND @digestTo)) AS digest`

const SUMMARY_COLUMNS = `
  p.id, p.title, p.status, ${DIGEST},
  EXISTS (SELECT 1 FROM notes WHERE paper_id = p.id) AS has_note, ${TAG_NAMES}`

/** The full-text index of papers: every query over paper_search (MATCH text is always bound). */
export function createSearchRepo(db: Db) {
  const ranked = db.prepare<[SearchConditions & { match: string; limit: number }], { id: number }>(`
    SELECT p.id FROM paper_search JOIN papers p ON p.id = paper_search.rowid
    WHERE paper_search MATCH @match AND ${CONDITIONS}
    ORDER BY ${BM25} LIMIT @limit`)
  // Highlights and snippets only for the papers shown, not for every match.
  const matched = db.prepare<
    [SearchConditions & { match: string; ids: string; start: string; end: string }],
    MatchedSummaryRow
  >(`
    SELECT ${SUMMARY_COLUMNS},
      highlight(paper_search, 0, @start, @end) AS match_title,
      snippet(paper_search, 1, @start, @end, '…', 16) AS abstract_snippet,
      snippet(paper_search, 2, @start, @end, '…', 16) AS notes_snippet
    FROM paper_search JOIN papers p ON p.id = paper_search.rowid
    WHERE paper_search MATCH @match
      AND paper_search.rowid IN (SELECT value FROM json_each(@ids))`)
  const filtered = db.prepare<[SearchConditions & { limit: number }], PaperSummaryRow>(`
    SELECT ${SUMMARY_COLUMNS} FROM (
      SELECT dp.paper_id, d.date, dp.position,
        row_number() OVER (PARTITION BY dp.paper_id ORDER BY d.date DESC, dp.position) AS nth
      FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
      WHERE @digestFrom IS NULL OR d.date BETWEEN @digestFrom AND @digestTo
    ) o
    JOIN papers p ON p.id = o.paper_id
    WHERE o.nth = 1 AND ${CONDITIONS}
    ORDER BY o.date DESC, o.position LIMIT @limit`)
  const termAtOrAfter = db.prepare<[string], { term: string }>(
    'SELECT term FROM paper_search_terms WHERE term >= ? LIMIT 1',
  )
  const documentCount = db.prepare<[string], { doc: number }>(
    'SELECT doc FROM paper_search_terms WHERE term = ?',
  )
  const allTerms = db.prepare<[], { term: string; doc: number }>(
    'SELECT term, doc FROM paper_search_terms',
  )
  const source = db.prepare<[number], { title: string; abstract: string }>(
    'SELECT title, abstract FROM papers WHERE id = ?',
  )
  const related = db.prepare<
    [{ match: string; id: number; limit: number; digestFrom: null; digestTo: null }],
    PaperSummaryRow
  >(`
    SELECT ${SUMMARY_COLUMNS}
    FROM paper_search JOIN papers p ON p.id = paper_search.rowid
    WHERE paper_search MATCH @match AND p.id <> @id
    ORDER BY ${BM25} LIMIT @limit`)

  return {
    /** Ids of the papers matching `match` and the conditions, best first. */
    ranked: (match: string, conditions: SearchConditions, limit: number) =>
      ranked.all({ ...conditions, match, limit }).map((row) => row.id),
    /** Summaries of `ids` (any order) with the matches of `match` between `start` and `end`. */
    matched: (
      match: string,
      conditions: SearchConditions,
      ids: readonly number[],
      marks: { start: string; end: string },
    ) => matched.all({ ...conditions, match, ids: JSON.stringify(ids), ...marks }),
    /** Papers matching the conditions alone, newest digest first, in the digest's order. */
    filtered: (conditions: SearchConditions, limit: number) =>
      filtered.all({ ...conditions, limit }),
    /** The first indexed term at or after `text` in term order, or null. */
    termAtOrAfter: (text: string) => termAtOrAfter.get(text)?.term ?? null,
    /** How many papers contain `term`. */
    documentCount: (term: string) => documentCount.get(term)?.doc ?? 0,
    /** Every indexed term with how many papers contain it. */
    allTerms: () => allTerms.all(),
    paperText: (id: number) => source.get(id) ?? null,
    /** Papers matching `match` other than paper `id`, best first. */
    related: (match: string, id: number, limit: number) =>
      related.all({ match, id, limit, digestFrom: null, digestTo: null }),
  }
}

export type SearchRepo = ReturnType<typeof createSearchRepo>
