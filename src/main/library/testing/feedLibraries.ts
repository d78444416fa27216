import { afterEach } from 'vitest'
import { openLibrary, type Library, type LibraryOptions } from '../library'
import type { fakeClock } from './fakeClock'
import { startFeedServer, type FeedServer } from './feedServer'
import { useTempDir } from './tempDirs'

type Clock = ReturnType<typeof fakeClock>

/**
 * Feed servers and libraries on a fake clock for subscription tests, each closed after the test
 * (libraries before the servers they fetch from).
 */
export function useFeedLibraries() {
  const tempDir = useTempDir()
  const closing: Array<() => unknown> = []
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close()
  })
  return {
    server: async (clock: Clock): Promise<FeedServer> => {
      const server = await startFeedServer({ now: clock.now })
      closing.push(() => server.close())
      return server
    },
    /** A library in a new folder whose Hugging Face and arXiv are the servers given. */
    library: (
      clock: Clock,
      servers: { hf: FeedServer; arxiv: FeedServer },
      options: LibraryOptions = {},
    ): Library => {
      const library = openLibrary(tempDir(), {
        now: clock.now,
        sleep: clock.sleep,
        hfBaseUrl: servers.hf.baseUrl,
        arxivBaseUrl: servers.arxiv.baseUrl,
        ...options,
      })
      closing.push(() => library.close())
      return library
    },
  }
}
