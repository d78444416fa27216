import type { Library } from '../../library'
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
