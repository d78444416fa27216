import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/openLibrary'
import { conditionClauses, type SearchConditions } from './search.repo'

/** A page of a listed paper's PDF whose text matches. */
export interface PageHit {
  paperId: number
  /** 1-based. */
  page: number
  pageId: number
}

/**
 * Which papers hold each indexed page, per connection (TEMP): pdf_pages gives a page's file only
 * through its row, which holds the page's text, so a join from the index's matches to papers
 * through it read one table page per match (60-100 ms for a common word on 40,000 pages), against
 * ~0.4 µs a match through this table. TEMP triggers keep it current for this connection's writes;
 * another connection's commits (the CLI beside the app) make it rebuilt from the tables, by
 * PRAGMA data_version (~15 ms for 40,000 pages).
 */
const PAGE_PAPERS = `
  CREATE TEMP TABLE IF NOT EXISTS pdf_page_papers (
    page_id INTEGER NOT NULL,
    paper_id INTEGER NOT NULL,
    PRIMARY KEY (page_id, paper_id)
  ) WITHOUT ROWID;
  CREATE TEMP TRIGGER IF NOT EXISTS pdf_page_papers_page_insert AFTER INSERT ON main.pdf_pages
  BEGIN
    INSERT OR IGNORE INTO pdf_page_papers (page_id, paper_id)
    SELECT new.id, paper_id FROM paper_files WHERE file_id = new.file_id;
  END;
  CREATE TEMP TRIGGER IF NOT EXISTS pdf_page_papers_page_delete AFTER DELETE ON main.pdf_pages
  BEGIN
    DELETE FROM pdf_page_papers WHERE page_id = old.id;
  END;
  CREATE TEMP TRIGGER IF NOT EXISTS pdf_page_papers_link AFTER INSERT ON main.paper_files
  BEGIN
    INSERT OR IGNORE INTO pdf_page_papers (page_id, paper_id)
    SELECT id, new.paper_id FROM pdf_pages WHERE file_id = new.file_id;
  END;
  CREATE TEMP TRIGGER IF NOT EXISTS pdf_page_papers_unlink AFTER DELETE ON main.paper_files
  BEGIN
    DELETE FROM pdf_page_papers WHERE paper_id = old.paper_id
      AND page_id IN (SELECT id FROM pdf_pages WHERE file_id = old.file_id);
  END;`

const REFILL = `
  DELETE FROM pdf_page_papers;
  INSERT OR IGNORE INTO pdf_page_papers (page_id, paper_id)
  SELECT pg.id, pf.paper_id FROM paper_files pf CROSS JOIN pdf_pages pg ON pg.file_id = pf.file_id;`

/** How papers matching in their pages are ordered when every matching page is read. */
export type PageRank = 'bm25' | 'pages'

/**
 * The papers whose pages match @match and the conditions, reading every match (up to @pages):
 * 'bm25' by the sum of their matching pages' bm25 (lower is better), so both more matching pages
 * and better ones count (~2 µs a page: FTS5 scores every match); 'pages' by how many of their
 * pages match, then the most recently indexed (~0.6 µs a page). The conditions are tested once
 * per paper, after grouping.
 */
/** Per rank: each page's score, and the paper's score and tie-break (lower comes first). */
const RANKS: Record<PageRank, { pageScore: string; score: string; tie: string }> = {
  bm25: { pageScore: 'bm25(pdf_page_search)', score: 'sum(s.score)', tie: '0' },
  pages: { pageScore: '0', score: '-count(*)', tie: '-max(s.page_id)' },
}

function rankedSql(conditions: SearchConditions, rank: PageRank): string {
  const clauses = [
    'g.id NOT IN (SELECT value FROM json_each(@found))',
    ...conditionClauses(conditions),
  ]
  const { pageScore, score, tie } = RANKS[rank]
  return `SELECT g.id FROM (
      SELECT m.paper_id AS id, ${score} AS score, ${tie} AS tie
      FROM (SELECT rowid AS page_id, ${pageScore} AS score FROM pdf_page_search
            WHERE pdf_page_search MATCH @match LIMIT @pages) s
      CROSS JOIN pdf_page_papers m ON m.page_id = s.page_id
      GROUP BY m.paper_id) g
    CROSS JOIN papers p ON p.id = g.id
    WHERE ${clauses.join(' AND ')}
    ORDER BY g.score, g.tie, g.id DESC LIMIT @limit`
}

/**
 * The papers whose pages match, most recently indexed page first; FTS5 reads its matches in
 * rowid order and the statement stops at @limit papers (or @pages pages read).
 */
function newestSql(conditions: SearchConditions): string {
  const clauses = [
    'm.paper_id NOT IN (SELECT value FROM json_each(@found))',
    ...conditionClauses(conditions),
  ]
  return `SELECT DISTINCT m.paper_id FROM (
      SELECT rowid AS page_id FROM pdf_page_search WHERE pdf_page_search MATCH @match
      ORDER BY rowid DESC LIMIT @pages) s
    CROSS JOIN pdf_page_papers m ON m.page_id = s.page_id
    CROSS JOIN papers p ON p.id = m.paper_id
    WHERE ${clauses.join(' AND ')}
    ORDER BY s.page_id DESC LIMIT @limit`
}

/** The full-text index of PDF pages (pdf_page_search): every query over it, MATCH text bound. */
export function createPagesRepo(db: Db) {
  const statements = new Map<string, Statement>()
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  let seenVersion: number | null = null
  /** The TEMP map of pages to papers exists and holds every page (see PAGE_PAPERS). */
  const current = () => {
    const version = dataVersion.get()!
    if (version === seenVersion) return
    db.transaction(() => {
      db.exec(PAGE_PAPERS)
      db.exec(REFILL)
    })()
    seenVersion = version
  }

  const anyMatch = db
    .prepare<[string], number>(
      'SELECT rowid FROM pdf_page_search WHERE pdf_page_search MATCH ? LIMIT 1',
    )
    .pluck()
  const countUpTo = db
    .prepare<[string, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM pdf_page_search WHERE pdf_page_search MATCH ? LIMIT ?)',
    )
    .pluck()
  // The listed papers' pages first (a handful of index lookups each), then one pass over the
  // matches between their first and last page ids that keeps theirs: a rowid probe per page would
  // cost FTS5 a seek in every term's doclist.
  const hits = db.prepare<[{ ids: string; match: string }], PageHit>(`
    WITH listed (page_id, paper_id, page) AS MATERIALIZED (
      SELECT pg.id, pf.paper_id, pg.page FROM json_each(@ids) j
      CROSS JOIN paper_files pf ON pf.paper_id = j.value
      CROSS JOIN pdf_pages pg ON pg.file_id = pf.file_id)
    SELECT l.paper_id AS paperId, l.page, l.page_id AS pageId
    FROM pdf_page_search CROSS JOIN listed l ON l.page_id = pdf_page_search.rowid
    WHERE pdf_page_search MATCH @match
      AND pdf_page_search.rowid BETWEEN (SELECT min(page_id) FROM listed)
        AND (SELECT max(page_id) FROM listed)
    ORDER BY l.paper_id, l.page, l.page_id`)
  const lastPageId = db.prepare<[], number | null>('SELECT max(id) FROM pdf_pages').pluck()
  const texts = db.prepare<[string], { id: number; text: string }>(
    'SELECT id, text FROM pdf_pages WHERE id IN (SELECT value FROM json_each(?))',
  )

  return {
    /** Builds the map of pages to papers now rather than on the first search of the pages. */
    prepare: () => current(),
    /** Some page matches `match`. */
    matchesAny: (match: string) => anyMatch.get(match) !== undefined,
    /** The highest page id (an upper bound of the pages indexed); 0 when there are none. */
    lastPageId: () => lastPageId.get() ?? 0,
    /** How many pages match, counting up to `cap`. */
    countUpTo: (match: string, cap: number) => countUpTo.get(match, cap) ?? 0,
    /**
     * Papers (other than `found`) meeting the conditions whose pages match, best first by
     * `rank` over all their matching pages, reading at most `pages` matches.
     */
    ranked: (
      match: string,
      conditions: SearchConditions,
      found: readonly number[],
      { limit, pages, rank }: { limit: number; pages: number; rank: PageRank },
    ): number[] => {
      current()
      return prepared(rankedSql(conditions, rank))
        .pluck()
        .all({ ...conditions, match, found: JSON.stringify(found), limit, pages }) as number[]
    },
    /**
     * Papers (other than `found`) meeting the conditions whose pages match, by their most
     * recently indexed matching page, reading at most `pages` matches.
     */
    newest: (
      match: string,
      conditions: SearchConditions,
      found: readonly number[],
      limit: number,
      pages: number,
    ): number[] => {
      current()
      return prepared(newestSql(conditions))
        .pluck()
        .all({ ...conditions, match, found: JSON.stringify(found), limit, pages }) as number[]
    },
    /** The pages of the papers `ids` that match, by paper, then page (1-based). */
    hits: (match: string, ids: readonly number[]): PageHit[] =>
      ids.length === 0 ? [] : hits.all({ ids: JSON.stringify(ids), match }),
    /** The text of pages `pageIds` (pdf_pages ids), any order. */
    texts: (pageIds: readonly number[]) => texts.all(JSON.stringify(pageIds)),
  }
}

export type PagesRepo = ReturnType<typeof createPagesRepo>
