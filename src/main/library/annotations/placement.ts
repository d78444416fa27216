import type { PdfFile, PdfPosition } from '../../../shared/models'
import { layoutPage, type TextPiece } from '../../../shared/pdfLayout'
import type { Db } from '../db/openLibrary'
import type { AnnotationsRepo, PdfAnnotationRow } from './annotations.repo'
import { createPlacementRepo } from './placement.repo'
import {
  findAnchor,
  needsOldPage,
  pagesOf,
  placeAt,
  type Anchor,
  type AnchoredAnnotation,
  type PageGeometry,
  type Placement,
} from './reanchor'
import { pdfSortKey } from './sortKey'

/** What placement needs of the library's PDFs (library.pdfs). */
export interface PlacementPdfs {
  /** The paper's PDFs, first added first: the last is its current one. */
  files: (paperId: number) => PdfFile[]
  /** A page's stored text (1-based), or null. */
  pageText: (sha256: string, page: number) => string | null
  /** Text items of pages (1-based) of a stored PDF, or null when its bytes are gone. */
  pieces: (sha256: string, pages: readonly number[]) => Promise<Map<number, TextPiece[]> | null>
  papersOf: (sha256: string) => number[]
  onFilesChanged: (listener: (paperId: number) => void) => () => void
  onTextDone: (listener: (done: { sha256: string; state: 'done' | 'failed' }) => void) => () => void
  whenTextIdle: () => Promise<void>
}

/** After opening, how long until annotations left unplaced by an earlier run are looked at. */
const SWEEP_DELAY_MS = 2_000

/**
 * Places a paper's annotations on its current PDF when that changes (a new version attached,
 * the newest removed) and its text is stored: each annotation made on another file is found on
 * the current one by its text (reanchor.ts) and moved there; what is not found stays where it
 * is, detached, never dropped. Runs in the background, a paper at a time, after the text
 * extraction that it waits for; never on the way to opening the library.
 */
export function createAnnotationPlacement({
  db,
  annotations,
  pdfs,
}: {
  db: Db
  annotations: AnnotationsRepo
  pdfs: PlacementPdfs
}) {
  const repo = createPlacementRepo(db)
  const waiting = new Set<number>()
  const listeners = new Set<(paperId: number) => void>()
  let running: Promise<void> | null = null
  let closed = false

  const tell = (paperId: number): void => {
    for (const listener of listeners) {
      try {
        listener(paperId)
      } catch (error) {
        console.error('Margin: an annotation placement listener failed:', error)
      }
    }
  }

  const drain = async (): Promise<void> => {
    for (const paperId of waiting) {
      waiting.delete(paperId)
      if (closed || !db.open) return
      try {
        if (await placePaper(paperId)) tell(paperId)
      } catch (error) {
        // This paper's annotations stay where they are; the others are still placed.
        if (!closed && db.open) console.error(`Margin: placing annotations of #${paperId}:`, error)
      }
    }
  }

  const schedule = (paperId: number): void => {
    if (closed) return
    waiting.add(paperId)
    running ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      running = null
      if (waiting.size > 0 && !closed) schedule(waiting.values().next().value!)
    })
  }

  /** Moves the paper's annotations found on its current file there; whether any moved. */
  const placePaper = async (paperId: number): Promise<boolean> => {
    const current = pdfs.files(paperId).at(-1)
    // Not yet readable: its text being done schedules the paper again.
    if (!current || current.textState !== 'done') return false
    const rows = annotations.forPaper(paperId).filter((row) => row.sha256 !== current.sha256)
    if (rows.length === 0) return false
    const texts = Array.from(
      { length: current.pageCount },
      (_, page) => pdfs.pageText(current.sha256, page + 1) ?? '',
    )
    const found: Array<{ row: PdfAnnotationRow; annotation: AnchoredAnnotation; anchor: Anchor }> =
      []
    for (const row of rows) {
      const annotation = anchored(row)
      // A note or an area keeps its place beside its text in the file it was made on.
      if (needsOldPage(annotation) && !pdfs.files(paperId).some((f) => f.sha256 === row.sha256)) {
        continue
      }
      const anchor = findAnchor(texts, annotation)
      if (anchor) found.push({ row, annotation, anchor })
    }
    if (found.length === 0) return false

    const currentPages = await geometry(
      current.sha256,
      found.flatMap(({ anchor }) => pagesOf(anchor)),
      texts,
    )
    const oldPages = new Map<string, Map<number, PageGeometry>>()
    for (const { row, annotation } of found) {
      if (!needsOldPage(annotation) || oldPages.has(row.sha256)) continue
      const wanted = found
        .filter((f) => f.row.sha256 === row.sha256 && needsOldPage(f.annotation))
        .map((f) => f.row.page_index)
      oldPages.set(row.sha256, await geometry(row.sha256, wanted, null))
    }
    if (closed || !db.open) return false

    const moves: Array<{ row: PdfAnnotationRow; placement: Placement }> = []
    for (const { row, annotation, anchor } of found) {
      const oldPage = oldPages.get(row.sha256)?.get(row.page_index) ?? null
      const placement = placeAt(annotation, anchor, currentPages, oldPage)
      if (placement) moves.push({ row, placement })
    }
    return db.transaction(() => {
      // The files or the annotations changed while the pages were read: the next run decides.
      if (pdfs.files(paperId).at(-1)?.sha256 !== current.sha256) return false
      let moved = false
      for (const { row, placement } of moves) {
        if (annotations.get(row.id)?.sha256 !== row.sha256) continue
        const { position, prefix, suffix, offset } = placement
        moved =
          annotations.place(row.id, {
            sha256: current.sha256,
            pageIndex: position.pageIndex,
            position: JSON.stringify(position),
            prefix,
            suffix,
            sortKey: pdfSortKey(position.pageIndex, offset, position.rects),
          }) || moved
      }
      return moved
    })()
  }

  /**
   * Layouts of pages (0-based) of a stored file; with `texts`, only pages whose layout gives the
   * stored text (offsets found in one are offsets in the other).
   */
  const geometry = async (
    sha256: string,
    pageIndexes: readonly number[],
    texts: readonly string[] | null,
  ): Promise<Map<number, PageGeometry>> => {
    const pages = new Map<number, PageGeometry>()
    const wanted = [...new Set(pageIndexes)].sort((a, b) => a - b)
    const pieces = await pdfs.pieces(
      sha256,
      wanted.map((index) => index + 1),
    )
    for (const [page, items] of pieces ?? []) {
      const layout = layoutPage(items)
      if (texts && layout.text !== texts[page - 1]) continue
      pages.set(page - 1, { pieces: items, layout })
    }
    return pages
  }

  const stops = [
    pdfs.onFilesChanged(schedule),
    pdfs.onTextDone(({ sha256, state }) => {
      if (state === 'done') pdfs.papersOf(sha256).forEach(schedule)
    }),
  ]
  // Annotations an earlier run had no time to place (it quit first), in the background.
  const sweep = setTimeout(() => {
    if (!closed && db.open) repo.papersWithUnplaced().forEach(schedule)
  }, SWEEP_DELAY_MS)
  sweep.unref()

  return {
    /** Places the paper's annotations on its current file (in the background). */
    schedule,

    /** Resolves when every PDF's text is read and every annotation that can be is placed. */
    async whenIdle(): Promise<void> {
      do {
        await pdfs.whenTextIdle()
        while (running) await running
      } while (!closed && waiting.size > 0)
    },

    /**
     * Tells `listener` each time annotations of a paper moved to its current file. Returns the
     * function that stops telling.
     */
    onPlaced(listener: (paperId: number) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    close(): void {
      closed = true
      clearTimeout(sweep)
      stops.forEach((stop) => stop())
    },
  }
}

export type AnnotationPlacement = ReturnType<typeof createAnnotationPlacement>

/** What re-anchoring needs of a stored annotation. */
function anchored(row: PdfAnnotationRow): AnchoredAnnotation {
  return {
    type: row.type,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    position: JSON.parse(row.position) as PdfPosition,
    offset: Number(row.sort_key.split('|')[1] ?? 0),
  }
}
