/// <reference lib="dom" />
import { chromium, type Page } from '@playwright/test'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createBridge } from '../src/shared/bridge'
import {
  BRIDGE_GLOBAL,
  CHANNELS,
  PDF_URL_BASE,
  type EventName,
  type IpcEvents,
  type LibraryUpdateState,
} from '../src/shared/ipc'
import { createApi, forwardLibraryEvents } from '../src/main/api'
import { createFlushRequests } from '../src/main/flushRequests'
import { dispatch } from '../src/main/ipc/dispatch'
import { LIBRARY_FILE_NAME } from '../src/main/library/db/openLibrary'
import type { Library } from '../src/main/library/library'
import { startLibrary } from '../src/main/startLibrary'
import { createWaitingApi } from '../src/main/waitingApi'
import { serveFolder } from './staticServer'

export const ROOT = join(__dirname, '..')
export const SEEDS_DIR = join(ROOT, 'seeds')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchOptions {
  libraryDir: string
  importFiles?: string[]
  colorScheme?: 'light' | 'dark'
  /**
   * The save dialog's stand-in: an export from the window (File › Export PDF with Annotations…)
   * is saved here under the name the app offers. Without it the dialog is cancelled.
   */
  exportDir?: string
  /** Where subscriptions fetch the Hugging Face daily papers (a local stand-in in tests). */
  hfBaseUrl?: string
  /** Where subscriptions query arXiv and PDFs are downloaded from (a local stand-in in tests). */
  arxivBaseUrl?: string
  /**
   * The folder dialog's stand-in for Settings › Sync › Choose…; with it, sync runs as in the app
   * (passes when the folder changes, after local changes, every few minutes). Without it the
   * dialog is not there and sync stays off unless a test sets it up.
   */
  syncFolder?: string
  /**
   * A library file (one an older version wrote) copied in as the library before the app starts:
   * the app updates it as it opens, the window showing the update.
   */
  oldLibrary?: string
  /**
   * The update of `oldLibrary` waits before compacting until this settles, so a test sees the
   * update screen whatever the machine's speed. With it, launchApp returns as soon as the page
   * has loaded, without waiting for the library (the test waits for what it expects).
   */
  holdUpdate?: Promise<unknown>
}

export interface LaunchedApp {
  page: Page
  /** The open library (with `holdUpdate`, only once `libraryReady` has settled). */
  library: Library
  libraryReady: Promise<Library>
  /** URLs the app asked the system browser to open. */
  openedUrls: string[]
  /** The file names the save dialog was asked to offer, in order. */
  offeredExportNames: string[]
  /** performance.now() in this process right before the page was asked to load the app. */
  navigatedAt: number
  /** Asks the window to save what is pending, as the app does before it quits. */
  flushBeforeQuit: () => Promise<boolean>
  /** Closes the window as a person would (unload handlers run), then the library. */
  close: () => Promise<void>
}

/**
 * Starts Margin as the desktop app does: the real library in `libraryDir` (seeded on first
 * launch), the real handler table and dispatch, and the built renderer in Chromium. Only the
 * transport differs: the preload's ipcRenderer is replaced by a Playwright binding.
 */
export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  const { hfBaseUrl, arxivBaseUrl } = options
  if (options.oldLibrary !== undefined) {
    mkdirSync(options.libraryDir, { recursive: true })
    copyFileSync(options.oldLibrary, join(options.libraryDir, LIBRARY_FILE_NAME))
  }
  // As in the app (main/index.ts): the update's state is kept for library:update and pushed to
  // the window as library:updating once it has one.
  let updateState: LibraryUpdateState = { state: 'none' }
  // The page exists only later: until then the state waits for the page to ask.
  let pushUpdate = (_state: LibraryUpdateState) => {}
  const libraryReady = startLibrary(options.libraryDir, SEEDS_DIR, {
    ...(hfBaseUrl === undefined ? {} : { hfBaseUrl }),
    ...(arxivBaseUrl === undefined ? {} : { arxivBaseUrl }),
    onUpdateState: (state) => {
      updateState = state
      pushUpdate(state)
    },
    ...(options.holdUpdate === undefined ? {} : { holdUpdate: options.holdUpdate }),
  }).then(async (library) => {
    if (options.importFiles?.length) await library.importFiles(options.importFiles)
    return library
  })
  let library: Library | undefined
  void libraryReady.then((opened) => (library = opened)).catch(() => {})
  // Without a held update the library is open before the window, as the tests always had it.
  if (options.holdUpdate === undefined) await libraryReady
  const server = await serveFolder(RENDERER_DIR)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  })
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
  })
  const page = await context.newPage()
  const openedUrls: string[] = []
  const offeredExportNames: string[] = []
  const pending = new Set<Promise<unknown>>()

  const emit = <E extends EventName>(event: E, payload: IpcEvents[E]) => {
    page
      .evaluate(([name, data]) => (window as unknown as TestWindow).__marginEmit(name, data), [
        event,
        payload,
      ] as const)
      .catch(() => {}) // the window may be closing
  }
  pushUpdate = (state) => emit('library:updating', state)
  const flushes = createFlushRequests(emit)
  const apiFor = (library: Library) =>
    createApi(library, {
      emit,
      openExternal: async (url) => void openedUrls.push(url),
      flushed: flushes.settle,
      chooseExportPath: async (name) => {
        offeredExportNames.push(name)
        return options.exportDir === undefined ? null : join(options.exportDir, name)
      },
      ...(options.syncFolder === undefined
        ? {}
        : { chooseFolder: async () => options.syncFolder ?? null }),
      updateState: () => updateState,
    })
  const api = createWaitingApi(libraryReady.then(apiFor), () => updateState)
  // As the app does (main/index.ts), once the library is open: the download queue and the text
  // extraction tell the window, and the queue may use the network.
  void libraryReady.then(
    (library) => {
      forwardLibraryEvents(library, emit)
      library.downloads.start()
      // Sync's watcher and timers only where a test syncs: they would be noise elsewhere.
      if (options.syncFolder !== undefined) library.sync.start()
    },
    () => {},
  )

  // Answers travel as one JSON string: Playwright serializes other values element by element,
  // which for a list of 100,000 ids costs far more than Electron's structured clone.
  await page.exposeBinding('__marginInvoke', (_source, channel: string, request: unknown) => {
    const call = dispatch(api, channel, decodeBytes(request))
    pending.add(call)
    void call.finally(() => pending.delete(call))
    return call.then((answer) => JSON.stringify(answer, bytesAsBase64))
  })
  // Under tsx (the benchmarks) esbuild's keepNames wraps inner functions in __name(); the page
  // has no such helper, so the injected source gets a no-op one.
  // The reader's PDF bytes: the app's margin-pdf:// handler itself, served on the page's own
  // origin (Chromium routes no unknown scheme), with the request's method and Range header.
  const pdfUrlBase = `${server.url}__pdf/`
  await page.route(`${pdfUrlBase}**`, async (route) => {
    const request = route.request()
    const sha = request.url().slice(pdfUrlBase.length)
    const response = await (
      await libraryReady
    ).pdfs.protocolHandler(
      new Request(PDF_URL_BASE + sha, {
        method: request.method(),
        headers: await request.allHeaders(),
      }),
    )
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => (headers[name] = value))
    await route.fulfill({
      status: response.status,
      headers,
      body: Buffer.from(await response.arrayBuffer()),
    })
  })
  await page.addInitScript({
    content: `var __name = (fn) => fn;\n(${installBridge.toString()})(${createBridge.toString()}, ${JSON.stringify(CHANNELS)}, ${JSON.stringify(BRIDGE_GLOBAL)}, ${JSON.stringify(pdfUrlBase)})`,
  })
  const navigatedAt = performance.now()
  await page.goto(server.url)
  if (options.holdUpdate === undefined) {
    await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  }

  return {
    page,
    get library(): Library {
      if (!library) throw new Error('The library is not open yet: await libraryReady first.')
      return library
    },
    libraryReady,
    openedUrls,
    offeredExportNames,
    navigatedAt,
    flushBeforeQuit: flushes.request,
    close: async () => {
      await page.close({ runBeforeUnload: true })
      await page.waitForEvent('close').catch(() => {})
      while (pending.size) await Promise.allSettled([...pending])
      await browser.close()
      await server.close()
      ;(await libraryReady.catch(() => null))?.close()
    },
  }
}

interface TestWindow {
  /** Answers the dispatch result as JSON. */
  __marginInvoke: (channel: string, request: unknown) => Promise<string>
  __marginEmit: (event: string, payload: unknown) => void
}

/**
 * Runs in the page before the app: builds `window.margin` with the same createBridge the
 * preload uses. Bytes travel as base64 both ways, since a binding carries only JSON.
 */
function installBridge(
  create: typeof createBridge,
  channels: typeof CHANNELS,
  globalName: string,
  pdfUrlBase: string,
): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const win = window as unknown as TestWindow & Record<string, unknown>
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = ''
      for (const byte of value) binary += String.fromCharCode(byte)
      return { __base64: btoa(binary) }
    }
    if (Array.isArray(value)) return value.map(encode)
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
    }
    return value
  }
  const decode = (_key: string, value: unknown): unknown => {
    if (!value || typeof value !== 'object' || !('__base64' in value)) return value
    const binary = atob(value.__base64 as string)
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  }
  win.__marginEmit = (event, payload) =>
    listeners.get(event)?.forEach((listener) => listener(payload))
  win[globalName] = create(
    channels,
    async (channel, request) =>
      JSON.parse(await win.__marginInvoke(channel, encode(request)), decode) as never,
    (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set.add(listener))
      return () => void set.delete(listener)
    },
    pdfUrlBase,
  )
}

/** A JSON replacer: bytes in an answer (an area's picture) travel as base64, as in requests. */
function bytesAsBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key] // a Buffer's toJSON has already turned `value` into an array
  return raw instanceof Uint8Array ? { __base64: Buffer.from(raw).toString('base64') } : value
}

function decodeBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBytes)
  if (value && typeof value === 'object') {
    if ('__base64' in value && typeof value.__base64 === 'string') {
      return new Uint8Array(Buffer.from(value.__base64, 'base64'))
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBytes(v)]))
  }
  return value
}
