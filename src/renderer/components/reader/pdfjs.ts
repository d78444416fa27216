import {
  getDocument,
  GlobalWorkerOptions,
  PDFDataRangeTransport,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

/**
 * The one place the renderer loads pdf.js, with the reader's safety settings:
 * - its worker comes from the app's own files (worker-src 'self'), created here as a module
 *   worker: given only a URL, pdf.js would wrap a file:// worker in a blob: one;
 * - no XFA forms (`enableXfa: false`), no scripting: pdf.js runs a PDF's JavaScript only
 *   through its scripting sandbox (pdf.sandbox.mjs), which Margin never loads, and Margin never
 *   asks for a document's actions (getJSActions, getFieldObjects, getOpenAction);
 * - no `eval`: pdf.js 6.5 has no eval path left (its `isEvalSupported` option is gone: PostScript
 *   functions are interpreted), and `useWasm: false` keeps WebAssembly out too, so the CSP needs
 *   neither 'unsafe-eval' nor 'wasm-unsafe-eval'. JPEG 2000 and JBIG2 images decode with pdf.js's
 *   JavaScript fallbacks, shipped beside the app (electron.vite.config.ts, `pdfjs/`);
 * - the bytes come by Range requests to the app's pdf protocol (window.margin.pdfUrl), through
 *   fetch, in Electron and in the e2e harness alike.
 */

/**
 * Bytes fetched first: most papers (a 300-page one is ~1 MB) arrive whole in one request, which
 * opens faster than range requests (pdf.js would ask for the end of the file next, then more).
 */
const FIRST_CHUNK = 4 << 20
/** Later requests as pdf.js asks for parts of a big file. */
const RANGE_CHUNK = 1 << 18

let worker: Worker | null = null
let workerFailed: Promise<never> | null = null

/** Starts pdf.js's worker ahead of the first PDF (a paper with one was selected). */
export function ensureWorker(): void {
  if (worker) return
  worker = new Worker(workerUrl, { type: 'module', name: 'pdf.js' })
  GlobalWorkerOptions.workerPort = worker
  workerFailed = new Promise<never>((_, reject) => {
    worker!.addEventListener('error', (event) => {
      event.preventDefault()
      reject(
        new Error(`the PDF reader's worker did not start (${event.message || 'no reason given'})`),
      )
    })
  })
  workerFailed.catch(() => {}) // seen when a PDF is opened
}

/**
 * The document of a loading task, or the reason it cannot come: a worker that failed to load
 * would otherwise leave pdf.js waiting for it for ever.
 */
export function loadedDocument(task: PDFDocumentLoadingTask): Promise<PDFDocumentProxy> {
  return workerFailed ? Promise.race([task.promise, workerFailed]) : task.promise
}

/** Where the fonts, CMaps and image decoders pdf.js loads on demand are (absolute: the worker
 * resolves them from its own URL otherwise). */
function assetUrl(folder: string): string {
  return new URL(`pdfjs/${folder}/`, document.baseURI).href
}

class FetchRangeTransport extends PDFDataRangeTransport {
  constructor(
    private readonly url: string,
    length: number,
    initial: Uint8Array,
    private readonly fail: (error: Error) => void,
  ) {
    super(length, initial)
  }

  override requestDataRange(begin: number, end: number): void {
    fetchRange(this.url, begin, end)
      .then((bytes) => this.onDataRange(begin, bytes))
      .catch((error: unknown) =>
        this.fail(error instanceof Error ? error : new Error(String(error))),
      )
  }
}

async function fetchRange(url: string, begin: number, end: number): Promise<Uint8Array> {
  const response = await fetch(url, { headers: { Range: `bytes=${begin}-${end - 1}` } })
  if (response.status !== 206 && response.status !== 200) throw unreadable(response.status)
  const bytes = new Uint8Array(await response.arrayBuffer())
  return response.status === 200 ? bytes.subarray(begin, end) : bytes
}

/** A stored PDF the window cannot have, said as a sentence for the reader to show. */
export class PdfUnavailable extends Error {
  override name = 'PdfUnavailable'
}

function unreadable(status: number): Error {
  return new PdfUnavailable(
    status === 404
      ? 'The PDF is missing from the library folder (run “margin check”).'
      : `The PDF could not be read (status ${status}).`,
  )
}

/** Starts loading the stored PDF at `url`; `task.promise` gives the document. */
export async function openPdf(url: string): Promise<PDFDocumentLoadingTask> {
  ensureWorker()
  const response = await fetch(url, { headers: { Range: `bytes=0-${FIRST_CHUNK - 1}` } })
  if (response.status !== 206 && response.status !== 200) throw unreadable(response.status)
  const first = new Uint8Array(await response.arrayBuffer())
  const total = response.status === 206 ? totalLength(response.headers.get('content-range')) : null
  const options = {
    enableXfa: false,
    useWasm: false,
    wasmUrl: assetUrl('wasm'),
    standardFontDataUrl: assetUrl('standard_fonts'),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    rangeChunkSize: RANGE_CHUNK,
    // Images beyond 100 megapixels are not drawn (a hostile PDF could ask for gigabytes).
    maxImageSize: 100_000_000,
  }
  if (total === null || total <= first.length) return getDocument({ ...options, data: first })
  let task: PDFDocumentLoadingTask | null = null
  const transport = new FetchRangeTransport(url, total, first, (error) => {
    void task?.destroy()
    console.warn('[margin] reading the PDF failed', error)
  })
  task = getDocument({ ...options, range: transport })
  return task
}

function totalLength(contentRange: string | null): number | null {
  const match = /\/(\d+)\s*$/.exec(contentRange ?? '')
  return match ? Number(match[1]) : null
}
