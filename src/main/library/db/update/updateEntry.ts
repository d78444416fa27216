import { isMarginError, type ErrorCode } from '../../../../shared/errors'
import { openLibraryDb, type UpdateProgress } from '../openLibrary'
import { useNativeBinding } from '../sqlite'
import { compactLibrary, type Compaction } from './compact'
import type { PendingUpdate } from './pendingUpdate'

/** Where an update in the worker is: openLibraryDb's phases, then compacting the file. */
export type LibraryUpdateProgress = UpdateProgress | { phase: 'compact' }

/** What the worker tells the thread that started it, in this order. */
export type UpdateMessage =
  | { kind: 'progress'; progress: LibraryUpdateProgress }
  | { kind: 'done'; update: PendingUpdate | null; compaction: Compaction | null }
  | { kind: 'failed'; code: ErrorCode | null; message: string }

export interface UpdateInput {
  dir: string
  /** The better-sqlite3 addon the starting thread uses (db/sqlite.ts), so both load the same. */
  nativeBinding: string | undefined
  /**
   * While its first element is 0 the update waits before compacting (Atomics.wait: the worker's
   * thread only). The e2e spec holds it so it sees the update screen whatever the machine's speed.
   */
  hold?: Int32Array
}

/**
 * The worker's work (updateWorker.ts starts it): opens the library in `dir`, which updates its
 * format (a checked copy first, then each migration) as openLibraryDb does on any open, then
 * compacts it when it was updated. Every outcome is a message; nothing is thrown.
 */
export function runLibraryUpdate(input: UpdateInput, post: (message: UpdateMessage) => void): void {
  useNativeBinding(input.nativeBinding)
  let update: PendingUpdate | null = null
  let db
  try {
    db = openLibraryDb(input.dir, undefined, {
      onUpdate: (pending) => (update = pending),
      onProgress: (progress) => post({ kind: 'progress', progress }),
    })
  } catch (error) {
    post({
      kind: 'failed',
      code: isMarginError(error) ? error.code : null,
      message: (error as Error).message,
    })
    return
  }
  let compaction: Compaction | null = null
  try {
    if (update) {
      if (input.hold) Atomics.wait(input.hold, 0, 0)
      post({ kind: 'progress', progress: { phase: 'compact' } })
      compaction = compactLibrary(db)
    }
  } finally {
    db.close()
  }
  post({ kind: 'done', update, compaction })
}
