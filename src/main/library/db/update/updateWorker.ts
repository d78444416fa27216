import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { MarginError } from '../../../../shared/errors'
import { nativeBinding } from '../sqlite'
import type { Compaction } from './compact'
import type { LibraryUpdateProgress, UpdateInput, UpdateMessage } from './updateEntry'
import type { PendingUpdate } from './pendingUpdate'

/**
 * The worker's whole program, plain CommonJS evaluated from this string (as quickCheck's). It
 * loads updateEntry: the TypeScript file itself through tsx's require hook under tsx and vitest,
 * the app's built copy (out/main/libraryUpdate.js, a main entry of electron.vite.config.ts) in
 * the app.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
if (workerData.tsx) require(workerData.tsx).register()
const { runLibraryUpdate } = require(workerData.entry)
runLibraryUpdate(workerData.input, (message) => parentPort.postMessage(message))
`

/** What an update did: between which schemas, and how compacting the file went. */
export interface UpdateResult {
  /** Null when there was nothing to update after all (another process did it first). */
  update: PendingUpdate | null
  compaction: Compaction | null
}

export interface UpdateWorkerOptions {
  /** The update waits before compacting until this settles (the e2e spec's gate). */
  holdBeforeCompacting?: Promise<unknown>
}

/**
 * Updates the format of the library in `dir` on a worker thread, so the thread that asked (the
 * app's main thread, which also paints the window) stays free: all migrations with the checked
 * copy first, as opening it would, then a compaction of the file. Tells `onProgress` each step.
 * Rejects with the MarginError opening the library on this thread would throw (same code and
 * sentence: LIBRARY_TOO_NEW, BACKUP_FAILED, LIBRARY_DAMAGED, …); a failed compaction is in the
 * result, not a rejection.
 */
export function updateLibraryInWorker(
  dir: string,
  onProgress: (progress: LibraryUpdateProgress) => void = () => {},
  { holdBeforeCompacting }: UpdateWorkerOptions = {},
): Promise<UpdateResult> {
  const hold = holdBeforeCompacting ? new Int32Array(new SharedArrayBuffer(4)) : undefined
  const input: UpdateInput = { dir, nativeBinding: nativeBinding(), hold }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ...workerProgram(), input },
  })
  const release = () => {
    Atomics.store(hold!, 0, 1)
    Atomics.notify(hold!, 0)
  }
  holdBeforeCompacting?.then(release, release)
  return new Promise<UpdateResult>((resolve, reject) => {
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      finish()
      void worker.terminate()
    }
    const failed = (reason: string) =>
      settle(() =>
        reject(
          new MarginError('INTERNAL', `The library at ${dir} could not be updated: ${reason}.`),
        ),
      )
    worker.on('message', (message: UpdateMessage) => {
      if (message.kind === 'progress') onProgress(message.progress)
      else if (message.kind === 'done') {
        settle(() => resolve({ update: message.update, compaction: message.compaction }))
      } else if (message.code) {
        const { code, message: sentence } = message
        settle(() => reject(new MarginError(code, sentence)))
      } else failed(message.message)
    })
    worker.once('error', (error) => failed(error.message))
    worker.once('exit', (code) => failed(`its update stopped (exit code ${code})`))
  })
}

/**
 * The entry the worker requires, and tsx's require hook when that entry is TypeScript. Under tsx
 * and vitest this module runs from its own .ts file; in the app it is bundled into
 * out/main/index.js, beside which the build writes libraryUpdate.js.
 */
function workerProgram(): { entry: string; tsx: string | null } {
  if (__filename.endsWith('.ts')) {
    return {
      entry: join(__dirname, 'updateEntry.ts'),
      tsx: createRequire(__filename).resolve('tsx/cjs/api'),
    }
  }
  return { entry: join(__dirname, 'libraryUpdate.js'), tsx: null }
}
