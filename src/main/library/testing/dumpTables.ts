import type { Db } from '../db/openLibrary'

/**
 * Every row of every table: two equal dumps mean an identical library. The search index is
 * dumped as its documents, since its internal tables depend on the order of writes.
 */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'paper\\_search%' ESCAPE '\\' ORDER BY name",
    )
    .all()
  return {
    ...Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    ),
    paper_search: db.prepare('SELECT rowid, * FROM paper_search ORDER BY rowid').all(),
  }
}
