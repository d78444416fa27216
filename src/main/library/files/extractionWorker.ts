import { Worker } from 'node:worker_threads'
import type { TextPiece } from '../../../shared/pdfLayout'
import { pdfjsUrl, SAFE_DOCUMENT_OPTIONS, WITH_RESOLVERS_POLYFILL } from './pdfjsNode'

/**
 * The worker's whole program, plain CommonJS evaluated from this string (as quickCheck's), so it
 * runs the same from the app's bundle, under tsx and under vitest without a build step. All of
 * pdf.js runs here, never on the main thread (compiling pdf.js alone blocks a thread for
 * 0.2–0.6 s). Three jobs: `inspect` (bytes sent over: page count, page 1's text), `extract` (a
 * stored file read here, each page's text items sent back as compact tuples; the library
 * normalizes and stores them) and `pieces` (the same items of some pages of a stored file: the
 * geometry for placing annotations).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFile } = require('node:fs/promises')
${WITH_RESOLVERS_POLYFILL}
let pdfjs
const open = async (data) => {
  if (!pdfjs) {
    try {
      pdfjs = await import(workerData.pdfjsUrl)
    } catch (error) {
      error.engine = true
      throw error
    }
  }
  return pdfjs.getDocument({ ...workerData.documentOptions, data })
}
const itemsOf = async (pdf, n) => {
  const page = await pdf.getPage(n)
  const content = await page.getTextContent()
  const pieces = []
  for (const item of content.items) {
    if (typeof item.str !== 'string') continue
    const t = item.transform || [0, 0, 0, 0, 0, 0]
    pieces.push([item.str, item.hasEOL ? 1 : 0, t[4], t[5], item.width || 0, item.height || 0])
  }
  page.cleanup()
  return pieces
}
const jobs = {
  async inspect({ job, data, firstPageText }, task) {
    const pdf = await task.promise
    const page = await pdf.getPage(1)
    let text
    if (firstPageText) {
      const content = await page.getTextContent()
      text = content.items.map((item) => (item.str || '') + (item.hasEOL ? '\\n' : '')).join(' ')
    }
    parentPort.postMessage({ job, done: pdf.numPages, firstPageText: text })
  },
  async extract({ job }, task) {
    const pdf = await task.promise
    let failedPages = 0
    for (let n = 1; n <= pdf.numPages; n++) {
      let pieces = []
      try {
        pieces = await itemsOf(pdf, n)
      } catch {
        failedPages++
      }
      parentPort.postMessage({ job, page: n, pieces })
    }
    if (failedPages === pdf.numPages) throw new Error('no page of it could be read')
    parentPort.postMessage({ job, done: pdf.numPages })
  },
  async pieces({ job, pages }, task) {
    const pdf = await task.promise
    for (const n of pages) {
      if (n >= 1 && n <= pdf.numPages) {
        parentPort.postMessage({ job, page: n, pieces: await itemsOf(pdf, n) })
      }
    }
    parentPort.postMessage({ job, done: pdf.numPages })
  },
}
parentPort.on('message', async (message) => {
  let task
  try {
    const data = message.data || new Uint8Array(await readFile(message.path))
    task = await open(data)
    await jobs[message.kind](message, task)
  } catch (error) {
    parentPort.postMessage({
      job: message.job,
      failure: String((error && error.message) || error),
      password: Boolean(error && error.name === 'PasswordException'),
      engine: Boolean(error && error.engine),
    })
  } finally {
    if (task) await task.destroy().catch(() => {})
  }
})
`

/** How much one PDF may take: wall-clock time, the worker's JavaScript heap, its text. */
export interface ExtractionLimits {
  timeMs: number
  memoryMb: number
  /** The most text kept for one PDF (extraction.ts's MAX_DOCUMENT_CHARS when absent). */
  maxChars?: number
}

/**
 * Stated limits: a 1,000-page paper extracts in about 15 s here (40–90 pages a second), so two
 * minutes bounds a pathological file; pdf.js keeps a page's objects only while it reads that
 * page. The bytes themselves (up to 200 MB) live outside the heap.
 */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = { timeMs: 120_000, memoryMb: 512 }

/** Opening a file to count its pages takes well under a second; this bounds a hostile one. */
export const INSPECTION_LIMITS: ExtractionLimits = { timeMs: 30_000, memoryMb: 512 }

type Tuple = [string, 0 | 1, number, number, number, number]
type WorkerMessage =
  | { job: number; page: number; pieces: Tuple[] }
  | { job: number; done: number; firstPageText?: string }
  | { job: number; failure: string; password: boolean; engine: boolean }

export type PageListener = (page: number, pieces: TextPiece[]) => void

/** pdf.js could not open or read the PDF; `password` when it is encrypted with one. */
export class PdfReadError extends Error {
  constructor(
    message: string,
    readonly password = false,
  ) {
    super(message)
    this.name = 'PdfReadError'
  }
}

/** pdf.js itself could not be loaded: nothing to do with the PDF. */
export class PdfEngineError extends Error {
  override name = 'PdfEngineError'
}

/**
 * One worker thread running pdf.js jobs one at a time, started on the first job, ended by
 * `stop()` or after `idleMs` without work. A job over a limit (time, memory) ends its worker:
 * the next job starts a fresh one.
 */
export function createPdfWorker(
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  {
    idleMs = 10_000,
    engineUrl = pdfjsUrl(),
  }: {
    idleMs?: number
    /** Where pdf.js is (tests pass a wrong one). */
    engineUrl?: string
  } = {},
) {
  let worker: Worker | null = null
  let jobs = 0
  let queue: Promise<unknown> = Promise.resolve()
  let idleTimer: NodeJS.Timeout | undefined

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfjsUrl: engineUrl, documentOptions: SAFE_DOCUMENT_OPTIONS },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    })
    // pdf.js's warnings about odd PDFs are not the user's business.
    started.stdout.resume()
    started.stderr.resume()
    return started
  }

  const end = (which: Worker | null) => {
    if (which && which === worker) worker = null
    void which?.terminate()
  }

  const run = (
    message: {
      kind: 'inspect' | 'extract' | 'pieces'
      path?: string
      data?: Uint8Array
      firstPageText?: boolean
      pages?: number[]
    },
    onPage: PageListener = () => {},
  ): Promise<{ pageCount: number; firstPageText?: string }> => {
    const job = ++jobs
    const go = () =>
      new Promise<{ pageCount: number; firstPageText?: string }>((resolve, reject) => {
        clearTimeout(idleTimer)
        const current = (worker ??= start())
        current.ref()
        const finish = (
          error: Error | null,
          answer: { pageCount: number; firstPageText?: string } = { pageCount: 0 },
        ) => {
          clearTimeout(timer)
          current.off('message', onMessage)
          current.off('error', onError)
          current.off('exit', onExit)
          // An idle worker does not keep the process alive (the CLI exits when it is done).
          current.unref()
          idleTimer = setTimeout(() => end(worker), idleMs)
          idleTimer.unref()
          if (error) reject(error)
          else resolve(answer)
        }
        const timer = setTimeout(() => {
          end(current)
          finish(new Error(`it took longer than ${limits.timeMs / 1000} s, the limit for one PDF`))
        }, limits.timeMs)
        const onMessage = (reply: WorkerMessage) => {
          if (reply.job !== job) return
          if ('pieces' in reply) onPage(reply.page, reply.pieces.map(toPiece))
          else if ('done' in reply) {
            finish(null, { pageCount: reply.done, firstPageText: reply.firstPageText })
          } else if (reply.engine) {
            finish(new PdfEngineError(`Margin could not load pdf.js (${reply.failure})`))
          } else finish(new PdfReadError(reply.failure, reply.password))
        }
        const onError = (error: Error & { code?: string }) => {
          end(current)
          finish(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new Error(
                  `it needed more than ${limits.memoryMb} MB of memory, the limit for one PDF`,
                )
              : error,
          )
        }
        const onExit = () => {
          end(current)
          finish(new Error('the work on it stopped before it finished'))
        }
        current.on('message', onMessage)
        current.on('error', onError)
        current.on('exit', onExit)
        const transfer = message.data ? [message.data.buffer as ArrayBuffer] : []
        current.postMessage({ ...message, job }, transfer)
      })
    const result = queue.then(go, go)
    queue = result.catch(() => {})
    return result
  }

  return {
    /**
     * Extracts the text of the PDF at `path`, page by page into `onPage`; resolves with its page
     * count. Rejects with a PdfReadError when pdf.js cannot read it, or an Error over a limit.
     */
    extract: async (path: string, onPage: PageListener): Promise<number> =>
      (await run({ kind: 'extract', path }, onPage)).pageCount,

    /**
     * The text items of the given pages (1-based) of the PDF at `path`, by page; pages it does
     * not have are left out. Rejects as `extract` does.
     */
    pieces: async (path: string, pages: readonly number[]): Promise<Map<number, TextPiece[]>> => {
      const found = new Map<number, TextPiece[]>()
      await run({ kind: 'pieces', path, pages: [...pages] }, (page, pieces) =>
        found.set(page, pieces),
      )
      return found
    },

    /**
     * Opens `data` (handed over to the worker: pass a copy you can spare) and gives its page
     * count and, when asked, page 1's raw text.
     */
    inspect: (data: Uint8Array, options: { firstPageText?: boolean } = {}) =>
      run({ kind: 'inspect', data, firstPageText: options.firstPageText ?? false }),

    /** Ends the worker (the next job starts another). */
    stop: () => {
      clearTimeout(idleTimer)
      end(worker)
    },
  }
}

export type PdfWorker = ReturnType<typeof createPdfWorker>

function toPiece([str, eol, x, y, width, height]: Tuple): TextPiece {
  return { str, hasEOL: eol === 1, x, y, width, height }
}
