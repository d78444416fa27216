import { Worker } from 'node:worker_threads'
import type { TextPiece } from './pageText'
import { pdfjsUrl, SAFE_DOCUMENT_OPTIONS, WITH_RESOLVERS_POLYFILL } from './pdfjsNode'

/**
 * The worker's whole program, plain CommonJS evaluated from this string (as quickCheck's), so it
 * runs the same from the app's bundle, under tsx and under vitest without a build step. It reads
 * the PDF itself (the bytes never cross threads), opens it with pdf.js and sends each page's text
 * items as compact tuples; the library normalizes and stores them.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFile } = require('node:fs/promises')
${WITH_RESOLVERS_POLYFILL}
let pdfjs
parentPort.on('message', async ({ job, path }) => {
  let task
  try {
    pdfjs = pdfjs || (await import(workerData.pdfjsUrl))
    const data = new Uint8Array(await readFile(path))
    task = pdfjs.getDocument({ ...workerData.documentOptions, data })
    const pdf = await task.promise
    let failedPages = 0
    for (let n = 1; n <= pdf.numPages; n++) {
      const pieces = []
      try {
        const page = await pdf.getPage(n)
        const content = await page.getTextContent()
        for (const item of content.items) {
          if (typeof item.str !== 'string') continue
          const t = item.transform || [0, 0, 0, 0, 0, 0]
          pieces.push([item.str, item.hasEOL ? 1 : 0, t[4], t[5], item.width || 0, item.height || 0])
        }
        page.cleanup()
      } catch {
        failedPages++
      }
      parentPort.postMessage({ job, page: n, pieces })
    }
    if (failedPages === pdf.numPages) throw new Error('no page of it could be read')
    parentPort.postMessage({ job, done: pdf.numPages })
  } catch (error) {
    parentPort.postMessage({ job, failure: String((error && error.message) || error) })
  } finally {
    if (task) await task.destroy().catch(() => {})
  }
})
`

/** How much one PDF may take: wall-clock time, and the worker's JavaScript heap. */
export interface ExtractionLimits {
  timeMs: number
  memoryMb: number
}

/**
 * Stated limits: a 1,000-page paper extracts in about 30 s (15–45 ms a page), so two minutes
 * bounds a pathological file; pdf.js keeps a page's objects only while it reads that page.
 */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = { timeMs: 120_000, memoryMb: 512 }

type Tuple = [string, 0 | 1, number, number, number, number]
type WorkerMessage =
  | { job: number; page: number; pieces: Tuple[] }
  | { job: number; done: number }
  | { job: number; failure: string }

export type PageListener = (page: number, pieces: TextPiece[]) => void

/**
 * One worker thread extracting PDFs one at a time, started on the first job and stopped by
 * `stop()`. A PDF over a limit (time, memory) ends its worker: the next job starts a fresh one.
 */
export function createExtractionWorker(limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS) {
  let worker: Worker | null = null
  let jobs = 0

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfjsUrl: pdfjsUrl(), documentOptions: SAFE_DOCUMENT_OPTIONS },
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

  return {
    /** Extracts the PDF at `path`, page by page into `onPage`; resolves with its page count. */
    extract(path: string, onPage: PageListener): Promise<number> {
      const job = ++jobs
      const current = (worker ??= start())
      return new Promise<number>((resolve, reject) => {
        const finish = (error: Error | null, pages = 0) => {
          clearTimeout(timer)
          current.off('message', onMessage)
          current.off('error', onError)
          current.off('exit', onExit)
          if (error) reject(error)
          else resolve(pages)
        }
        const timer = setTimeout(() => {
          end(current)
          finish(new Error(`it took longer than ${limits.timeMs / 1000} s, the limit for one PDF`))
        }, limits.timeMs)
        const onMessage = (message: WorkerMessage) => {
          if (message.job !== job) return
          if ('pieces' in message) onPage(message.page, message.pieces.map(toPiece))
          else if ('done' in message) finish(null, message.done)
          else finish(new Error(`pdf.js could not read its text (${message.failure})`))
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
          finish(new Error('the extraction stopped before it finished'))
        }
        current.on('message', onMessage)
        current.on('error', onError)
        current.on('exit', onExit)
        current.postMessage({ job, path })
      })
    },

    /** Ends the worker (it is started again by the next job). */
    stop: () => end(worker),
  }
}

export type ExtractionWorker = ReturnType<typeof createExtractionWorker>

function toPiece([str, eol, x, y, width, height]: Tuple): TextPiece {
  return { str, hasEOL: eol === 1, x, y, width, height }
}
