import type { PageViewport } from 'pdfjs-dist'
import type { PdfAnnotation, PdfRect } from '../../../shared/models'
import { placeOnPage, type PageBox } from './textBoxes'

/**
 * A rectangle in a page's PDF user space as a box in fractions of the page as shown, through
 * the page's viewport (so a rotated page is right too); fractions need no redraw on zoom.
 */
export function rectBox(viewport: PageViewport, rect: PdfRect): PageBox {
  const [ax, ay] = viewport.convertToViewportPoint(rect[0], rect[1]) as [number, number]
  const [bx, by] = viewport.convertToViewportPoint(rect[2], rect[3]) as [number, number]
  return {
    left: Math.min(ax, bx) / viewport.width,
    top: Math.min(ay, by) / viewport.height,
    width: Math.abs(bx - ax) / viewport.width,
    height: Math.abs(by - ay) / viewport.height,
  }
}

/** A point given in fractions of the page as shown, in the page's PDF user space. */
export function pdfPoint(viewport: PageViewport, fx: number, fy: number): [number, number] {
  return viewport.convertToPdfPoint(fx * viewport.width, fy * viewport.height) as [number, number]
}

/** A box in fractions of the page as a rectangle in PDF user space ([x1, y1, x2, y2], x1 < x2). */
export function boxRect(viewport: PageViewport, box: PageBox): PdfRect {
  const [ax, ay] = pdfPoint(viewport, box.left, box.top)
  const [bx, by] = pdfPoint(viewport, box.left + box.width, box.top + box.height)
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]
}

/** The rectangles of an annotation on page `pageIndex`: its own, or its run-on from the page before. */
export function rectsOnPage(annotation: PdfAnnotation, pageIndex: number): PdfRect[] {
  const { position } = annotation
  if (position.pageIndex === pageIndex) return position.rects
  if (position.pageIndex === pageIndex - 1) return position.nextPageRects ?? []
  return []
}

export interface LayerOptions {
  /** The annotation marked after a jump to it. */
  shownId: number | null
  /** A note's pin was clicked (or pressed with Enter or Space). */
  onNote: (id: number) => void
}

/**
 * Draws a page's annotations: a highlight as translucent colour over each line, an underline as
 * a line under each, a note as a pin (a button named by its comment), an area as an outlined
 * rectangle. Comments are set as text and attributes, never as HTML.
 */
export function drawAnnotations(
  layer: HTMLElement,
  viewport: PageViewport,
  pageIndex: number,
  annotations: readonly PdfAnnotation[],
  options: LayerOptions,
): void {
  layer.replaceChildren()
  for (const annotation of annotations) {
    const rects = rectsOnPage(annotation, pageIndex)
    if (rects.length === 0) continue
    const group = annotation.type === 'note' ? notePin(annotation, options.onNote) : markGroup()
    group.classList.add('pdf-annotation', `type-${annotation.type}`, `color-${annotation.color}`)
    if (annotation.id === options.shownId) group.classList.add('shown')
    group.dataset.annotationId = String(annotation.id)
    if (annotation.type === 'note') {
      placeOnPage(group, rectBox(viewport, rects[0]!))
    } else {
      for (const rect of rects) {
        const part = document.createElement('div')
        part.className = 'pdf-annotation-part'
        placeOnPage(part, rectBox(viewport, rect))
        group.append(part)
      }
    }
    layer.append(group)
  }
}

/** Marks of text and areas are seen, not used: the list is where they are read and edited. */
function markGroup(): HTMLElement {
  const group = document.createElement('div')
  group.setAttribute('aria-hidden', 'true')
  return group
}

const SVG = 'http://www.w3.org/2000/svg'

function notePin(annotation: PdfAnnotation, onNote: (id: number) => void): HTMLElement {
  const pin = document.createElement('button')
  pin.type = 'button'
  const comment = annotation.comment?.trim()
  pin.setAttribute('aria-label', comment ? `Note: ${comment}` : 'Note (empty)')
  pin.title = comment || 'Note'
  pin.append(pinIcon())
  pin.addEventListener('click', (event) => {
    event.stopPropagation()
    onNote(annotation.id)
  })
  return pin
}

/** A folded sheet: the usual sign of a sticky note. */
function pinIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('viewBox', '0 0 22 22')
  svg.setAttribute('aria-hidden', 'true')
  const sheet = document.createElementNS(SVG, 'path')
  sheet.setAttribute('d', 'M2.5 2.5h17v11l-6 6h-11z')
  sheet.setAttribute('class', 'pin-sheet')
  const fold = document.createElementNS(SVG, 'path')
  fold.setAttribute('d', 'M19.5 13.5h-6v6')
  fold.setAttribute('class', 'pin-fold')
  const lines = document.createElementNS(SVG, 'path')
  lines.setAttribute('d', 'M6 7h10M6 10.5h10M6 14h5')
  lines.setAttribute('class', 'pin-lines')
  svg.append(sheet, fold, lines)
  return svg
}
