import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { nativeBinding } from '../db/sqlite'
import type { LibraryCheck } from './backups'

/**
 * The worker's whole program, plain CommonJS so it runs the same from the app's bundle, from
 * tsx and from the tests without a build step of its own. Its own read-only connection never
 * blocks the app's writer (WAL).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.path, {
    readonly: true,
    fileMustExist: true,
    nativeBinding: workerData.nativeBinding,
  })
  const rows = db.pragma('quick_check(' + workerData.maxProblems + ')')
  parentPort.postMessage({ results: rows.map((row) => row.quick_check) })
} catch (error) {
  parentPort.postMessage({ failure: String((error && error.message) || error) })
} finally {
  if (db) db.close()
}
`

const MAX_PROBLEMS = 20

/**
 * SQLite's quick_check of the library file at `path` (every page and b-tree, without matching
 * indexes to tables: O(size), 12–19 s for a 870 MB library) on a worker thread, so the app stays
 * responsive while it runs. Resolves with the problems found; never rejects.
 */
export function quickCheckInBackground(path: string): Promise<LibraryCheck> {
  const driver = createRequire(__filename).resolve('better-sqlite3')
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, driver, nativeBinding: nativeBinding(), maxProblems: MAX_PROBLEMS },
    })
    const settle = (check: LibraryCheck) => {
      resolve(check)
      void worker.terminate()
    }
    worker.once('message', (answer: { results?: string[]; failure?: string }) => {
      const problems = answer.failure
        ? [`cannot read it: ${answer.failure}`]
        : (answer.results ?? []).filter((text) => text !== 'ok')
      settle({ ok: problems.length === 0, problems })
    })
    worker.once('error', (error) => settle({ ok: false, problems: [String(error)] }))
  })
}
