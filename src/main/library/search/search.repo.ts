import type { Statement } from 'better-sqlite3'
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
  hasPdf: 0 | 1
  arxiv: string | null
  /** JSON array of name parts that must each be in one of the paper's authors. */
  authors: string
  /**
   * A trigram-index expression (paper_authors) of the name parts it can find, or null: it narrows
   * the papers to test against `authors` to those holding the parts.
   */
  authorMatch: string | null
  /** JSON array of categories or archives (cs) the paper must each be in. */
  categories: string
  /** The first of `categories`, or null: the papers in it are the ones tested against them all. */
  firstCategory: string | null
  /** An FTS5 expression of what must not match, or null. */
  exclude: string | null
  /** JSON array of the only paper ids that may match, or null for any. */
  ids: string | null
}

/** Some filter narrows the search: the papers table takes part. */
export function isConditional(c: SearchConditions): boolean {
  return conditionClauses(c).length > 0
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

/** A PDF annotation's text, with its page (1-based). */
export interface AnnotationText {
  paperId: number
  page: number
  quote: string
  comment: string
}

// Column weights of bm25(), in the order of the table's columns (title, abstract, notes, tags):
// a match in the title counts most.
const BM25 = 'bm25(paper_search, 10, 1, 2, 5)'

/** The filters whose indexes give candidates: the papers that may pass them (a superset). */
export type CandidateSource = 'authors' | 'categories' | 'digests'

const CANDIDATES: Record<CandidateSource, string> = {
  authors: 'SELECT rowid AS id FROM paper_authors WHERE paper_authors MATCH @authorMatch',
  categories: `SELECT paper_id AS id FROM paper_categories WHERE category = @firstCategory
    OR (category > @firstCategory || '.' AND category < @firstCategory || '/')`,
  // A day's digest lists a few dozen papers: with words, matching each of them by rowid beats
  // reading a common word's matches until enough are in it (bench:search, 'word digest:DAY').
  digests: `SELECT dp.paper_id AS id FROM digests d CROSS JOIN digest_papers dp ON dp.digest_id = d.id
    WHERE d.date BETWEEN @digestFrom AND @digestTo`,
}

/** The candidate sources the conditions have. */
export function candidateSources(c: SearchConditions): CandidateSource[] {
  const sources: CandidateSource[] = []
  if (c.authorMatch !== null) sources.push('authors')
  if (c.firstCategory !== null) sources.push('categories')
  if (c.digestFrom !== null) sources.push('digests')
  return sources
}

/**
 * How a search meets its author:, cat: and digest: filters. By default the word matches (FTS5, newest
 * first) or the list (filters alone, in list order) are read and each paper is tested against
 * the filters, which stops early when the filters let many through. `sets`: the candidates of
 * these sources are first gathered as a set (worth it when they are few: a rare name alone took
 * 300 ms, 13 ms so). `lead`: with words, this source's candidates are the outer loop and each is
 * matched against the index by rowid (worth it only for a handful: ~0.14 ms each).
 */
export interface FilterPlan {
  sets: readonly CandidateSource[]
  lead: CandidateSource | null
}

const TEST_EACH: FilterPlan = { sets: [], lead: null }

/**
 * The SQL conditions (on papers `p`) for the filters present, and only those: a condition that
 * is always true still costs its evaluation on every match. Candidates of the `sets` sources are
 * tested first, as a set (the unary + keeps SQLite from walking papers by it instead of in list
 * order); the exact tests on the paper's lists decide.
 */
export function conditionClauses(
  c: SearchConditions,
  sets: readonly CandidateSource[] = [],
): string[] {
  const clauses: string[] = []
  if (c.ids !== null) clauses.push('p.id IN (SELECT value FROM json_each(@ids))')
  if (c.statuses !== null) clauses.push('p.status IN (SELECT value FROM json_each(@statuses))')
  if (c.tags !== '[]') {
    clauses.push(`NOT EXISTS (
      SELECT 1 FROM json_each(@tags) w WHERE NOT EXISTS (
        SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
        WHERE pt.paper_id = p.id AND t.name = w.value))`)
  }
  if (c.digestFrom !== null) {
    // The digests in range are listed once, not joined again for every paper.
    clauses.push(`EXISTS (
      SELECT 1 FROM digest_papers dp WHERE dp.paper_id = p.id AND dp.digest_id IN (
        SELECT id FROM digests WHERE date BETWEEN @digestFrom AND @digestTo))`)
  }
  if (c.hasNote) clauses.push('EXISTS (SELECT 1 FROM notes WHERE paper_id = p.id)')
  if (c.hasHighlight) {
    clauses.push(`(EXISTS (SELECT 1 FROM highlights WHERE paper_id = p.id)
      OR EXISTS (SELECT 1 FROM pdf_annotations WHERE paper_id = p.id))`)
  }
  if (c.hasPdf) clauses.push('EXISTS (SELECT 1 FROM paper_files WHERE paper_id = p.id)')
  if (c.arxiv !== null) clauses.push('p.arxiv_id = @arxiv')
  for (const source of sets) clauses.push(`+p.id IN (${CANDIDATES[source]})`)
  if (c.authors !== '[]') {
    clauses.push(`NOT EXISTS (
      SELECT 1 FROM json_each(@authors) w WHERE NOT EXISTS (
        SELECT 1 FROM json_each(p.authors) a WHERE instr(lower(a.value), lower(w.value)) > 0))`)
  }
  if (c.categories !== '[]') {
    clauses.push(`NOT EXISTS (
      SELECT 1 FROM json_each(@categories) w WHERE NOT EXISTS (
        SELECT 1 FROM json_each(p.categories) c
        WHERE lower(c.value) = lower(w.value)
          OR substr(lower(c.value), 1, length(w.value) + 1) = lower(w.value) || '.'))`)
  }
  if (c.exclude !== null) {
    clauses.push('p.id NOT IN (SELECT rowid FROM paper_search WHERE paper_search MATCH @exclude)')
  }
  return clauses
}

/**
 * Papers matching @match and the conditions, most recently added first, up to @limit; FTS5
 * reads them in rowid order and stops there. The index is the outer loop (CROSS JOIN): SQLite
 * would otherwise walk papers by an index and run the match once per paper. With a `lead`, that
 * filter's few candidates are the outer loop instead.
 */
function newestSql(
  table: Index,
  conditions: SearchConditions,
  columns: string,
  plan: FilterPlan,
): string {
  const clauses = conditionClauses(conditions, plan.sets)
  const from = plan.lead
    ? `(${CANDIDATES[plan.lead]}) c CROSS JOIN ${table} ON ${table}.rowid = c.id
       CROSS JOIN papers p ON p.id = c.id`
    : clauses.length
      ? `${table} CROSS JOIN papers p ON p.id = ${table}.rowid`
      : table
  return `SELECT ${columns} FROM ${from}
    WHERE ${[`${table} MATCH @match`, ...clauses].join(' AND ')}
    ORDER BY ${table}.rowid DESC LIMIT @limit`
}

/** The full index (titles, abstracts, notes, tags) or the titles alone. */
type Index = 'paper_search' | 'paper_titles'

/** Papers matching the conditions alone, in list order (newest digest appearance first). */
function filteredSql(conditions: SearchConditions, sets: readonly CandidateSource[]): string {
  const order =
    conditions.digestFrom === null
      ? 'p.listed_date DESC, p.listed_position'
      : `(SELECT max(d.date) FROM digest_papers dp JOIN digests d ON d.id = dp.digest_id
          WHERE dp.paper_id = p.id AND d.date BETWEEN @digestFrom AND @digestTo) DESC,
         p.listed_position, p.id DESC`
  const clauses = ['p.listed_date IS NOT NULL', ...conditionClauses(conditions, sets)]
  return `SELECT p.id FROM papers p WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT @limit`
}

/** The full-text index of papers: every query over paper_search (MATCH text is always bound). */
export function createSearchRepo(db: Db) {
  // One statement per shape of conditions, prepared on first use.
  const statements = new Map<string, Statement>()
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  const anyMatch = db.prepare<[string], number>(
    'SELECT rowid FROM paper_search WHERE paper_search MATCH ? LIMIT 1',
  )
  const texts = db.prepare<[string], IndexedText>(`
    SELECT id, title, abstract, notes FROM paper_search_source
    WHERE id IN (SELECT value FROM json_each(?))`)
  const annotationTexts = db.prepare<[string], AnnotationText>(`
    SELECT paper_id AS paperId, page_index + 1 AS page, quote, coalesce(comment, '') AS comment
    FROM pdf_annotations WHERE paper_id IN (SELECT value FROM json_each(?))
    ORDER BY paper_id, page_index`)
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
    scored: (
      match: string,
      conditions: SearchConditions,
      limit: number,
      plan: FilterPlan = TEST_EACH,
    ): ScoredId[] =>
      prepared(
        newestSql('paper_search', conditions, `paper_search.rowid AS id, ${BM25} AS score`, plan),
      ).all({
        ...conditions,
        match,
        limit,
      }) as ScoredId[],
    /**
     * Ids of the papers matching `match` (in their titles alone with `titles`) and the
     * conditions, most recently added first.
     */
    newest: (
      match: string,
      conditions: SearchConditions,
      limit: number,
      { titles = false, plan = TEST_EACH }: { titles?: boolean; plan?: FilterPlan } = {},
    ): number[] => {
      const table = titles ? 'paper_titles' : 'paper_search'
      return prepared(newestSql(table, conditions, `${table}.rowid`, plan))
        .pluck()
        .all({ ...conditions, match, limit }) as number[]
    },
    /** How many candidates `source` gives for the conditions, counting up to `cap`. */
    candidateCount: (source: CandidateSource, conditions: SearchConditions, cap: number) =>
      prepared(`SELECT count(*) FROM (${CANDIDATES[source]} LIMIT @cap)`)
        .pluck()
        .get({ ...conditions, cap }) as number,
    /** Some paper matches `match`. */
    matchesAny: (match: string) => anyMatch.pluck().get(match) !== undefined,
    /** The indexed text of `ids`, any order. */
    texts: (ids: readonly number[]) => texts.all(JSON.stringify(ids)),
    /** The quotes and comments of the PDF annotations of `ids`, by paper, then page. */
    annotationTexts: (ids: readonly number[]) => annotationTexts.all(JSON.stringify(ids)),
    /** Ids of the papers matching the conditions alone, in list order. */
    filtered: (
      conditions: SearchConditions,
      limit: number,
      { sets = [] }: Pick<FilterPlan, 'sets'> = TEST_EACH,
    ): number[] =>
      prepared(filteredSql(conditions, sets))
        .pluck()
        .all({ ...conditions, limit }) as number[],
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

export type SearchRepo = ReturnType<typeof createSearchRepo>
