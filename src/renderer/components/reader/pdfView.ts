import {
  RenderingCancelledException,
  TextLayer,
  type PageViewport,
  type PDFDocumentProxy,
  type PDFPageProxy,
  type RenderTask,
} from 'pdfjs-dist'
import type { TextItem } from 'pdfjs-dist/types/src/display/api'
import type { PdfAnnotation, ReaderZoom } from '../../../shared/models'
import { drawAnnotations, rectBox } from './annotationLayer'
import { AnnotationTools, type ToolCallbacks } from './annotationTools'
import { darkenPixels, imageRects } from './darkPage'
import { destinationOffset, linkTarget, type LinkAnnotationLike, type LinkTarget } from './links'
import { buildPageText, findInText, itemSpans, type PageText, type TextMatch } from './pageText'
import { placeOnPage, textBoxes, type PageBox } from './textBoxes'
import { PDF_TO_CSS, resolveScale, stepZoom, type Size } from './zoom'

/** Where the top of the pane is: a 1-based page and how far down it (0 top, 1 bottom). */
export interface ViewPosition {
  page: number
  offset: number
}

export interface ViewState {
  /** The page most of the pane shows. */
  page: number
  pageCount: number
  zoom: ReaderZoom
  scale: number
}

export interface FindState {
  needles: string[]
  total: number
  /** 1-based number of the selected match; 0 for none. */
  current: number
  searching: boolean
}

export interface PdfViewCallbacks extends ToolCallbacks {
  onState: (state: ViewState) => void
  onPosition: (position: ViewPosition) => void
  onFind: (state: FindState) => void
  /** An http(s) link of the PDF was clicked. */
  openWeb: (url: string) => void
  /** A note's pin was clicked. */
  onNote: (id: number) => void
}

interface Slot {
  number: number
  el: HTMLDivElement
  textEl: HTMLDivElement
  marksEl: HTMLDivElement
  annotationsEl: HTMLDivElement
  linksEl: HTMLDivElement
  /** The page at scale 1 (known once drawn): places annotations, rotation and all. */
  viewport: PageViewport | null
  canvas: HTMLCanvasElement | null
  /** Page size in points at scale 1 (rotation applied). */
  size: Size
  sizeKnown: boolean
  renderedScale: number
  renderedDark: boolean
  task: RenderTask | null
  textLayer: TextLayer | null
  textReady: boolean
  linksReady: boolean
  near: boolean
}

/** Pixels left above the place a link or the outline goes to. */
const DESTINATION_ROOM = 12
/** A touchpad sends wheel events in bursts: at most one zoom step this often. */
const WHEEL_ZOOM_INTERVAL_MS = 120
/** Pixels one arrow press scrolls. */
const LINE_STEP = 48
/** Canvases are drawn at most this many pixels (a huge zoom would exhaust memory). */
const MAX_CANVAS_PIXELS = 16_777_216

/**
 * The pages of one PDF in a scrolling pane: continuous scroll, pages drawn only near the
 * pane (released when far away), zoom that keeps the place, a selectable text layer (pdf.js's
 * TextLayer, one span per text item) with a marks layer above it for find matches, a link
 * layer, and the shown file's annotations over them (drawn from their PDF coordinates; made
 * with `tools`).
 *
 * Plain DOM rather than React: a 300-page paper is 300 page boxes whose canvases come and go
 * while scrolling, which React would only re-render.
 */
export class PdfView {
  readonly pageCount: number
  private readonly slots: Slot[]
  private readonly pagesEl: HTMLDivElement
  private tops: number[] = []
  private zoom: ReaderZoom
  private scale = 1
  private dark: boolean
  private anchor: ViewPosition = { page: 1, offset: 0 }
  private observer: IntersectionObserver | null = null
  private readonly resizeObserver: ResizeObserver
  private rendering = false
  private destroyed = false
  private painted = false
  private scrollFrame = 0
  private restoring = false
  private readonly contents = new Map<number, Promise<TextItem[]>>()
  private readonly pageTexts = new Map<number, Promise<PageText>>()
  private annotations: readonly PdfAnnotation[] = []
  /** The annotation gone to from the list: marked until the next click on the pages. */
  private shownAnnotation: number | null = null
  /** Measuring and placing new annotations on these pages. */
  readonly tools: AnnotationTools
  private matches = new Map<number, TextMatch[]>()
  private find: FindState = { needles: [], total: 0, current: 0, searching: false }
  private findToken = 0
  /** The selected match waits for its page's text layer to be scrolled to. */
  private reveal = false
  /** The page gone to (a link, the outline, the page field): shown until the next scroll. */
  private shownPage: number | null = null
  private lastWheelZoom = 0

  private constructor(
    private readonly doc: PDFDocumentProxy,
    private readonly container: HTMLElement,
    firstPage: PDFPageProxy,
    options: { zoom: ReaderZoom; dark: boolean },
    private readonly callbacks: PdfViewCallbacks,
  ) {
    this.pageCount = doc.numPages
    this.zoom = options.zoom
    this.dark = options.dark
    const first = viewSize(firstPage)
    this.pagesEl = document.createElement('div')
    this.pagesEl.className = 'pdf-pages'
    this.pagesEl.hidden = true
    this.slots = Array.from({ length: this.pageCount }, (_, i) => this.createSlot(i + 1, first))
    this.slots[0]!.sizeKnown = true
    this.pagesEl.append(...this.slots.map((slot) => slot.el))
    container.append(this.pagesEl)
    container.addEventListener('scroll', this.onScroll, { passive: true })
    container.addEventListener('wheel', this.onWheel, { passive: false })
    this.pagesEl.addEventListener('pointerdown', this.clearShown)
    this.tools = new AnnotationTools(
      {
        doc,
        pagesEl: this.pagesEl,
        pageEl: (number) => this.slots[number - 1]!.el,
        textSpans: () =>
          this.slots
            .filter((slot) => slot.textReady && slot.textLayer)
            .map((slot) => ({ page: slot.number, divs: slot.textLayer!.textDivs })),
        lightCanvas: (number) => {
          const slot = this.slots[number - 1]!
          return slot.renderedDark ? null : slot.canvas
        },
        visiblePart: () => this.visiblePart(),
        content: (number) => this.content(number),
        closed: () => this.destroyed,
      },
      callbacks,
    )
    this.resizeObserver = new ResizeObserver(() => {
      if (typeof this.zoom !== 'number') this.layout()
    })
    this.resizeObserver.observe(container)
  }

  static async create(
    doc: PDFDocumentProxy,
    container: HTMLElement,
    options: { zoom: ReaderZoom; dark: boolean },
    callbacks: PdfViewCallbacks,
  ): Promise<PdfView> {
    const firstPage = await doc.getPage(1)
    return new PdfView(doc, container, firstPage, options, callbacks)
  }

  /**
   * Shows the pages at `position`, exactly: the place is a page and a fraction of its height,
   * so only that page's size must be known first. Pages before it whose size turns out to
   * differ from the first page's move the scrollbar later, never what the pane shows (each
   * layout keeps the anchor).
   */
  async open(position: ViewPosition): Promise<void> {
    const page = clampPage(position.page, this.pageCount)
    await this.learnSizes(page, page)
    if (this.destroyed) return
    this.anchor = { page, offset: clampOffset(position.offset) }
    this.pagesEl.hidden = false
    this.layout()
    this.observer = new IntersectionObserver(this.onIntersect, {
      root: this.container,
      rootMargin: '100% 0px',
    })
    for (const slot of this.slots) this.observer.observe(slot.el)
    // The other pages' sizes, in the background, so the scrollbar is exact.
    void this.learnSizes(1, this.pageCount)
  }

  /** Destroyed: another file or paper took its place. */
  get closed(): boolean {
    return this.destroyed
  }

  position(): ViewPosition {
    return { ...this.anchor }
  }

  async goTo(page: number, offset = 0): Promise<void> {
    const target = clampPage(page, this.pageCount)
    await this.learnSizes(target, target)
    if (this.destroyed) return
    this.anchor = { page: target, offset: clampOffset(offset) }
    this.shownPage = target
    this.scrollToAnchor()
    // A jump (page field, outline, link, search hit) is a place read, though its scroll is the
    // view's own and so not reported by onScroll.
    this.callbacks.onPosition(this.position())
  }

  setZoom(zoom: ReaderZoom): void {
    this.zoom = zoom
    this.layout()
  }

  zoomBy(direction: 1 | -1): void {
    this.setZoom(stepZoom(this.scale, direction))
  }

  setDark(dark: boolean): void {
    if (dark === this.dark) return
    this.dark = dark
    this.schedule()
  }

  scroll(step: 'line-down' | 'line-up' | 'screen-down' | 'screen-up' | 'top' | 'bottom'): void {
    const screen = Math.max(LINE_STEP, this.container.clientHeight * 0.9)
    const by: Record<typeof step, number> = {
      'line-down': LINE_STEP,
      'line-up': -LINE_STEP,
      'screen-down': screen,
      'screen-up': -screen,
      top: -Infinity,
      bottom: Infinity,
    }
    const max = this.container.scrollHeight - this.container.clientHeight
    this.container.scrollTop = Math.max(0, Math.min(max, this.container.scrollTop + by[step]))
  }

  /** Finds `needles` (a phrase, or search terms) in every page; selects the first match at or
   * after `fromPage`. */
  async findText(needles: string[], fromPage = this.anchor.page): Promise<void> {
    const token = ++this.findToken
    this.matches = new Map()
    this.find = { needles, total: 0, current: 0, searching: needles.length > 0 }
    this.redrawMarks()
    this.callbacks.onFind({ ...this.find })
    if (needles.length === 0) return
    let selected = false
    for (let page = 1; page <= this.pageCount; page++) {
      const text = await this.pageText(page)
      if (token !== this.findToken || this.destroyed) return
      const found = findInText(text.text, needles)
      if (found.length === 0) continue
      this.matches.set(page, found)
      this.find.total += found.length
      if (!selected && page >= fromPage) {
        selected = true
        this.select(this.find.total - found.length + 1)
      } else {
        this.drawMarks(this.slots[page - 1]!)
      }
      if (page % 10 === 0 || selected) this.callbacks.onFind({ ...this.find })
    }
    this.find.searching = false
    if (!selected && this.find.total > 0) this.select(1)
    this.callbacks.onFind({ ...this.find })
  }

  /** Moves to the next (or previous) match, round the end of the document. */
  findAgain(backwards: boolean): void {
    const { total, current } = this.find
    if (total === 0) return
    const next = backwards
      ? current <= 1
        ? total
        : current - 1
      : current >= total
        ? 1
        : current + 1
    this.select(next)
    this.callbacks.onFind({ ...this.find })
  }

  destroy(): void {
    this.destroyed = true
    this.findToken++
    this.observer?.disconnect()
    this.resizeObserver.disconnect()
    this.container.removeEventListener('scroll', this.onScroll)
    this.container.removeEventListener('wheel', this.onWheel)
    this.tools.destroy()
    cancelAnimationFrame(this.scrollFrame)
    for (const slot of this.slots) this.release(slot)
    this.pagesEl.remove()
  }

  // --- layout -------------------------------------------------------------------------------

  private createSlot(number: number, size: Size): Slot {
    const el = document.createElement('div')
    el.className = 'pdf-page'
    el.dataset.pageNumber = String(number)
    el.setAttribute('role', 'region')
    el.setAttribute('aria-label', `Page ${number}`)
    const textEl = document.createElement('div')
    textEl.className = 'textLayer'
    const marksEl = document.createElement('div')
    marksEl.className = 'pdf-marks'
    marksEl.setAttribute('aria-hidden', 'true')
    const annotationsEl = document.createElement('div')
    annotationsEl.className = 'pdf-annotations'
    const linksEl = document.createElement('div')
    linksEl.className = 'pdf-links'
    el.append(textEl, marksEl, linksEl, annotationsEl)
    return {
      number,
      el,
      textEl,
      marksEl,
      annotationsEl,
      linksEl,
      viewport: null,
      canvas: null,
      size,
      sizeKnown: false,
      renderedScale: 0,
      renderedDark: false,
      task: null,
      textLayer: null,
      textReady: false,
      linksReady: false,
      near: false,
    }
  }

  /** Sizes every page box for the zoom and keeps the place the pane shows. */
  private layout(): void {
    if (this.destroyed || this.pagesEl.hidden) return
    const pane = { width: this.container.clientWidth, height: this.container.clientHeight }
    const reference = this.slots[this.anchor.page - 1]!.size
    this.scale = resolveScale(this.zoom, reference, pane)
    const factor = this.scale * PDF_TO_CSS
    this.pagesEl.style.setProperty('--scale-factor', String(factor))
    this.pagesEl.style.setProperty('--total-scale-factor', String(factor))
    for (const slot of this.slots) {
      slot.el.style.width = `${Math.floor(slot.size.width * factor)}px`
      slot.el.style.height = `${Math.floor(slot.size.height * factor)}px`
    }
    this.tops = this.slots.map((slot) => slot.el.offsetTop)
    this.scrollToAnchor()
    this.emitState()
    this.schedule()
  }

  private scrollToAnchor(): void {
    const slot = this.slots[this.anchor.page - 1]!
    const top = this.tops[slot.number - 1] ?? slot.el.offsetTop
    const { page, offset } = this.anchor
    // The top of the first page shows the margin above it too.
    const y = page === 1 && offset === 0 ? 0 : Math.round(top + offset * slot.el.offsetHeight)
    const max = this.container.scrollHeight - this.container.clientHeight
    // Only a scroll that moves fires an event to be told apart from the reader's own.
    if (Math.abs(Math.min(Math.max(0, max), y) - this.container.scrollTop) >= 1) {
      this.restoring = true
      this.container.scrollTop = y
    }
    this.emitState()
  }

  /** Reads the sizes of pages `from` to `to`; lays out again if one differs from the guess. */
  private async learnSizes(from: number, to: number): Promise<void> {
    let changed = false
    // Asked together, the worker answers them back to back (a 300-page paper in ~0.2 s).
    const BATCH = 100
    for (let start = from; start <= to; start += BATCH) {
      const numbers: number[] = []
      for (let n = start; n <= Math.min(to, start + BATCH - 1); n++) {
        if (!this.slots[n - 1]!.sizeKnown) numbers.push(n)
      }
      const pages = await Promise.all(numbers.map((n) => this.doc.getPage(n)))
      if (this.destroyed) return
      for (const page of pages) {
        const slot = this.slots[page.pageNumber - 1]!
        const size = viewSize(page)
        slot.sizeKnown = true
        if (size.width !== slot.size.width || size.height !== slot.size.height) {
          slot.size = size
          changed = true
        }
      }
    }
    if (changed) this.layout()
  }

  private readonly onScroll = () => {
    cancelAnimationFrame(this.scrollFrame)
    this.scrollFrame = requestAnimationFrame(() => {
      if (this.destroyed) return
      if (this.restoring) {
        // The scroll the view made itself: the anchor stays exact (no rounding drift).
        this.restoring = false
        return
      }
      this.anchor = this.positionAt(this.container.scrollTop)
      this.shownPage = null
      this.emitState()
      this.callbacks.onPosition(this.position())
    })
  }

  /** Ctrl+wheel (and a pinch on a touchpad) zooms a step at a time, not the whole window. */
  private readonly onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey || event.deltaY === 0) return
    event.preventDefault()
    const now = performance.now()
    if (now - this.lastWheelZoom < WHEEL_ZOOM_INTERVAL_MS) return
    this.lastWheelZoom = now
    this.zoomBy(event.deltaY < 0 ? 1 : -1)
  }

  private positionAt(y: number): ViewPosition {
    let low = 0
    let high = this.tops.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if (this.tops[middle]! <= y + 0.5) low = middle
      else high = middle - 1
    }
    const slot = this.slots[low]!
    const height = slot.el.offsetHeight || 1
    return { page: low + 1, offset: clampOffset((y - this.tops[low]!) / height) }
  }

  private emitState(): void {
    const shown = this.positionAt(this.container.scrollTop + this.container.clientHeight / 3)
    this.callbacks.onState({
      page: this.shownPage ?? (this.tops.length ? shown.page : this.anchor.page),
      pageCount: this.pageCount,
      zoom: this.zoom,
      scale: this.scale,
    })
  }

  // --- drawing ------------------------------------------------------------------------------

  private readonly onIntersect = (entries: IntersectionObserverEntry[]) => {
    for (const entry of entries) {
      const slot = this.slots[Number((entry.target as HTMLElement).dataset.pageNumber) - 1]
      if (!slot) continue
      slot.near = entry.isIntersecting
      if (!slot.near) this.release(slot)
    }
    this.schedule()
  }

  private needsDrawing(slot: Slot): boolean {
    return (
      slot.near &&
      (!slot.canvas || slot.renderedScale !== this.scale || slot.renderedDark !== this.dark)
    )
  }

  /** Draws the pages near the pane, one at a time, the page in view first. */
  private schedule(): void {
    if (this.rendering || this.destroyed) return
    const current = this.anchor.page
    const next = this.slots
      .filter((slot) => this.needsDrawing(slot))
      .sort((a, b) => Math.abs(a.number - current) - Math.abs(b.number - current))[0]
    if (!next) return
    this.rendering = true
    this.draw(next)
      .catch((error: unknown) => {
        if (!(error instanceof RenderingCancelledException)) {
          console.warn(`[margin] page ${next.number} could not be drawn`, error)
          next.renderedScale = this.scale // not again and again
          next.renderedDark = this.dark
        }
      })
      .finally(() => {
        this.rendering = false
        this.schedule()
      })
  }

  private async draw(slot: Slot): Promise<void> {
    const page = await this.doc.getPage(slot.number)
    if (this.destroyed || !slot.near) return
    const scale = this.scale
    const dark = this.dark
    const viewport = page.getViewport({ scale: scale * PDF_TO_CSS })
    let ratio = window.devicePixelRatio || 1
    const pixels = viewport.width * viewport.height * ratio * ratio
    if (pixels > MAX_CANVAS_PIXELS) ratio *= Math.sqrt(MAX_CANVAS_PIXELS / pixels)
    const canvas = document.createElement('canvas')
    canvas.className = 'pdf-canvas'
    canvas.width = Math.max(1, Math.floor(viewport.width * ratio))
    canvas.height = Math.max(1, Math.floor(viewport.height * ratio))
    canvas.setAttribute('aria-hidden', 'true')
    const task = page.render({
      canvas,
      viewport,
      ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
      recordImages: dark,
    })
    slot.task = task
    await task.promise
    slot.task = null
    if (this.destroyed || !slot.near) return
    if (dark) {
      const images = (task.imageCoordinates ?? page.imageCoordinates) as ArrayLike<number> | null
      darkenCanvas(canvas, imageRects(images, canvas.width, canvas.height))
    }
    slot.canvas?.remove()
    slot.el.prepend(canvas)
    slot.canvas = canvas
    slot.renderedScale = scale
    slot.renderedDark = dark
    slot.el.dataset.rendered = 'true'
    if (!slot.viewport) {
      slot.viewport = page.getViewport({ scale: 1 })
      this.drawAnnotations(slot)
    }
    if (!this.painted) {
      this.painted = true
      performance.mark('margin:first-page-painted')
    }
    if (!slot.textLayer) await this.drawText(slot, page)
    if (!slot.linksReady) await this.drawLinks(slot, page)
  }

  private async drawText(slot: Slot, page: PDFPageProxy): Promise<void> {
    const layer = new TextLayer({
      textContentSource: page.streamTextContent({
        includeMarkedContent: true,
        disableNormalization: true,
      }),
      container: slot.textEl,
      viewport: page.getViewport({ scale: this.scale * PDF_TO_CSS }),
    })
    slot.textLayer = layer
    await layer.render()
    if (slot.textLayer !== layer || this.destroyed) return
    slot.textReady = true
    this.drawMarks(slot)
  }

  private async drawLinks(slot: Slot, page: PDFPageProxy): Promise<void> {
    slot.linksReady = true
    const annotations = (await page.getAnnotations({ intent: 'display' })) as LinkAnnotationLike[]
    if (this.destroyed || !slot.near) return
    const viewport = page.getViewport({ scale: 1 })
    for (const annotation of annotations) {
      const target = linkTarget(annotation)
      if (!target || !annotation.rect || annotation.rect.length < 4) continue
      const [x1, y1, x2, y2] = annotation.rect as [number, number, number, number]
      const [ax, ay] = viewport.convertToViewportPoint(x1, y1) as [number, number]
      const [bx, by] = viewport.convertToViewportPoint(x2, y2) as [number, number]
      const link = document.createElement('a')
      link.className = 'pdf-link'
      link.setAttribute('role', 'link')
      link.tabIndex = 0
      if (target.kind === 'web') link.title = target.url
      link.setAttribute('aria-label', linkLabel(target))
      placeOnPage(link, {
        left: Math.min(ax, bx) / viewport.width,
        top: Math.min(ay, by) / viewport.height,
        width: Math.abs(bx - ax) / viewport.width,
        height: Math.abs(by - ay) / viewport.height,
      })
      const follow = (event: Event) => {
        event.preventDefault()
        void this.follow(target)
      }
      link.addEventListener('click', follow)
      link.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') follow(event)
      })
      slot.linksEl.append(link)
    }
  }

  /** Follows a link or an outline entry: a web page through the opener, else within the PDF. */
  async follow(target: LinkTarget): Promise<void> {
    if (target.kind === 'web') return this.callbacks.openWeb(target.url)
    if (target.kind === 'page') {
      const page = this.anchor.page
      const to = { first: 1, last: this.pageCount, next: page + 1, previous: page - 1 }[target.step]
      return this.goTo(to)
    }
    const explicit =
      typeof target.dest === 'string' ? await this.doc.getDestination(target.dest) : target.dest
    if (!Array.isArray(explicit) || explicit.length === 0) return
    const ref: unknown = explicit[0]
    let index: number | null = null
    if (typeof ref === 'number' && Number.isInteger(ref)) index = ref
    else if (ref && typeof ref === 'object') {
      index = await this.doc.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0])
    }
    if (index === null || index < 0 || index >= this.pageCount) return
    const page = await this.doc.getPage(index + 1)
    const [, bottom, , top] = page.view as [number, number, number, number]
    const adjusted = [...explicit]
    if (typeof adjusted[3] === 'number') adjusted[3] -= bottom
    if (typeof adjusted[2] === 'number' && adjusted.length === 3) adjusted[2] -= bottom
    // A little room above the place, so a heading is not flush with the pane's edge.
    const room = DESTINATION_ROOM / (this.slots[index]!.el.offsetHeight || 1)
    await this.goTo(index + 1, destinationOffset(adjusted, top - bottom) - room)
  }

  /** Frees a page far from the pane: its canvas, text layer and links go. */
  private release(slot: Slot): void {
    slot.task?.cancel()
    slot.task = null
    if (slot.canvas) {
      // A zero-sized canvas gives its pixel memory back at once, not at garbage collection.
      slot.canvas.width = 0
      slot.canvas.height = 0
      slot.canvas.remove()
      // And pdf.js drops the page's parsed drawing operations (kept while it may redraw).
      if (!this.destroyed) void this.doc.getPage(slot.number).then((page) => page.cleanup())
    }
    slot.canvas = null
    slot.renderedScale = 0
    slot.textLayer?.cancel()
    slot.textLayer = null
    slot.textReady = false
    slot.textEl.replaceChildren()
    slot.marksEl.replaceChildren()
    slot.linksEl.replaceChildren()
    slot.linksReady = false
    delete slot.el.dataset.rendered
  }

  // --- annotations --------------------------------------------------------------------------

  /** The annotations of the file shown; each is drawn on its page (and the next, if it runs on). */
  setAnnotations(annotations: readonly PdfAnnotation[]): void {
    this.annotations = annotations
    for (const slot of this.slots) if (slot.viewport) this.drawAnnotations(slot)
  }

  private drawAnnotations(slot: Slot): void {
    if (!slot.viewport) return
    const index = slot.number - 1
    const here = this.annotations.filter(
      (a) => a.position.pageIndex === index || a.position.pageIndex === index - 1,
    )
    drawAnnotations(slot.annotationsEl, slot.viewport, index, here, {
      shownId: this.shownAnnotation,
      onNote: this.callbacks.onNote,
    })
  }

  /** Brings an annotation into view, a third down the pane, and marks it. */
  async showAnnotation(id: number): Promise<boolean> {
    const annotation = this.annotations.find((a) => a.id === id)
    if (!annotation || annotation.position.pageIndex >= this.pageCount) return false
    const number = annotation.position.pageIndex + 1
    const viewport = (await this.doc.getPage(number)).getViewport({ scale: 1 })
    if (this.destroyed) return false
    const previous = this.shownAnnotation
    this.shownAnnotation = id
    for (const slot of this.slots) {
      if (slot.viewport && (slot.number === number || this.isOn(previous, slot.number))) {
        this.drawAnnotations(slot)
      }
    }
    const top = Math.min(...annotation.position.rects.map((rect) => rectBox(viewport, rect).top))
    const slot = this.slots[number - 1]!
    const room = this.container.clientHeight / 3 / (slot.el.offsetHeight || 1)
    await this.goTo(number, top - room)
    if (annotation.type === 'note') {
      slot.annotationsEl
        .querySelector<HTMLElement>(`[data-annotation-id="${id}"]`)
        ?.focus({ preventScroll: true })
    }
    return true
  }

  private isOn(id: number | null, page: number): boolean {
    const annotation = id === null ? null : this.annotations.find((a) => a.id === id)
    if (!annotation) return false
    const index = annotation.position.pageIndex
    return index === page - 1 || index === page - 2
  }

  /** A click on the pages takes the mark off the annotation gone to. */
  private readonly clearShown = (): void => {
    const previous = this.shownAnnotation
    if (previous === null) return
    this.shownAnnotation = null
    for (const slot of this.slots) {
      if (slot.viewport && this.isOn(previous, slot.number)) {
        slot.annotationsEl
          .querySelector(`[data-annotation-id="${previous}"]`)
          ?.classList.remove('shown')
      }
    }
  }

  /** The page most of the pane shows, and the part of it in view (fractions of the page). */
  private visiblePart(): { number: number; box: PageBox } {
    const number = this.positionAt(this.container.scrollTop + this.container.clientHeight / 3).page
    const page = this.slots[number - 1]!.el.getBoundingClientRect()
    const pane = this.container.getBoundingClientRect()
    const left = Math.max(0, (pane.left - page.left) / page.width)
    const top = Math.max(0, (pane.top - page.top) / page.height)
    const right = Math.min(1, (pane.right - page.left) / page.width)
    const bottom = Math.min(1, (pane.bottom - page.top) / page.height)
    return { number, box: { left, top, width: right - left, height: bottom - top } }
  }

  // --- find ---------------------------------------------------------------------------------

  /** A page's text items, as its text layer has them (one span per item, in this order). */
  private content(number: number): Promise<TextItem[]> {
    let items = this.contents.get(number)
    if (!items) {
      items = this.doc
        .getPage(number)
        .then((page) => page.getTextContent({ disableNormalization: true }))
        .then((content) => content.items.filter((item) => 'str' in item))
      this.contents.set(number, items)
    }
    return items
  }

  private pageText(number: number): Promise<PageText> {
    let text = this.pageTexts.get(number)
    if (!text) {
      text = this.content(number).then(buildPageText)
      this.pageTexts.set(number, text)
    }
    return text
  }

  /** Selects match `k` (1-based, document order) and brings it into view. */
  private select(k: number): void {
    const previous = this.locate(this.find.current)
    this.find.current = k
    const located = this.locate(k)
    if (previous) this.drawMarks(this.slots[previous.page - 1]!)
    if (!located) return
    const slot = this.slots[located.page - 1]!
    this.drawMarks(slot)
    this.reveal = true
    if (slot.textReady) this.revealSelected(slot)
    else void this.goTo(located.page, 0)
  }

  private locate(k: number): { page: number; index: number } | null {
    if (k <= 0) return null
    let before = 0
    for (const [page, found] of [...this.matches].sort((a, b) => a[0] - b[0])) {
      if (k <= before + found.length) return { page, index: k - before - 1 }
      before += found.length
    }
    return null
  }

  private redrawMarks(): void {
    for (const slot of this.slots) if (slot.textReady) this.drawMarks(slot)
  }

  /** Draws the find matches of a page over its text layer, as boxes in % of the page. */
  private drawMarks(slot: Slot): void {
    slot.marksEl.replaceChildren()
    const found = this.matches.get(slot.number)
    if (!found || !slot.textReady || !slot.textLayer) return
    void this.pageText(slot.number).then((text) => {
      if (!slot.textReady || !slot.textLayer || this.matches.get(slot.number) !== found) return
      slot.marksEl.replaceChildren()
      const selected = this.locate(this.find.current)
      const pageRect = slot.el.getBoundingClientRect()
      const divs = slot.textLayer.textDivs
      found.forEach((match, index) => {
        const isSelected = selected?.page === slot.number && selected.index === index
        for (const box of textBoxes(divs, itemSpans(text, match), pageRect)) {
          const mark = document.createElement('div')
          mark.className = isSelected ? 'pdf-mark selected' : 'pdf-mark'
          placeOnPage(mark, box)
          slot.marksEl.append(mark)
        }
      })
      if (this.reveal && selected?.page === slot.number) this.revealSelected(slot)
    })
  }

  private revealSelected(slot: Slot): void {
    const mark = slot.marksEl.querySelector<HTMLElement>('.pdf-mark.selected')
    if (!mark) return
    this.reveal = false
    const pane = this.container.getBoundingClientRect()
    const rect = mark.getBoundingClientRect()
    if (rect.top >= pane.top + 8 && rect.bottom <= pane.bottom - 8) return
    this.container.scrollTop += rect.top - pane.top - this.container.clientHeight / 3
  }
}

function linkLabel(target: LinkTarget): string {
  if (target.kind === 'web') return `Open ${target.url} in the browser`
  if (target.kind === 'page') return `Go to the ${target.step} page`
  return 'Go to the place this link points to in the PDF'
}

/** A page's size in points at scale 1, with its /Rotate applied. */
function viewSize(page: PDFPageProxy): Size {
  const viewport = page.getViewport({ scale: 1 })
  return { width: viewport.width, height: viewport.height }
}

function clampPage(page: number, count: number): number {
  return Math.min(count, Math.max(1, Math.round(Number.isFinite(page) ? page : 1)))
}

function clampOffset(offset: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(offset) ? offset : 0))
}

function darkenCanvas(canvas: HTMLCanvasElement, keep: ReturnType<typeof imageRects>): void {
  const context = canvas.getContext('2d')
  if (!context) return
  const image = context.getImageData(0, 0, canvas.width, canvas.height)
  darkenPixels(image.data, canvas.width, canvas.height, keep)
  context.putImageData(image, 0, 0)
}
