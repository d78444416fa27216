import {
  dialog,
  type BrowserWindow,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron'
import { describeExport } from './library/export/describeExport'
import type { ExportFormat } from './library/export/exportLibrary'
import type { Library } from './library/library'
import { messageBox, messageOf, openDialog, saveDialog } from './dialogs'

const CHOOSE_FOLDER: OpenDialogOptions = {
  title: 'Export as Markdown: choose a folder (an Obsidian vault folder works)',
  buttonLabel: 'Export Here',
  properties: ['openDirectory', 'createDirectory'],
}

const SAVE_AS: Record<Exclude<ExportFormat, 'markdown'>, SaveDialogOptions> = {
  json: saveAs('JSON', 'Margin library', 'json', 'margin-library.json'),
  csv: saveAs('CSV', 'CSV', 'csv', 'margin-papers.csv'),
  bibtex: saveAs('BibTeX', 'BibTeX', 'bib', 'margin-papers.bib'),
}

function saveAs(format: string, kind: string, extension: string, name: string): SaveDialogOptions {
  return {
    title: `Export as ${format}`,
    buttonLabel: 'Export',
    defaultPath: name,
    filters: [{ name: kind, extensions: [extension] }],
  }
}

/** File › Export › …: the native picker (a folder for Markdown), the export, then its result. */
export async function exportFromDialog(
  library: Library,
  format: ExportFormat,
  parent: BrowserWindow | undefined,
): Promise<void> {
  try {
    const target = await chooseTarget(format, parent)
    if (target === undefined) return
    const summary = await library.exportLibrary(format, target)
    const result = {
      type: 'info',
      message: 'Export finished',
      detail: describeExport(summary, target),
    } as const
    await messageBox(parent, result)
  } catch (error) {
    dialog.showErrorBox('Margin could not export', messageOf(error))
  }
}

async function chooseTarget(
  format: ExportFormat,
  parent: BrowserWindow | undefined,
): Promise<string | undefined> {
  if (format === 'markdown') {
    const { canceled, filePaths } = await openDialog(parent, CHOOSE_FOLDER)
    return canceled ? undefined : filePaths[0]
  }
  const { canceled, filePath } = await saveDialog(parent, SAVE_AS[format])
  return canceled || !filePath ? undefined : filePath
}
