import type { Db } from '../db/openLibrary'

/**
 * Every row of every table: two equal dumps mean an identical library. A full-text index is
 * dumped as the terms it holds: its internal tables depend on the order of writes.
 */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const indexes = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%' ORDER BY name",
    )
    .pluck()
    .all()
  const inIndex = (table: string) =>
    indexes.some((index) => table === index || table.startsWith(`${index}_`))
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all()
    .filter((table) => !inIndex(table))
  return {
    ...Object.fromEntries(
      tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all()]),
    ),
    ...Object.fromEntries(indexes.map((index) => [`${index} terms`, indexTerms(db, index)])),
  }
}

function indexTerms(db: Db, index: string): unknown[] {
  db.exec(`CREATE VIRTUAL TABLE temp.dumped_terms USING fts5vocab(main, "${index}", instance)`)
  try {
    return db.prepare('SELECT * FROM temp.dumped_terms ORDER BY doc, col, offset').all()
  } finally {
    db.exec('DROP TABLE temp.dumped_terms')
  }
}
