import Database from 'better-sqlite3'
import { closeSync, openSync, writeSync } from 'node:fs'

/**
 * Scribbles over the cell pointers of the first leaf page of `table` in a closed library file:
 * the file still opens, but quick_check and reads of that page find it malformed.
 */
export function damageTablePage(path: string, table: string): void {
  const db = new Database(path, { readonly: true })
  const { pageno, pageSize } = db
    .prepare(
      `SELECT pageno, (SELECT page_size FROM pragma_page_size) AS pageSize
         FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`,
    )
    .get(table) as { pageno: number; pageSize: number }
  db.close()
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, pageSize * (pageno - 1) + 8)
  } finally {
    closeSync(fd)
  }
}
