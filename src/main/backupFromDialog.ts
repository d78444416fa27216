import { app, dialog, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { checkLibraryFile, defaultBackupPath, restoreLibrary } from './library/backup/backups'
import type { Library } from './library/library'
import { messageBox, messageOf, openDialog, saveDialog } from './dialogs'

/** File › Back Up Library…: a checked copy where the person chooses (the backups folder first). */
export async function backupFromDialog(
  library: Library,
  libraryDir: string,
  parent: BrowserWindow | undefined,
): Promise<void> {
  const options = libraryFileDialog(
    'Back up the library',
    'Back Up',
    defaultBackupPath(libraryDir, new Date()),
  )
  const { canceled, filePath } = await saveDialog(parent, options)
  if (canceled || !filePath) return
  try {
    const { path } = await library.backup(filePath)
    await messageBox(parent, { type: 'info', message: 'Backed up and checked', detail: path })
  } catch (error) {
    dialog.showErrorBox('Margin could not back up the library', messageOf(error))
  }
}

/**
 * File › Restore from Backup…: a backup that passes its checks replaces the library, which is
 * kept beside it; Margin then starts again on the restored library.
 */
export async function restoreFromDialog(
  library: Library,
  libraryDir: string,
  parent: BrowserWindow | undefined,
): Promise<void> {
  const options = {
    ...libraryFileDialog(
      'Restore the library from a backup',
      'Restore',
      join(libraryDir, 'backups'),
    ),
    properties: ['openFile' as const],
  }
  const { canceled, filePaths } = await openDialog(parent, options)
  const file = filePaths[0]
  if (canceled || !file) return
  const check = checkLibraryFile(file)
  if (!check.ok) {
    dialog.showErrorBox(
      'This backup cannot be restored',
      `${file} failed its checks (${check.problems.slice(0, 3).join('; ')}). The library was left as it is.`,
    )
    return
  }
  const { response } = await messageBox(parent, {
    type: 'warning',
    message: 'Replace the library with this backup?',
    detail: `Margin restarts on ${file}. The library it replaces is kept beside it.`,
    buttons: ['Restore and Restart', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  })
  if (response !== 0) return
  library.close()
  try {
    restoreLibrary(libraryDir, file, new Date())
  } catch (error) {
    dialog.showErrorBox('Margin could not restore the backup', messageOf(error))
  }
  app.relaunch()
  app.exit(0)
}

/** A native file dialog for library files (.sqlite), starting at `defaultPath`. */
function libraryFileDialog(title: string, buttonLabel: string, defaultPath: string) {
  return {
    title,
    buttonLabel,
    defaultPath,
    filters: [{ name: 'Margin library', extensions: ['sqlite'] }],
  }
}
