import { afterEach } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { SEED_DIGEST } from '../../testing/tempDirs'
import type { SyncContext } from '../contracts'
import { createHybridClock } from '../hlc'
import { createPaperKeys } from '../paperKey'
import { adoptLibrary } from './adopt'
import { createSyncState } from './syncState'

/** The device id the capture tests give their library. */
export const TEST_DEVICE = 'dev0capture00001'

/** A sync context over `library`, its clock continuing from the one sync_state keeps. */
export function syncContext(
  library: Library,
  { deviceId = TEST_DEVICE, now = Date.now }: { deviceId?: string; now?: () => number } = {},
): SyncContext {
  const last = createSyncState(library.db).get('hlc')
  return {
    db: library.db,
    deviceId,
    clock: createHybridClock(deviceId, now, last),
    now,
    paperKeys: createPaperKeys(library.db),
  }
}

/** Sets sync up in `library` as setup does (this device, then adoption); its context. */
export function setUpSync(
  library: Library,
  options: { deviceId?: string; now?: () => number } = {},
): SyncContext {
  const ctx = syncContext(library, options)
  createSyncState(library.db).setDevice({
    id: ctx.deviceId,
    name: 'Test laptop',
    folder: '/tmp/nowhere',
    createdAt: ctx.now(),
  })
  adoptLibrary(ctx)
  return ctx
}

/** When the capture tests' clocks start: 6 August 2025, 09:00 UTC. */
export const TEST_START = Date.UTC(2025, 7, 6, 9)

/** Milliseconds that move on by one second each time they are read. */
export function ticking(start = TEST_START): () => number {
  let time = start
  return () => (time += 1000)
}

/**
 * Libraries for the tests of a file, in folders from `tempDir`: `keep(library)` closes it after
 * the test; `seeded()` opens one on a ticking clock with the seed digest imported.
 */
export function useLibraries(tempDir: () => string) {
  const open: Library[] = []
  afterEach(() => {
    for (const library of open.splice(0)) library.close()
  })
  const keep = <T extends Library>(library: T): T => {
    open.push(library)
    return library
  }
  const seeded = async () => {
    const now = ticking()
    const dir = tempDir()
    const library = keep(openLibrary(dir, { now }))
    await library.importFiles([SEED_DIGEST], { year: 2025 })
    return { dir, library, now }
  }
  return { keep, seeded }
}
