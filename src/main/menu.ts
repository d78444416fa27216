import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand } from '../shared/ipc'
import type { ExportFormat } from './library/export/exportLibrary'

export interface MenuOptions {
  isMac: boolean
  /** Reload and developer tools are offered only while developing. */
  isDev: boolean
  importDigest: () => void
  exportLibrary: (format: ExportFormat) => void
  backUp: () => void
  restore: () => void
  /** Asks the window to carry out one of its own commands. */
  sendCommand: (command: AppCommand) => void
}

const EXPORT_ITEMS: ReadonlyArray<[ExportFormat, string]> = [
  ['markdown', 'Markdown…'],
  ['json', 'JSON…'],
  ['csv', 'CSV…'],
  ['bibtex', 'BibTeX…'],
]

/**
 * The application menu. Single-key accelerators (? and Shift+T) are shown but not registered:
 * the window's own key handling runs them, and it knows when someone is typing in a field.
 */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isDev, importDigest, exportLibrary, backUp, restore, sendCommand } = options
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Digest…', accelerator: 'CmdOrCtrl+O', click: importDigest },
        {
          // The window picks the file: it knows which paper is shown.
          label: 'Attach PDF…',
          accelerator: 'Shift+A',
          registerAccelerator: false,
          click: () => sendCommand('attachPdf'),
        },
        {
          label: 'Export',
          submenu: EXPORT_ITEMS.map(([format, label]) => ({
            label,
            click: () => exportLibrary(format),
          })),
        },
        {
          // The window asks for it: it knows which paper is shown.
          label: 'Export PDF with Annotations…',
          accelerator: 'Shift+E',
          registerAccelerator: false,
          click: () => sendCommand('exportAnnotatedPdf'),
        },
        separator,
        {
          // The window shows them: it holds their state, as it comes.
          label: 'Subscriptions…',
          accelerator: 'Shift+F',
          registerAccelerator: false,
          click: () => sendCommand('showSubscriptions'),
        },
        {
          label: 'Fetch Now',
          accelerator: 'Shift+U',
          registerAccelerator: false,
          click: () => sendCommand('fetchNow'),
        },
        separator,
        {
          // The window shows them: it holds sync's state, as it comes.
          label: 'Settings…',
          accelerator: 'CmdOrCtrl+,',
          click: () => sendCommand('showSyncSettings'),
        },
        {
          label: 'Sync Conflicts…',
          accelerator: 'Shift+C',
          registerAccelerator: false,
          click: () => sendCommand('showConflicts'),
        },
        separator,
        { label: 'Back Up Library…', click: backUp },
        { label: 'Restore from Backup…', click: restore },
        separator,
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        separator,
        {
          label: 'Search Papers',
          accelerator: 'CmdOrCtrl+F',
          click: () => sendCommand('focusSearch'),
        },
      ],
    },
    {
      label: '&View',
      submenu: [
        {
          label: 'Toggle Theme',
          accelerator: 'Shift+T',
          registerAccelerator: false,
          click: () => sendCommand('toggleTheme'),
        },
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(isDev
          ? [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
          : []),
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'Keyboard Shortcuts',
          accelerator: '?',
          registerAccelerator: false,
          click: () => sendCommand('showShortcuts'),
        },
      ],
    },
  ]
}
