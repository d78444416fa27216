import type { Db } from '../../src/main/library/db/openLibrary'
import { PAPER_INSERT_TRIGGERS } from '../../src/main/library/search/bulkIndexing'

const INDEXES = ['paper_search', 'paper_titles', 'paper_authors'] as const

/** The words of `text` as FTS5's unicode61 tokenizer cuts them. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
}

/**
 * What a crash must never leave in the full-text indexes, as a list of problems (empty when
 * sound): an index that fails FTS5's integrity-check (paper_titles and paper_authors checked
 * against the papers they read), a bulk write's queue or deferral left behind (they only exist
 * inside its transaction), or a paper a search cannot find: every paper must be found by its
 * whole title, as a phrase, in paper_search's title column and in paper_titles, and
 * paper_search must hold one entry per paper. And the triggers on inserts into papers an
 * import drops while it writes must all be there.
 */
export function indexProblems(db: Db): string[] {
  const problems: string[] = []
  for (const index of INDEXES) {
    try {
      db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('integrity-check', 1)`)
    } catch (error) {
      problems.push(`${index} fails its integrity-check: ${(error as Error).message}`)
    }
  }
  const count = (sql: string) => db.prepare<[], number>(sql).pluck().get()!
  for (const table of ['index_queue', 'index_deferral']) {
    const rows = count(`SELECT count(*) FROM ${table}`)
    if (rows > 0) problems.push(`${table} holds ${rows} rows`)
  }
  const present = new Set(
    db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all(),
  )
  const lost = PAPER_INSERT_TRIGGERS.filter((name) => !present.has(name))
  if (lost.length > 0) problems.push(`triggers missing: ${lost.join(', ')}`)
  const papers = count('SELECT count(*) FROM papers')
  const entries = count('SELECT count(*) FROM paper_search_docsize')
  if (entries !== papers) problems.push(`paper_search has ${entries} entries for ${papers} papers`)
  const finds = (index: string) =>
    db.prepare<[string, number], number>(
      `SELECT count(*) FROM ${index} WHERE ${index} MATCH ? AND rowid = ?`,
    )
  const inSearch = finds('paper_search')
  const inTitles = finds('paper_titles')
  const missing = { paper_search: [] as number[], paper_titles: [] as number[] }
  for (const { id, title } of db
    .prepare<[], { id: number; title: string }>('SELECT id, title FROM papers ORDER BY id')
    .all()) {
    const phrase = `"${tokens(title).join(' ')}"`
    if (inSearch.pluck().get(`title : ${phrase}`, id) !== 1) missing.paper_search.push(id)
    if (inTitles.pluck().get(phrase, id) !== 1) missing.paper_titles.push(id)
  }
  for (const [index, ids] of Object.entries(missing)) {
    if (ids.length) {
      problems.push(
        `${ids.length} papers not found by their title in ${index}, e.g. ${ids.slice(0, 5).join(', ')}`,
      )
    }
  }
  return problems
}
