import type { IpcEvents } from '../../shared/ipc'
import { createApi } from '../api'
import { dispatch } from '../ipc/dispatch'
import { openLibrary } from '../library/library'
import { SEED_DIGEST } from '../library/testing/tempDirs'

/** The handler table over a library in `dir` holding the seed digest, with the events it pushed. */
export async function seededApi(dir: string) {
  const library = openLibrary(dir)
  await library.importFiles([SEED_DIGEST])
  const events: Array<IpcEvents['library:changed']['reason']> = []
  const api = createApi(library, {
    emit: (event, payload) => {
      if (event === 'library:changed') events.push((payload as IpcEvents['library:changed']).reason)
    },
    openExternal: async () => {},
    flushed: () => {},
  })
  return {
    library,
    events,
    call: (channel: string, request: unknown) => dispatch(api, channel, request),
  }
}
