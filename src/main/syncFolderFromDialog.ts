import type { BrowserWindow } from 'electron'
import { openDialog } from './dialogs'

/**
 * Settings › Sync › Choose…: the folder this library syncs through (one the person's sync engine
 * keeps in step, such as a folder in Dropbox or Syncthing); null when they cancel. The library
 * checks it when sync is set up.
 */
export async function chooseSyncFolder(parent: BrowserWindow | undefined): Promise<string | null> {
  const { canceled, filePaths } = await openDialog(parent, {
    title: 'Choose the sync folder',
    buttonLabel: 'Choose',
    message:
      'A folder your sync engine (Dropbox, iCloud Drive, OneDrive, Syncthing…) keeps in step',
    properties: ['openDirectory', 'createDirectory'],
  })
  const folder = filePaths[0]
  return canceled || !folder ? null : folder
}
