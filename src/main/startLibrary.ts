import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { openLibrary, type Library, type LibraryOptions } from './library/library'

/**
 * Opens the library for the app, held against other apps, recovering it from the newest good
 * backup when it is damaged (the window then says so). A library with no digests yet gets the
 * bundled sample digests, so a new user never meets an empty window. Typo tolerance for search
 * is then built in the background, off the start-up path; search works without it until ready.
 */
export async function startLibrary(
  libraryDir: string,
  seedsDir: string,
  options: LibraryOptions = {},
): Promise<Library> {
  const library = openLibrary(libraryDir, { ...options, exclusive: true, recover: true })
  if (!library.hasDigests()) {
    const seeds = readdirSync(seedsDir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => join(seedsDir, name))
    await library.importFiles(seeds)
  }
  library
    .prepareSearch()
    .catch((error) => console.error('[margin] typo tolerance unavailable', error))
  return library
}
