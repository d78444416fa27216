import { CHANNELS, type Channel, type LibraryUpdateState, type RequestOf } from '../shared/ipc'
import type { Api } from './api'

/**
 * The handler table the window talks to from the moment it opens, before the library is ready
 * (an update of its format can take a while): `library:update` is answered at once with the
 * update's state; every other handler waits for the library's own table, then delegates to it
 * (and fails as opening the library failed, when it did). The app (main/index.ts) and the e2e
 * harness both serve it.
 */
export function createWaitingApi(ready: Promise<Api>, updateState: () => LibraryUpdateState): Api {
  // Nobody may ask before it fails: the failure is the caller of startLibrary's to report.
  ready.catch(() => {})
  const waiting = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (request: RequestOf<Channel>) => {
        const api = await ready
        return (api[channel] as (request: RequestOf<Channel>) => unknown)(request)
      },
    ]),
  ) as Api
  return { ...waiting, 'library:update': () => updateState() }
}
