import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { isMarginError, type ErrorCode } from '../shared/errors'
import type { LibraryUpdateState } from '../shared/ipc'
import { pendingUpdate } from './library/db/update/pendingUpdate'
import { compactionFailed } from './library/db/update/progressLines'
import { updateLibraryInWorker } from './library/db/update/updateWorker'
import { openLibrary, type Library, type LibraryOptions } from './library/library'
import { lockLibrary } from './library/lock'
import { recoveryRequested } from './library/backup/recovery'

export interface StartOptions extends LibraryOptions {
  /**
   * Told where an update of the library's format is, each time it moves on, and how the start
   * ended ('none' or 'updated' once the library is open, 'failed' with the sentence).
   */
  onUpdateState?: (state: LibraryUpdateState) => void
  /** The update waits before compacting until this settles (the e2e spec's gate). */
  holdUpdate?: Promise<unknown>
}

/**
 * Opens the library for the app, held against other apps, recovering it from the newest good
 * backup when it is damaged (the window then says so). A library written by an older version is
 * first updated on a worker thread (the window shows how far it is; the main thread stays free
 * to paint it). A library with no digests yet gets the bundled sample digests, so a new user
 * never meets an empty window. Typo tolerance for search is then built in the background, off
 * the start-up path; search works without it until ready.
 */
export async function startLibrary(
  libraryDir: string,
  seedsDir: string,
  { onUpdateState = () => {}, holdUpdate, ...options }: StartOptions = {},
): Promise<Library> {
  try {
    const update = await updateIfPending(libraryDir, onUpdateState, holdUpdate)
    const library = openLibrary(libraryDir, { ...options, exclusive: true, recover: true })
    try {
      if (!library.hasDigests()) {
        const seeds = readdirSync(seedsDir)
          .filter((name) => name.endsWith('.txt'))
          .map((name) => join(seedsDir, name))
        await library.importFiles(seeds)
      }
    } catch (error) {
      library.close()
      throw error
    }
    onUpdateState(update ?? { state: 'none' })
    library
      .prepareSearch()
      .catch((error) => console.error('[margin] typo tolerance unavailable', error))
    return library
  } catch (error) {
    onUpdateState({ state: 'failed', code: codeOf(error), message: (error as Error).message })
    throw error
  }
}

/**
 * Updates the library's format in a worker when it needs it: the library is held against other
 * apps first (a second Margin is refused before anything changes). Answers the state to report
 * once the library is open. A library found damaged while updating is left to the open that
 * follows, which sets it aside and restores the newest good backup; so is one a check after
 * the last start asked to recover.
 */
async function updateIfPending(
  dir: string,
  report: (state: LibraryUpdateState) => void,
  holdBeforeCompacting: Promise<unknown> | undefined,
): Promise<LibraryUpdateState | null> {
  const pending = recoveryRequested(dir) ? null : pendingUpdate(dir)
  if (!pending) return null
  // Kept on success: openLibrary takes the same process's lock over and releases it on close.
  const release = lockLibrary(dir)
  report({ state: 'updating', ...pending, step: null })
  try {
    const { compaction } = await updateLibraryInWorker(
      dir,
      (step) => report({ state: 'updating', ...pending, step }),
      { holdBeforeCompacting },
    )
    if (compaction && !compaction.ok) {
      console.warn(`[margin] compacting the updated library failed: ${compaction.reason}`)
    }
    const notice = compaction && !compaction.ok ? compactionFailed(compaction.reason) : null
    return { state: 'updated', ...pending, notice }
  } catch (error) {
    release()
    if (isMarginError(error) && error.code === 'LIBRARY_DAMAGED') return null
    throw error
  }
}

function codeOf(error: unknown): ErrorCode {
  return isMarginError(error) ? error.code : 'INTERNAL'
}
