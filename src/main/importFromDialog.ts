import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { ApiDeps } from './api'
import type { Library } from './library/library'

const OPEN_DIGESTS: OpenDialogOptions = {
  title: 'Import digest',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Digests', extensions: ['txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
}

/** File › Import Digest…: the native picker, then the import, with progress and the report. */
export async function importFromDialog(
  library: Library,
  emit: ApiDeps['emit'],
  parent: BrowserWindow | undefined,
): Promise<void> {
  try {
    const { canceled, filePaths } = parent
      ? await dialog.showOpenDialog(parent, OPEN_DIGESTS)
      : await dialog.showOpenDialog(OPEN_DIGESTS)
    if (canceled || filePaths.length === 0) return
    const report = await library.importFiles(filePaths, {
      onFile: (done, total, file) =>
        emit('digests:importProgress', { done, total, file: file.file }),
    })
    emit('digests:imported', report)
    emit('library:changed', { reason: 'import' })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('Margin could not import', message)
  }
}
