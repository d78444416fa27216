import { mkdirSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { MarginError } from '../../../shared/errors'
import { cloudSyncService } from '../cloudSync'
import { syncRoot } from './folder/layout'

/** The real path of `path` (links resolved), or the path itself when it is not there. */
function real(path: string): string {
  try {
    return realpathSync.native(path)
  } catch {
    return resolve(path)
  }
}

/** True when `inner` is `outer` or lies inside it. */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * The folder a person chose for sync, checked: it exists and is a folder, and it is neither the
 * library's own folder, nor inside it, nor around it (the database must never be synced as
 * files, and the library's files must not be read back as another device's). Creates
 * `<folder>/margin/v1`. Returns the folder's absolute real path; refuses with a sentence.
 */
export function checkSyncFolder(folder: string, libraryDir: string): string {
  if (folder.trim() === '') {
    throw new MarginError('INVALID_ARGUMENT', 'No sync folder was given; choose a folder.')
  }
  const absolute = resolve(folder)
  let isFolder: boolean
  try {
    isFolder = statSync(absolute).isDirectory()
  } catch {
    throw new MarginError(
      'NOT_FOUND',
      `The sync folder ${absolute} does not exist; create it (inside the folder Dropbox, iCloud Drive, OneDrive or Syncthing keeps in step) and choose it again.`,
    )
  }
  if (!isFolder) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `${absolute} is a file, not a folder; choose the folder to sync through.`,
    )
  }
  const chosen = real(absolute)
  const library = real(libraryDir)
  if (within(library, chosen)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      chosen === library
        ? `${chosen} is the library's own folder; sync needs a folder of its own outside the library (the database must never be copied by a sync service).`
        : `${chosen} is inside the library's folder (${library}); sync needs a folder of its own outside the library.`,
    )
  }
  if (within(chosen, library)) {
    throw new MarginError(
      'INVALID_ARGUMENT',
      `${chosen} holds the library's folder (${library}); a sync service would copy the database while Margin writes it. Choose a folder outside the library, or move the library out of it.`,
    )
  }
  try {
    mkdirSync(syncRoot(chosen), { recursive: true })
  } catch (error) {
    throw new MarginError(
      'WRITE_FAILED',
      `Margin cannot write in the sync folder ${chosen} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose a folder you can write to.`,
      { cause: error },
    )
  }
  return chosen
}

/**
 * A warning when the folder is not inside a folder a known sync engine keeps in step (Margin
 * writes there all the same, but nothing carries it to other computers); null when it is.
 */
export function folderWarning(
  folder: string,
  service: string | null = cloudSyncService(folder),
): string | null {
  if (service !== null) return null
  return `${folder} is not inside a folder that Dropbox, iCloud Drive, OneDrive, Google Drive or Syncthing keeps in step: Margin writes there, but other computers see the changes only if something copies that folder to them.`
}

/**
 * Why the sync folder cannot be used for a pass now (a sentence), or null when it can: the folder
 * is gone (a drive not mounted, a network share offline) or is not a folder. A pass that gets a
 * sentence changes nothing, here or there.
 */
export function unreachableReason(folder: string): string | null {
  try {
    if (statSync(folder).isDirectory()) return null
    return `The sync folder ${folder} is no longer a folder; nothing was synced and nothing changed here. Choose the folder again in Settings › Sync or with \`margin sync --folder DIR\`.`
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return `The sync folder ${folder} cannot be reached (${code}: a drive not connected, a share offline?); nothing was synced and nothing changed here. Sync resumes when it is back.`
  }
}

/** The notice of a pass that found this device's files gone from the folder. */
export const EMPTIED_FOLDER_NOTICE =
  "The sync folder no longer held this device's files (emptied or replaced?); nothing was deleted here, and this device wrote its whole library there again."
