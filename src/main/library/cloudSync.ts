import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Folder names that sync services give the folders they sync, and the service's name. */
const SYNCED_FOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/^Dropbox( \(.+\))?$/i, 'Dropbox'],
  [/^OneDrive( - .+)?$|^OneDrive-/i, 'OneDrive'],
  [/^Google Drive$|^GoogleDrive-|^My Drive$/i, 'Google Drive'],
  [/^iCloud Drive$|^Mobile Documents$|^com~apple~CloudDocs$/i, 'iCloud Drive'],
]

/**
 * The sync service whose folder holds `dir` (Dropbox, OneDrive, Google Drive, iCloud Drive, or
 * Syncthing, which marks its folders with .stfolder), or null. Windows and POSIX paths alike.
 */
export function cloudSyncService(
  dir: string,
  isSyncthingFolder: (folder: string) => boolean = (folder) =>
    existsSync(join(folder, '.stfolder')),
): string | null {
  const parts = dir.split(/[\\/]+/)
  for (const part of parts) {
    const known = SYNCED_FOLDERS.find(([pattern]) => pattern.test(part))
    if (known) return known[1]
  }
  for (let end = parts.length; end > 0; end--) {
    const folder = parts.slice(0, end).join('/') || '/'
    if (isSyncthingFolder(folder)) return 'Syncthing'
  }
  return null
}

/** What to tell someone whose library is in a synced folder; null when it is not. */
export function cloudSyncWarning(dir: string, service = cloudSyncService(dir)): string | null {
  if (service === null) return null
  return (
    `Your library is in a ${service} folder (${dir}). Sync services copy the database while ` +
    'Margin writes it, and two computers can change it at once: the library can be damaged or ' +
    'lose changes. Keep the library outside synced folders (start Margin with --library or ' +
    'MARGIN_LIBRARY) and put backups or exports there instead: `margin backup --out FILE`, ' +
    '`margin export --format json --out FILE`.'
  )
}
