import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../db/openLibrary'
import {
  createPdfWorker,
  PdfEngineError,
  PdfReadError,
  type ExtractionLimits,
} from './extractionWorker'
import type { FilesRepo, PdfFileRow } from './files.repo'
import { pageText, textProblem } from './pageText'
import type { PdfStore } from './pdfStore'

/**
 * Pages written per transaction. A typical paper is one transaction; a long PDF is written in
 * steps with a turn of the event loop between, so the window never waits on a long write.
 */
const PAGES_PER_WRITE = 32
/** Raw text kept to judge whether a document's text is words (enough to tell). */
const SAMPLE_CHARS = 200_000
/**
 * The most text kept for one PDF: a 1,000-page paper has about 3 million characters. Past it
 * the extraction stops, so a hostile file cannot fill the app's memory.
 */
export const MAX_DOCUMENT_CHARS = 20_000_000

/** A file whose text extraction ended: its text is stored ('done') or given up on ('failed'). */
export interface TextDone {
  sha256: string
  state: 'done' | 'failed'
}

/**
 * The queue of text extraction: every file whose text is pending, one at a time, in a worker
 * thread. A file that fails (unreadable, over a limit, garbage text) is marked failed with why,
 * and the queue goes on. `kick()` starts it (after an attach, and on open for files left
 * pending by the last run).
 */
export function createTextExtraction({
  db,
  repo,
  store,
  limits,
}: {
  db: Db
  repo: FilesRepo
  store: PdfStore
  limits?: ExtractionLimits
}) {
  const worker = createPdfWorker(limits)
  const maxChars = limits?.maxChars ?? MAX_DOCUMENT_CHARS
  let running: Promise<void> | null = null
  let closed = false
  const listeners = new Set<(done: TextDone) => void>()

  /** Tells the listeners that the file's text ended (its state is written by then). */
  const tell = (file: PdfFileRow, state: TextDone['state']): void => {
    for (const listener of listeners) {
      try {
        listener({ sha256: file.sha256, state })
      } catch (error) {
        // A listener's failure is not the file's: the queue goes on.
        console.error('Margin: a text extraction listener failed:', error)
      }
    }
  }
  const fail = (file: PdfFileRow, problem: string): void => {
    repo.setTextState(file.id, 'failed', problem)
    tell(file, 'failed')
  }

  const extractOne = async (file: PdfFileRow): Promise<void> => {
    if (!store.has(file.sha256)) {
      fail(file, 'its file is missing from the files folder')
      return
    }
    const texts: string[] = []
    let sample = ''
    let chars = 0
    const tooLong = () =>
      chars > maxChars
        ? `its text is over ${maxChars.toLocaleString('en')} characters, far more than a paper's`
        : null
    let pageCount: number
    try {
      pageCount = await worker.extract(store.pathOf(file.sha256), (page, pieces) => {
        if (chars > maxChars) return
        const text = pageText(pieces)
        texts[page - 1] = text
        chars += text.length
        if (sample.length < SAMPLE_CHARS) sample += pieces.map((p) => p.str).join(' ') + '\n'
        if (chars > maxChars) worker.stop()
      })
    } catch (error) {
      // Not this file's fault: it stays pending, and the queue stops (drain).
      if (error instanceof PdfEngineError) throw error
      const problem =
        tooLong() ??
        (error instanceof PdfReadError
          ? `pdf.js could not read its text (${error.message})`
          : (error as Error).message)
      if (!closed) fail(file, problem)
      return
    }
    if (closed) return
    // (The worker may have finished before it was stopped.)
    const problem = tooLong() ?? textProblem(sample)
    if (problem) {
      fail(file, problem)
      return
    }
    for (let first = 0; first < pageCount; first += PAGES_PER_WRITE) {
      const last = first + PAGES_PER_WRITE >= pageCount
      const written = db.transaction(() => {
        // Removed while it was being extracted: nothing to write.
        if (repo.bySha(file.sha256)?.id !== file.id) return false
        if (first === 0) repo.deletePages(file.id)
        const batch = texts.slice(first, first + PAGES_PER_WRITE).map((text) => text ?? '')
        repo.insertPages(file.id, first + 1, batch)
        if (last) repo.setTextState(file.id, 'done')
        return true
      })()
      if (!written) return
      if (last) {
        tell(file, 'done')
        return
      }
      await nextTurn()
      if (closed) return
    }
  }

  const drain = async (): Promise<void> => {
    try {
      for (;;) {
        // The database closed without close() (a script that closes it directly): stop.
        if (closed || !db.open) return
        const file = repo.nextPending()
        if (!file) return
        try {
          await extractOne(file)
        } catch (error) {
          if (closed || error instanceof PdfEngineError) throw error
          // A write that failed: say so on the file rather than retrying it forever.
          fail(file, `its text could not be stored: ${(error as Error).message}`)
        }
      }
    } catch (error) {
      // pdf.js did not load, or marking a file failed failed too: the files stay pending.
      if (!closed && db.open) console.error('Margin: text extraction stopped:', error)
    } finally {
      worker.stop()
    }
  }

  const kick = (): Promise<void> => {
    if (closed) return Promise.resolve()
    running ??= drain().finally(() => {
      running = null
    })
    return running
  }

  return {
    /** Starts extracting the pending files, unless it is already running. */
    kick,

    /** Resolves when no file is pending or being extracted (the CLI waits for it; tests too). */
    async whenIdle(): Promise<void> {
      while (running) await running
      if (!closed && db.open && repo.nextPending()) {
        await kick()
        while (running) await running
      }
    },

    /**
     * Tells `listener` each time a file's text is stored or given up on (after it is written, so
     * a reader of the paper sees the new state). Returns the function that stops telling.
     */
    onFileDone(listener: (done: TextDone) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    /** Stops: the worker ends, what it was extracting stays pending for the next open. */
    close(): void {
      closed = true
      worker.stop()
    },
  }
}

export type TextExtraction = ReturnType<typeof createTextExtraction>
