import { app, BrowserWindow, screen, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { windowIconPath } from './appIcon'
import { guardWebContents } from './security/guards'
import { fitToWorkArea, MIN_WINDOW_SIZE, readWindowState, writeWindowState } from './windowState'

const DEFAULT_SIZE = { width: 1280, height: 820 }

export interface RendererPage {
  url: string
  /** electron-vite's dev server (`npm run dev`) rather than the built files. */
  isDevServer: boolean
}

/** The page Margin's window shows: the dev server while developing, else the built index.html. */
export function rendererPage(): RendererPage {
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  if (devServer) return { url: devServer, isDevServer: true }
  const built = join(__dirname, '../renderer/index.html')
  return { url: pathToFileURL(built).href, isDevServer: false }
}

/** Margin's window: hardened, where it was last left, showing `pageUrl`. */
export function createAppWindow(pageUrl: string, stateFile: string): BrowserWindow {
  const saved = readWindowState(stateFile)
  const bounds = saved
    ? fitToWorkArea(saved.bounds, screen.getDisplayMatching(saved.bounds).workArea)
    : DEFAULT_SIZE
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Margin',
    icon: windowIconPath({
      platform: process.platform,
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  guardWebContents(window.webContents, (url) => {
    shell.openExternal(url).catch((error) => console.warn(`[margin] cannot open ${url}`, error))
  })
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    try {
      writeWindowState(stateFile, {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      })
    } catch (error) {
      console.warn('[margin] cannot remember the window position', error)
    }
  })
  void window.loadURL(pageUrl)
  return window
}
