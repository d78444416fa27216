import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
} from 'electron'
import type { ImportReport } from '../shared/models'
import type { ApiDeps } from './api'
import { describeFileImport } from './library/import/describeImport'
import type { Library } from './library/library'
import { messageBox, messageOf, openDialog } from './dialogs'

const OPEN_DIGESTS: OpenDialogOptions = {
  title: 'Import digest',
  buttonLabel: 'Import',
  properties: ['openFile', 'multiSelections'],
  // Any file: the format is told by content.
  filters: [
    {
      name: 'Digests, JSON, web pages, feeds, emails',
      extensions: ['txt', 'json', 'html', 'htm', 'xml', 'atom', 'eml'],
    },
    { name: 'All files', extensions: ['*'] },
  ],
}

/**
 * File › Import Digest…: the native picker, then what the import would add and merge, and
 * only on the person's yes the import, with progress and the report.
 */
export async function importFromDialog(
  library: Library,
  emit: ApiDeps['emit'],
  parent: BrowserWindow | undefined,
): Promise<void> {
  try {
    const { canceled, filePaths } = await openDialog(parent, OPEN_DIGESTS)
    if (canceled || filePaths.length === 0) return
    if (!(await confirmPreview(library.previewFiles(filePaths), parent))) return
    const report = await library.importFiles(filePaths, {
      onFile: (done, total, file) =>
        emit('digests:importProgress', { done, total, file: file.file }),
    })
    emit('digests:imported', report)
    emit('library:changed', { reason: 'import' })
  } catch (error) {
    dialog.showErrorBox('Margin could not import', messageOf(error))
  }
}

async function confirmPreview(preview: ImportReport, parent: BrowserWindow | undefined) {
  const readable = preview.files.filter((file) => file.ok)
  const refused = preview.files.filter((file) => !file.ok)
  const options: MessageBoxOptions = {
    type: 'question',
    message: readable.length ? 'Import these files?' : 'None of these files can be imported',
    detail: [
      ...readable.map((file) => describeFileImport(file, true)),
      ...refused.map((file) => `Will not be imported: ${file.error.message}`),
    ].join('\n'),
    buttons: readable.length ? ['Import', 'Cancel'] : ['Close'],
    defaultId: 0,
    cancelId: readable.length ? 1 : 0,
  }
  const { response } = await messageBox(parent, options)
  return readable.length > 0 && response === 0
}
