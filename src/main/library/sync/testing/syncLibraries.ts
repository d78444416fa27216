import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openLibrary, type Library, type LibraryOptions } from '../../library'
import { useTempDir } from '../../testing/tempDirs'

/**
 * Libraries that sync through one folder, for tests: each in a temporary folder of its own,
 * closed after the test. `library(name)` opens one (named for its device); `folder` is the sync
 * folder they share.
 */
export function useSyncLibraries() {
  const tempDir = useTempDir()
  const open: Library[] = []
  afterEach(() => {
    for (const library of open.splice(0)) library.close()
  })
  return () => {
    const base = tempDir()
    const folder = join(base, 'Sync')
    mkdirSync(folder)
    return {
      base,
      folder,
      /** A new library in `<base>/<name>`. */
      library(name: string, options: LibraryOptions = {}): Library {
        const dir = join(base, name)
        const library = openLibrary(dir, options)
        open.push(library)
        return library
      },
      /** Opens the library in `<base>/<name>` again (after close). */
      reopen(name: string, options: LibraryOptions = {}): Library {
        const library = openLibrary(join(base, name), options)
        open.push(library)
        return library
      },
      /** Closes `library` now (before the test's end). */
      close(library: Library): void {
        const index = open.indexOf(library)
        if (index >= 0) open.splice(index, 1)
        library.close()
      },
    }
  }
}

/** What a person sees of a library's papers, keyed by title: status, tags, note. */
export function readingState(library: Library) {
  return Object.fromEntries(
    library
      .listPapers()
      .map((paper) => [
        paper.title,
        { status: paper.status, tags: [...paper.tags].sort(), note: paper.note },
      ]),
  )
}
