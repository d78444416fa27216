import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

/**
 * The one place that says how Node loads pdf.js. The library opens PDFs only in its worker
 * thread (extractionWorker.ts: the polyfill below, then a lazy `import()` of `pdfjsUrl()`),
 * never on the main thread, where compiling pdf.js alone blocks for 0.2–0.6 s; `loadPdfJs` is
 * for tests and scripts. The legacy build runs in Node without a DOM; pdfjs-dist 6 calls
 * `Promise.withResolvers`, which Node 20 lacks (Electron's own Node has it).
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** `Promise.withResolvers` as ES2024 has it, in one line, for a realm that lacks it. */
export const WITH_RESOLVERS_POLYFILL = `if (typeof Promise.withResolvers !== 'function') Promise.withResolvers = function () { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b }); return { promise, resolve, reject } }`

/** The file URL of pdf.js's legacy build, for `import()` here or in a worker thread. */
export function pdfjsUrl(): string {
  return pathToFileURL(createRequire(__filename).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href
}

let loading: Promise<PdfJs> | undefined

/** pdf.js, loaded on first use (about 150 ms), polyfilled first. */
export function loadPdfJs(): Promise<PdfJs> {
  if (!loading) {
    polyfillWithResolvers()
    // A computed URL, so no bundler turns the import into a require of an ES module.
    loading = import(/* @vite-ignore */ pdfjsUrl()) as Promise<PdfJs>
    loading.catch(() => (loading = undefined))
  }
  return loading
}

function polyfillWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown }
  if (typeof P.withResolvers === 'function') return
  P.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void
    let reject!: (reason?: unknown) => void
    const promise = new Promise<T>((a, b) => {
      resolve = a
      reject = b
    })
    return { promise, resolve, reject }
  }
}

/**
 * Options for `getDocument` on untrusted bytes: no eval, no XFA, no scripting, no fonts loaded
 * (only text is wanted), errors only in the log.
 */
export const SAFE_DOCUMENT_OPTIONS = {
  isEvalSupported: false,
  enableXfa: false,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
  verbosity: 0,
} as const
