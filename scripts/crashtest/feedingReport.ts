import type { Db } from '../../src/main/library/db/openLibrary'

/** What the child prints as a bulk write feeds the full-text indexes (see reportFeeding). */
export const FEEDING = 'feeding'
export const FED = 'fed'

/** Statements of search/bulkIndexing.ts: its feeding reads index_queue; its end empties the deferral. */
const FEEDS = /\bindex_queue\b/
const DEFERRAL_ENDS = /^\s*DELETE\s+FROM\s+index_deferral\s*$/i

/**
 * Makes `db` say on standard output when a bulk write (withBulkIndexing) begins to feed the
 * full-text indexes from its queue ("feeding") and when it has fed them ("fed MS", the time it
 * took), so the crash test can kill an import while it feeds. It wraps the statements the
 * library prepares on `db` from now on: the first use of one that reads index_queue is the
 * start of feeding (the triggers write it, only bulkIndexing.ts's statements read it), the
 * deletion of the deferral row its end. Standard output to a pipe is written synchronously on
 * Linux, so "feeding" has left before SQLite starts writing the indexes.
 */
export function reportFeeding(db: Db): void {
  const prepare = db.prepare.bind(db)
  let feedingSince: number | null = null
  const wrap = (statement: object, before: () => void, after: () => void) => {
    const methods = ['run', 'get', 'all', 'iterate'] as const
    for (const method of methods) {
      const original = (statement as Record<string, (...args: unknown[]) => unknown>)[method]!
      Object.defineProperty(statement, method, {
        value: (...args: unknown[]) => {
          before()
          const result = original.apply(statement, args)
          after()
          return result
        },
      })
    }
  }
  db.prepare = ((source: string) => {
    const statement = prepare(source)
    if (FEEDS.test(source)) {
      wrap(
        statement,
        () => {
          if (feedingSince !== null) return
          feedingSince = performance.now()
          process.stdout.write(`${FEEDING}\n`)
        },
        () => {},
      )
    } else if (DEFERRAL_ENDS.test(source)) {
      wrap(
        statement,
        () => {},
        () => {
          if (feedingSince === null) return
          process.stdout.write(`${FED} ${(performance.now() - feedingSince).toFixed(1)}\n`)
          feedingSince = null
        },
      )
    }
    return statement
  }) as Db['prepare']
}
