import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { MarginError } from '../../../shared/errors'
import type { PaperDetail, PdfFile, ReaderZoom, ReadingPosition } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { createTextExtraction, type TextDone } from './extraction'
import { createPdfWorker, INSPECTION_LIMITS, type ExtractionLimits } from './extractionWorker'
import { createFilesRepo, type PaperFileRow, type ReadingPositionRow } from './files.repo'
import { inspectPdf, MAX_PDF_BYTES, megabytes, sniffPdf } from './inspectPdf'
import type { TextPiece } from '../../../shared/pdfLayout'
import { formatBytes } from './byteSize'
import { createPdfProtocolHandler } from './pdfProtocol'
import { createPdfStore, SHA256, type StoreEntry } from './pdfStore'

export interface PdfUploadLike {
  name: string
  data: Uint8Array
}

export interface PdfLibraryDeps {
  db: Db
  /** The library's folder; the bytes go to its files/. */
  libraryDir: string
  now: () => number
  /** The paper as the window shows it; throws NOT_FOUND for an unknown id. */
  detail: (paperId: number) => PaperDetail
  /** Throws NOT_FOUND for an unknown id. */
  requirePaper: (paperId: number) => unknown
  /** The paper with this arXiv id (without version), or null. */
  findByArxivId: (arxivId: string) => number | null
  extractionLimits?: ExtractionLimits
}

export type PdfLibrary = ReturnType<typeof createPdfLibrary>

/**
 * `library.pdfs`: a paper's PDFs (stored by content in files/, rows in the database), their text
 * extracted in the background for full-text search, where the reader was, and the protocol
 * handler that serves the bytes to the window.
 */
export function createPdfLibrary(deps: PdfLibraryDeps) {
  const { db, now } = deps
  const repo = createFilesRepo(db)
  const store = createPdfStore(deps.libraryDir)
  const extraction = createTextExtraction({ db, repo, store, limits: deps.extractionLimits })
  // pdf.js opens files in a thread of its own: attaching never blocks the main thread.
  const inspector = createPdfWorker(INSPECTION_LIMITS)
  const filesChanged = new Set<(paperId: number) => void>()
  /** Tells the listeners that the paper's files changed (written by then). */
  const tellFilesChanged = (paperId: number): void => {
    for (const listener of filesChanged) {
      try {
        listener(paperId)
      } catch (error) {
        // A listener's failure is not the attach's or the remove's.
        console.error('Margin: a PDF files listener failed:', error)
      }
    }
  }

  store.clearTemporary(now())
  // Files left pending by the last run (it quit while extracting) resume once open is done.
  setImmediate(() => void extraction.kick())

  const attach = async (
    paperId: number,
    { name, data }: PdfUploadLike,
    options: { origin?: string } = {},
  ): Promise<PaperDetail> => {
    deps.requirePaper(paperId)
    const fileName = basename(name.replaceAll('\\', '/')) || 'unnamed.pdf'
    const { pageCount } = await inspectPdf(data, fileName, inspector)
    const sha = await store.write(data)
    try {
      db.transaction(() => {
        const at = now()
        const file = repo.addFile({
          sha256: sha,
          size: data.length,
          page_count: pageCount,
          created_at: at,
        })
        // Attaching the bytes again tries their text again (it may have hit a limit when busy).
        if (file.text_state === 'failed') repo.setTextState(file.id, 'pending')
        repo.link({
          paper_id: paperId,
          file_id: file.id,
          origin: options.origin ?? fileName,
          added_at: at,
        })
      })()
    } catch (error) {
      if (!repo.bySha(sha)) store.remove(sha)
      throw error
    }
    void extraction.kick()
    tellFilesChanged(paperId)
    return deps.detail(paperId)
  }

  return {
    attach,

    /** Attaches the PDF file at `path` (its name is the origin). */
    attachPath: async (paperId: number, path: string): Promise<PaperDetail> => {
      deps.requirePaper(paperId)
      return attach(paperId, await readPdfFile(path))
    },

    /**
     * The paper a PDF belongs to, by an arXiv id in its file name, else on its first page
     * (arXiv's stamp), among the library's papers; null when none. Refuses what is not a PDF.
     */
    match: async ({ name, data }: PdfUploadLike): Promise<number | null> => {
      sniffPdf(data, name)
      const byName = findPaper(arxivIdsIn(basename(name)), deps.findByArxivId)
      if (byName !== null) return byName
      const { firstPageText = '' } = await inspectPdf(data, name, inspector, {
        firstPageText: true,
      })
      return findPaper(arxivIdsIn(firstPageText), deps.findByArxivId)
    },

    /** Removes the file from the paper; its bytes go when no paper holds them any more. */
    remove: (paperId: number, sha256: string): PaperDetail => {
      deps.requirePaper(paperId)
      const sha = sha256.toLowerCase()
      const gone = db.transaction(() => {
        const file = SHA256.test(sha) ? repo.bySha(sha) : null
        if (!file || !repo.unlink(paperId, file.id)) {
          throw new MarginError(
            'NOT_FOUND',
            `Paper #${paperId} has no PDF with SHA-256 ${sha256}; \`margin files ${paperId}\` lists its files.`,
          )
        }
        if (repo.usersOf(file.id) > 0) return false
        repo.deleteFile(file.id)
        return true
      })()
      if (gone) store.remove(sha)
      tellFilesChanged(paperId)
      return deps.detail(paperId)
    },

    /** The paper's PDFs, first added first. */
    files: (paperId: number): PdfFile[] => repo.ofPaper(paperId).map(toPdfFile),

    /** Where the reader was in the paper's PDF, or null. */
    position: (paperId: number): ReadingPosition | null => {
      const row = repo.position(paperId)
      return row && toReadingPosition(row)
    },

    savePosition: (
      paperId: number,
      position: { page: number; offset: number; pageCount: number; zoom: ReaderZoom },
    ): null => {
      deps.requirePaper(paperId)
      repo.savePosition({
        paper_id: paperId,
        page: position.page,
        page_offset: position.offset,
        page_count: position.pageCount,
        zoom: String(position.zoom),
        updated_at: now(),
      })
      return null
    },

    /** Disk use of the files/ folder. */
    usage: () => store.usage(),

    /**
     * Each stored PDF checked against its hash: how many, and what is wrong, a sentence each.
     * Beside them, what files/ holds that no row refers to (`unreferenced`: PDFs a newer state
     * of the library may hold, or files not named as Margin names them) and pieces of writes in
     * files/.tmp (`temporary`), with `notes` saying so in sentences. Those are not problems of the
     * library, and nothing is deleted: restoring an older backup leaves the PDFs added since
     * without a row, and they are still someone's papers.
     */
    check: async (): Promise<PdfCheck> => {
      const files = repo.all()
      const problems: string[] = []
      for (const file of files) {
        const problem = await store.verify(file.sha256)
        if (problem === null) continue
        const papers = file.paper_ids.length
          ? `of paper ${file.paper_ids.map((id) => `#${id}`).join(', ')}`
          : 'held by no paper'
        problems.push(`The PDF ${file.sha256} ${papers}: ${problem}.`)
      }
      const inventory = store.inventory()
      // Rows read after the listing: a PDF attached meanwhile is not taken for a stray.
      const known = new Set(repo.all().map((file) => file.sha256))
      const unreferenced: StrayFile[] = [
        ...inventory.stored
          .filter((file) => !known.has(file.sha256))
          .map(({ path, bytes, modifiedAt, sha256 }) => ({ path, bytes, modifiedAt, sha256 })),
        ...inventory.other.map((file) => ({ ...file, sha256: null })),
      ]
      const temporary = inventory.temporary
      return {
        files: files.length,
        problems,
        unreferenced,
        temporary,
        notes: strayNotes(store.root, unreferenced, temporary),
      }
    },

    /** Serves the store's PDFs by hash (margin-pdf://files/<sha256>) with Range support. */
    protocolHandler: createPdfProtocolHandler(store),

    /** Resolves when every stored PDF's text is extracted or given up on. */
    whenTextIdle: () => extraction.whenIdle(),

    /**
     * Tells `listener` as each PDF's text is stored ('done') or given up on ('failed'); the app
     * passes it on to the window. Returns the function that stops telling.
     */
    onTextDone: (listener: (done: TextDone) => void): (() => void) =>
      extraction.onFileDone(listener),

    /**
     * Tells `listener` after a PDF is attached to a paper or removed from it. Returns the
     * function that stops telling.
     */
    onFilesChanged: (listener: (paperId: number) => void): (() => void) => {
      filesChanged.add(listener)
      return () => filesChanged.delete(listener)
    },

    /** The ids of the papers holding the PDF with this SHA-256. */
    papersOf: (sha256: string): number[] => {
      const file = repo.bySha(sha256)
      return file ? repo.papersOf(file.id) : []
    },

    /**
     * The text items of the given pages (1-based) of a stored PDF, read in a worker (the geometry
     * for placing annotations); null when its bytes are not in the store.
     */
    pieces: async (
      sha256: string,
      pages: readonly number[],
    ): Promise<Map<number, TextPiece[]> | null> =>
      store.has(sha256) ? inspector.pieces(store.pathOf(sha256), pages) : null,

    /** The page's stored text (1-based page), or null. */
    pageText: (sha256: string, page: number): string | null => {
      const file = repo.bySha(sha256)
      return file ? repo.pageText(file.id, page) : null
    },

    store,

    /** Stops the extraction; what it was doing stays pending for the next open. */
    close: () => {
      extraction.close()
      inspector.stop()
    },
  }
}

/** A file in files/ that no row of the library refers to. */
export interface StrayFile extends StoreEntry {
  /** Its name's SHA-256 when it is named as Margin names PDFs, else null. */
  sha256: string | null
}

export interface PdfCheck {
  /** How many PDFs the library's rows refer to (each checked against its hash). */
  files: number
  /** What is wrong with them: a sentence each. */
  problems: string[]
  /** Files in files/ that no row refers to (never deleted by Margin). */
  unreferenced: StrayFile[]
  /** Pieces of writes left in files/.tmp. */
  temporary: StoreEntry[]
  /** What `unreferenced` and `temporary` mean, in sentences (not problems of the library). */
  notes: string[]
}

/** The sentences that tell of files no row refers to and of pieces of writes, if any. */
export function strayNotes(
  root: string,
  unreferenced: readonly StrayFile[],
  temporary: readonly StoreEntry[],
): string[] {
  const notes: string[] = []
  const list = (entries: readonly StoreEntry[]) =>
    entries.map((entry) => `\n  ${entry.path} (${formatBytes(entry.bytes)})`).join('')
  if (unreferenced.length > 0) {
    const one = unreferenced.length === 1
    notes.push(
      `${root} holds ${one ? 'a file' : `${unreferenced.length} files`} that this library has no record of:` +
        list(unreferenced) +
        `\n${one ? 'It' : 'They'} may belong to a newer state of the library (restoring an older backup leaves the PDFs added since without a paper), so Margin leaves ${one ? 'it' : 'them'} alone: re-attach a PDF to its paper with \`margin attach ID FILE\`, or remove ${one ? 'it' : 'them'} by hand.`,
    )
  }
  if (temporary.length > 0) {
    const one = temporary.length === 1
    notes.push(
      `${join(root, '.tmp')} holds ${one ? 'a piece of a PDF write' : `${temporary.length} pieces of PDF writes`} that did not finish (an attach or download that was interrupted, or one under way now):` +
        list(temporary) +
        `\nNo paper refers to ${one ? 'it' : 'them'}; Margin removes those older than an hour when it opens the library, and ${one ? 'it' : 'they'} can be removed by hand when Margin is not running.`,
    )
  }
  return notes
}

/** The file at `path` as an upload: its name and bytes, refused when it cannot be read. */
export async function readPdfFile(path: string): Promise<PdfUploadLike> {
  const name = basename(path)
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw new Error('it is a folder')
    if (info.size > MAX_PDF_BYTES) {
      throw new MarginError(
        'PDF_TOO_LARGE',
        `"${name}" is ${megabytes(info.size)}; Margin stores PDFs of up to ${megabytes(MAX_PDF_BYTES)}.`,
      )
    }
    return { name, data: await readFile(path) }
  } catch (error) {
    if (error instanceof MarginError) throw error
    throw new MarginError('FILE_UNREADABLE', `Cannot read ${path}: ${(error as Error).message}.`, {
      cause: error,
    })
  }
}

export function toPdfFile(row: PaperFileRow): PdfFile {
  return {
    sha256: row.sha256,
    size: row.size,
    pageCount: row.page_count,
    origin: row.origin,
    addedAt: row.added_at,
    textState: row.text_state,
    textProblem: row.text_problem,
  }
}

function toReadingPosition(row: ReadingPositionRow): ReadingPosition {
  const zoom = Number(row.zoom)
  return {
    page: row.page,
    offset: row.page_offset,
    pageCount: row.page_count,
    zoom:
      row.zoom === 'fit-width' || row.zoom === 'fit-page'
        ? row.zoom
        : Number.isFinite(zoom)
          ? zoom
          : 'fit-width',
    updatedAt: row.updated_at,
  }
}

/**
 * arXiv ids in `text`, in order: new style (2408.01234, 2408.01234v2; "arXiv:" stamps first)
 * and old style (hep-th/9901001, or hep-th_9901001 as file names write it). Versions dropped.
 */
export function arxivIdsIn(text: string): string[] {
  const found: Array<{ id: string; stamped: boolean; at: number }> = []
  for (const m of text.matchAll(/(arxiv:\s*)?(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])/gi)) {
    found.push({ id: m[2]!, stamped: Boolean(m[1]), at: m.index })
  }
  for (const m of text.matchAll(
    /(arxiv:\s*)?(?<![a-z])([a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?)[/_](\d{7})(?:v\d+)?(?!\d)/gi,
  )) {
    found.push({ id: `${m[2]!.toLowerCase()}/${m[3]!}`, stamped: Boolean(m[1]), at: m.index })
  }
  found.sort((a, b) => Number(b.stamped) - Number(a.stamped) || a.at - b.at)
  return [...new Set(found.map((f) => f.id))]
}

function findPaper(
  ids: readonly string[],
  find: (arxivId: string) => number | null,
): number | null {
  for (const id of ids) {
    const paper = find(id)
    if (paper !== null) return paper
  }
  return null
}
