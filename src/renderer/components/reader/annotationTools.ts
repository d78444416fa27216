import type { PageViewport, PDFDocumentProxy } from 'pdfjs-dist'
import type { TextItem } from 'pdfjs-dist/types/src/display/api'
import type { PdfRect } from '../../../shared/models'
import type { ReaderTool } from '../../store/reader.slice'
import { boxRect, pdfPoint, rectBox } from './annotationLayer'
import { areaPicture } from './areaPicture'
import { AreaDraft } from './areaDraft'
import {
  measureArea,
  measureNote,
  measureText,
  pageGeometry,
  type Measured,
  type PageGeometry,
} from './measureAnnotation'
import type { PageBox } from './textBoxes'
import { selectionEnds, type PageSpans } from './textSelection'

/** Where a note or the annotation toolbar shows, in window coordinates. */
export interface ClientPoint {
  x: number
  y: number
}

/** What making annotations needs of the pages as the view shows them. */
export interface ShownPages {
  doc: PDFDocumentProxy
  pagesEl: HTMLElement
  pageEl: (number: number) => HTMLElement
  /** The text layers drawn so far: their spans, one per text item. */
  textSpans: () => PageSpans[]
  /** A page's canvas, when it is drawn in the page's own colours (not dark). */
  lightCanvas: (number: number) => HTMLCanvasElement | null
  /** The page most of the pane shows, and the part of it in view (fractions of the page). */
  visiblePart: () => { number: number; box: PageBox }
  /** A page's text items, as its text layer has them. */
  content: (number: number) => Promise<TextItem[]>
  closed: () => boolean
}

export interface ToolCallbacks {
  /** With the Note tool, a page was clicked at (x, y), in fractions of the page. */
  onNotePlace: (page: number, x: number, y: number) => void
  /** An area was drawn (Area tool) or placed with the keys and Enter; settles once it is made. */
  onArea: (page: number, rect: PdfRect) => Promise<void>
  /** How the pointer acts on the pages now (read at each press, never a step behind). */
  tool: () => ReaderTool
}

/**
 * Making annotations on the shown pages: measuring the selected text, a note's place or an
 * area in the terms the library stores (quote, context, PDF rectangles: shared/pdfLayout over
 * the text layer's own items), and the pointer and keys that place notes and draw areas.
 */
export class AnnotationTools {
  private readonly geometries = new Map<number, Promise<PageGeometry>>()
  private areaDraft: AreaDraft | null = null

  constructor(
    private readonly pages: ShownPages,
    private readonly callbacks: ToolCallbacks,
  ) {
    pages.pagesEl.addEventListener('pointerdown', this.onPointerDown)
    pages.pagesEl.addEventListener('pointermove', this.onPointerMove)
    pages.pagesEl.addEventListener('pointerup', this.onPointerUp)
  }

  destroy(): void {
    this.cancelArea()
    this.pages.pagesEl.removeEventListener('pointerdown', this.onPointerDown)
    this.pages.pagesEl.removeEventListener('pointermove', this.onPointerMove)
    this.pages.pagesEl.removeEventListener('pointerup', this.onPointerUp)
  }

  /** A page's text pieces laid out as the library lays them out (quotes are in its terms). */
  private geometry(number: number): Promise<PageGeometry> {
    let geometry = this.geometries.get(number)
    if (!geometry) {
      geometry = this.pages.content(number).then((items) =>
        pageGeometry(
          number - 1,
          items.map((item) => ({
            str: item.str,
            hasEOL: item.hasEOL,
            x: item.transform[4] as number,
            y: item.transform[5] as number,
            width: item.width,
            height: item.height,
          })),
        ),
      )
      this.geometries.set(number, geometry)
    }
    return geometry
  }

  /** Text is selected on the pages. */
  hasSelection(): boolean {
    const selection = window.getSelection()
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false
    const node = selection.getRangeAt(0).commonAncestorContainer
    return this.pages.pagesEl.contains(node) && selection.toString().trim() !== ''
  }

  /**
   * The text selected on the pages, measured: quote, surroundings, one rectangle per line (and
   * per line on the next page, over a page break); `at` is where the selection ends on screen.
   */
  async measureSelection(): Promise<{ measured: Measured; at: ClientPoint } | null> {
    const selection = window.getSelection()
    const ends = selectionEnds(selection, this.pages.textSpans())
    if (!ends || !selection) return null
    const rects = [...selection.getRangeAt(0).getClientRects()].filter((r) => r.width > 0)
    const end = rects.at(-1) ?? selection.getRangeAt(0).getBoundingClientRect()
    const [first, last] = await Promise.all([
      this.geometry(ends.first.page),
      this.geometry(ends.last.page),
    ])
    const measured = measureText(first, ends.first.point, last, ends.last.point)
    return measured && { measured, at: { x: end.left, y: end.bottom } }
  }

  /** A note at (x, y) of page `number`, in fractions of the page. */
  async measureNote(
    number: number,
    x: number,
    y: number,
  ): Promise<{ measured: Measured; at: ClientPoint }> {
    const page = await this.pages.doc.getPage(number)
    const viewport = page.getViewport({ scale: 1 })
    const [px, py] = pdfPoint(viewport, x, y)
    const measured = measureNote(await this.geometry(number), px, py, page.view as PdfRect)
    return { measured, at: this.clientPoint(number, viewport, measured.position.rects[0]!) }
  }

  /**
   * A note where `N` puts it: at the selection's start, or near the top left of the part of the
   * page in view.
   */
  async measureNoteHere(): Promise<{ measured: Measured; at: ClientPoint }> {
    const selected = await this.measureSelection()
    if (selected) {
      const { pageIndex, rects } = selected.measured.position
      const page = await this.pages.doc.getPage(pageIndex + 1)
      const [x1, , , y2] = rects[0]!
      const viewport = page.getViewport({ scale: 1 })
      const box = rectBox(viewport, [x1, y2, x1, y2])
      return this.measureNote(pageIndex + 1, box.left, box.top)
    }
    const { number, box } = this.pages.visiblePart()
    return this.measureNote(number, box.left + 0.04, box.top + 0.04)
  }

  /** An area over page `number`: its quote, and its picture. */
  async measureArea(
    number: number,
    rect: PdfRect,
  ): Promise<{ measured: Measured; image: Uint8Array }> {
    const page = await this.pages.doc.getPage(number)
    const [geometry, image] = await Promise.all([
      this.geometry(number),
      areaPicture(page, rect, this.pages.lightCanvas(number)),
    ])
    return { measured: measureArea(geometry, rect), image }
  }

  private clientPoint(number: number, viewport: PageViewport, rect: PdfRect): ClientPoint {
    const page = this.pages.pageEl(number).getBoundingClientRect()
    const box = rectBox(viewport, rect)
    return {
      x: page.left + box.left * page.width,
      y: page.top + (box.top + box.height) * page.height,
    }
  }

  /** Places an area over the page in view, to be moved with the arrows and sized with Shift. */
  startArea(): void {
    this.cancelArea()
    const { number, box } = this.pages.visiblePart()
    const left = box.left + Math.min(0.1, box.width / 4)
    const top = box.top + Math.min(0.1, box.height / 4)
    this.areaDraft = new AreaDraft(
      number,
      { left, top, width: Math.min(0.4, 1 - left), height: Math.min(0.2, 1 - top) },
      this.pages.pageEl(number),
    )
    this.areaDraft.el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }

  /** The keys of an area being placed: arrows, Shift+arrows, Enter, Esc. True when taken. */
  areaKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
    const draft = this.areaDraft
    if (!draft) return false
    if (event.key === 'Enter') {
      void this.finishArea()
      return true
    }
    if (event.key === 'Escape') {
      this.cancelArea()
      return true
    }
    return draft.key(event)
  }

  cancelArea(): void {
    this.areaDraft?.remove()
    this.areaDraft = null
  }

  private async finishArea(): Promise<void> {
    const draft = this.areaDraft
    if (!draft) return
    this.areaDraft = null
    // Shown, waiting, until the area is made (its picture and the save take a moment).
    draft.el.classList.add('saving')
    try {
      const viewport = (await this.pages.doc.getPage(draft.page)).getViewport({ scale: 1 })
      if (!this.pages.closed())
        await this.callbacks.onArea(draft.page, boxRect(viewport, draft.box))
    } finally {
      draft.remove()
    }
  }

  private readonly onPointerDown = (event: PointerEvent) => {
    const tool = this.callbacks.tool()
    if (tool === 'select' || event.button !== 0) return
    const target = event.target as Element
    const pageEl = target.closest<HTMLElement>('.pdf-page')
    if (!pageEl || target.closest('.pdf-annotation, .pdf-link')) return
    event.preventDefault()
    const number = Number(pageEl.dataset.pageNumber)
    const { x, y } = fractionOf(pageEl, event)
    if (tool === 'note') return this.callbacks.onNotePlace(number, x, y)
    this.cancelArea()
    this.areaDraft = AreaDraft.fromPointer(number, pageEl, x, y)
    pageEl.setPointerCapture(event.pointerId)
  }

  private readonly onPointerMove = (event: PointerEvent) => {
    const draft = this.areaDraft
    if (!draft || this.callbacks.tool() !== 'area' || !(event.buttons & 1)) return
    const pageEl = this.pages.pageEl(draft.page)
    const { x, y } = fractionOf(pageEl, event)
    draft.dragTo(x, y)
  }

  private readonly onPointerUp = () => {
    const draft = this.areaDraft
    if (!draft || this.callbacks.tool() !== 'area') return
    if (draft.sized) void this.finishArea()
    else this.cancelArea()
  }
}

/** Where a pointer event is on a page, in fractions of the page. */
function fractionOf(pageEl: HTMLElement, event: PointerEvent): { x: number; y: number } {
  const rect = pageEl.getBoundingClientRect()
  return {
    x: Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)),
    y: Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height)),
  }
}
