import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron'

// Native dialogs over the app's window when there is one (a sheet on macOS), else on their own.

export function messageBox(parent: BrowserWindow | undefined, options: MessageBoxOptions) {
  return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)
}

export function openDialog(parent: BrowserWindow | undefined, options: OpenDialogOptions) {
  return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)
}

export function saveDialog(parent: BrowserWindow | undefined, options: SaveDialogOptions) {
  return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)
}

/** An error's message for a dialog. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
