import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createApi, forwardLibraryEvents } from './api'
import { backupFromDialog, restoreFromDialog } from './backupFromDialog'
import { checkLibraryAfterStart } from './checkLibraryAfterStart'
import { chooseAnnotatedPdfPath } from './annotatedPdfFromDialog'
import { exportFromDialog } from './exportFromDialog'
import { createFlushRequests } from './flushRequests'
import { importFromDialog } from './importFromDialog'
import { createEmitter, registerIpc } from './ipc/register'
import { backUpIfDue, backupsToKeep } from './library/backup/backups'
import type { Library } from './library/library'
import { menuTemplate } from './menu'
import { saveBeforeQuitting } from './saveBeforeQuitting'
import { denyAllPermissions } from './security/guards'
import { startLibrary } from './startLibrary'
import { electronFetch } from './electronFetch'
import { chooseSyncFolder } from './syncFolderFromDialog'
import { createAppWindow, rendererPage } from './window'
import { messageOf } from './dialogs'
import { useNativeBinding } from './library/db/sqlite'
import { PDF_SCHEME, type LibraryUpdateState } from '../shared/ipc'
import { createWaitingApi } from './waitingApi'

let window: BrowserWindow | undefined
const currentWindow = () => (window && !window.isDestroyed() ? window : undefined)

app.setName('Margin')

// The reader's PDF bytes (margin-pdf://files/<sha256>), registered before the app is ready as
// Electron requires. corsEnabled: the window's page is file://, another origin, and Electron
// refuses a cross-origin fetch to a scheme without it; the handler serves only the store's
// files by hash, and the window never navigates anywhere.
protocol.registerSchemesAsPrivileged([
  {
    scheme: PDF_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      corsEnabled: true,
    },
  },
])

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => {
    const existing = currentWindow()
    if (existing?.isMinimized()) existing.restore()
    existing?.focus()
  })
  void start()
} else {
  app.quit()
}

async function start(): Promise<void> {
  await app.whenReady()
  denyAllPermissions(session.defaultSession)
  useNativeBinding(electronSqliteBinding())

  // The window opens at once. While the library starts (an update of an older library's format
  // runs in a worker and takes a while on a large one), IPC is served by a table whose handlers
  // wait for it, but for library:update, which the window asks at boot to show the update.
  const emit = createEmitter(currentWindow)
  const flushes = createFlushRequests(emit)
  let updateState: LibraryUpdateState = { state: 'none' }
  const libraryReady = startLibrary(libraryDirectory(), seedsDirectory(), {
    // Electron's net.fetch follows the system's proxy settings.
    fetch: electronFetch,
    onUpdateState: (state) => {
      updateState = state
      emit('library:updating', state)
    },
  })
  const whenReady = (use: (library: Library) => unknown) => () =>
    void libraryReady.then(use, () => {})
  const api = createWaitingApi(
    libraryReady.then((library) =>
      createApi(library, {
        emit,
        openExternal: (url) => shell.openExternal(url),
        flushed: flushes.settle,
        chooseExportPath: (defaultName) => chooseAnnotatedPdfPath(currentWindow(), defaultName),
        chooseFolder: () => chooseSyncFolder(currentWindow()),
        updateState: () => updateState,
      }),
    ),
    () => updateState,
  )
  protocol.handle(PDF_SCHEME, async (request) => (await libraryReady).pdfs.protocolHandler(request))
  const { guardWindow } = saveBeforeQuitting(flushes, currentWindow)
  const page = rendererPage()
  registerIpc(api, {
    url: page.url,
    isAppWindow: (contents) => contents === currentWindow()?.webContents,
  })
  const menu = menuTemplate({
    isMac: process.platform === 'darwin',
    isDev: page.isDevServer,
    importDigest: whenReady((library) => importFromDialog(library, emit, currentWindow())),
    exportLibrary: (format) =>
      whenReady((library) => exportFromDialog(library, format, currentWindow()))(),
    backUp: whenReady((library) => backupFromDialog(library, libraryDirectory(), currentWindow())),
    restore: whenReady((library) =>
      restoreFromDialog(library, libraryDirectory(), currentWindow()),
    ),
    sendCommand: (command) => emit('app:command', { command }),
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu))

  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const openWindow = () => {
    window = createAppWindow(page.url, stateFile)
    guardWindow(window)
  }
  openWindow()
  app.on('activate', () => {
    if (!currentWindow()) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  const library = await openLibraryOrQuit(libraryReady)
  if (!library) return
  forwardLibraryEvents(library, emit)
  library.downloads.start()
  // Its first pass comes a minute later, off the start-up path; then as subscriptions fall due.
  library.subscriptions.start()
  // Sync (when set up) passes when the folder changes, after local changes and every few
  // minutes; its first pass is off the start-up path too.
  library.sync.start()
  keepDailyBackups(library, libraryDirectory())
  checkLibraryAfterStart(library, libraryDirectory(), currentWindow)
  // Pending notes were saved before this (saveBeforeQuitting). Closing stops the sync watcher
  // and timers (as it stops fetching and downloads) before the database closes.
  app.on('will-quit', () => library.close())
}

/**
 * A library Margin cannot open or update (newer schema, unreadable file, a backup that failed)
 * ends in one clear message: the window shows it too (library:updating 'failed').
 */
async function openLibraryOrQuit(libraryReady: Promise<Library>): Promise<Library | undefined> {
  try {
    return await libraryReady
  } catch (error) {
    dialog.showErrorBox('Margin cannot open its library', messageOf(error))
    app.exit(1)
    return undefined
  }
}

function seedsDirectory(): string {
  return app.isPackaged ? join(process.resourcesPath, 'seeds') : join(app.getAppPath(), 'seeds')
}

function libraryDirectory(): string {
  return process.env.MARGIN_LIBRARY || app.getPath('userData')
}

/** Checks every hour, from a minute after start (off the start-up path), for the day's backup. */
function keepDailyBackups(library: Library, libraryDir: string): void {
  const backUp = () =>
    backUpIfDue(library, libraryDir, { keep: backupsToKeep(process.env) }).catch((error) =>
      console.error('[margin] the automatic backup failed', error),
    )
  setTimeout(() => {
    void backUp()
    setInterval(() => void backUp(), HOUR_MS).unref()
  }, MINUTE_MS).unref()
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/**
 * better-sqlite3 built for Electron's ABI by scripts/prepare-electron.mjs (`npm start`), kept
 * apart from node_modules, whose build is for Node and the tests. A packaged app has its
 * node_modules rebuilt for Electron by the packager, so it uses the default.
 */
function electronSqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const binding = join(
    app.getAppPath(),
    '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  )
  return existsSync(binding) ? binding : undefined
}
