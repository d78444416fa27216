/// <reference lib="dom" />
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import type { WebPreferences } from 'electron'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BRIDGE_GLOBAL } from '../src/shared/ipc'

// What only Electron can show: the window's webPreferences, the CSP of the built page, and the
// guards on navigation, new windows and permissions. Runs the built app (`npm run build`).
const ROOT = join(__dirname, '..')

/** The Electron executable, or undefined where it was never downloaded. */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as string
    return existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const executablePath = electronBinary()
const SKIP_REASON =
  'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); run where it is installed'
// The list reporter does not show skip reasons: say it once, in the run's output.
if (!executablePath) console.log(`e2e/electron.spec.ts skipped: ${SKIP_REASON}`)
test.skip(!executablePath, SKIP_REASON)

let app: ElectronApplication
let page: Page
let libraryDir: string

test.beforeEach(async () => {
  libraryDir = mkdtempSync(join(tmpdir(), 'margin-electron-'))
  app = await _electron.launch({
    executablePath,
    args: [ROOT],
    env: { ...process.env, MARGIN_LIBRARY: libraryDir },
  })
  page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
})

test.afterEach(async () => {
  await app?.close()
  rmSync(libraryDir, { recursive: true, force: true })
})

test('the window is isolated and sandboxed, and the page reaches only the bridge', async () => {
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    // getLastWebPreferences is public at run time but missing from Electron's typings.
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences: () => WebPreferences
    }
    const { contextIsolation, sandbox, nodeIntegration, webSecurity } =
      contents.getLastWebPreferences()
    return { contextIsolation, sandbox, nodeIntegration, webSecurity }
  })
  expect(preferences).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  })

  const reach = await page.evaluate(async (global) => {
    const scope = window as unknown as Record<string, unknown>
    const bridge = scope[global] as Record<string, (request: unknown) => Promise<{ ok: boolean }>>
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      ipcRenderer: 'ipcRenderer' in bridge,
      counts: (await bridge['library:counts']!({})).ok,
    }
  }, BRIDGE_GLOBAL)
  expect(reach).toEqual({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: false,
    counts: true,
  })
})

test('the built page carries a strict CSP: no eval, no inline script', async () => {
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(policy).toContain("script-src 'self'")
  expect(policy).toContain("object-src 'none'")

  const evalResult = await page.evaluate(() => {
    try {
      return String(eval('1 + 1'))
    } catch (error) {
      return (error as Error).name
    }
  })
  expect(evalResult).toBe('EvalError')

  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.head.append(script)
    await new Promise((resolve) => setTimeout(resolve, 100))
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true
  })
  expect(inlineRan).toBe(false)
})

test('the window stays on the app when the page tries to leave it', async () => {
  const appUrl = page.url()
  await page.evaluate(() => {
    window.location.href = 'https://example.com/'
  })
  await page.evaluate(() => {
    window.location.href = 'file:///etc/hosts' // what dropping a file on the window does
  })
  // A refused navigation fires nothing to wait for: give it time to have happened.
  await page.waitForTimeout(1000)
  expect(page.url()).toBe(appUrl)
  expect(await page.evaluate((global) => global in window, BRIDGE_GLOBAL)).toBe(true)
})

test('window.open opens no window; web links go to the system browser only', async () => {
  const patched = await app.evaluate(({ shell }) => {
    const opened: string[] = []
    const record = async (url: string) => {
      opened.push(url)
    }
    Object.assign(globalThis, { openedUrls: opened })
    shell.openExternal = record
    return shell.openExternal === record
  })
  // Never let the test open a real browser.
  expect(patched).toBe(true)

  const windows = await page.evaluate(() =>
    ['https://example.com/paper', 'file:///etc/passwd', 'javascript:alert(1)'].map(
      (url) => window.open(url) === null,
    ),
  )
  expect(windows).toEqual([true, true, true])
  expect(app.windows()).toHaveLength(1)
  const opened = await app.evaluate(() => (globalThis as { openedUrls?: string[] }).openedUrls)
  expect(opened).toEqual(['https://example.com/paper'])
})

test('permission requests are refused', async () => {
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied')
})

test('the reader reads a stored PDF through margin-pdf:// (Range, by hash only) and paints it', async () => {
  const { paperPdf } = await import('../src/main/library/testing/paperPdf')
  const pdf = await paperPdf({ pages: 3, seed: 5, title: 'Read Through The Protocol' })
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text())
  })
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  const sha = await page.evaluate(
    async ({ global, bytes }) => {
      type Call = (request: unknown) => Promise<{ value: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
      const bridge = (window as unknown as Record<string, Record<string, Call>>)[global]!
      const list = await bridge['papers:list']!({ view: { kind: 'inbox' } })
      const paperId = list.value.ids[0]
      const data = new Uint8Array(bytes)
      const attached = await bridge['files:attach']!({ paperId, file: { name: 'p.pdf', data } })
      return attached.value.files[0].sha256 as string
    },
    { global: BRIDGE_GLOBAL, bytes: [...pdf.bytes] },
  )
  const answers = await page.evaluate(async (sha) => {
    const status = async (url: string, range?: string) =>
      (await fetch(url, range ? { headers: { Range: range } } : {})).status
    return {
      range: await status(`margin-pdf://files/${sha}`, 'bytes=0-99'),
      unknown: await status(`margin-pdf://files/${'0'.repeat(64)}`),
      path: await status('margin-pdf://files/..%2F..%2F..%2Fetc%2Fpasswd'),
    }
  }, sha)
  expect(answers).toEqual({ range: 206, unknown: 404, path: 404 })

  await page.reload()
  await page.locator('html[data-ready]').waitFor({ state: 'attached' })
  await page.getByRole('listbox', { name: 'Papers' }).focus()
  await page.keyboard.press('v')
  const first = page.locator('.pdf-page[data-page-number="1"]')
  await expect(first).toHaveAttribute('data-rendered', 'true')
  await expect(first.locator('.textLayer')).toContainText('Read Through The Protocol')
  expect(refused).toEqual([])
})
