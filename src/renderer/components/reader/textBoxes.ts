import type { ItemSpan } from './pageText'

/** A box over a page in fractions of its size (0-1), so it needs no redraw when zooming. */
export interface PageBox {
  left: number
  top: number
  width: number
  height: number
}

/**
 * The boxes that pieces of text items cover on a page, measured on pdf.js's text layer (one
 * span per item, in `divs`): where find matches are drawn. (Annotations are drawn from the
 * PDF rectangles they store: annotationLayer.ts.)
 */
export function textBoxes(
  divs: readonly HTMLElement[],
  spans: readonly ItemSpan[],
  page: DOMRect,
): PageBox[] {
  const boxes: PageBox[] = []
  for (const span of spans) {
    const node = divs[span.item]?.firstChild
    if (!(node instanceof Text)) continue
    const range = document.createRange()
    range.setStart(node, Math.min(span.start, node.length))
    range.setEnd(node, Math.min(span.end, node.length))
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue
      boxes.push({
        left: (rect.left - page.left) / page.width,
        top: (rect.top - page.top) / page.height,
        width: rect.width / page.width,
        height: rect.height / page.height,
      })
    }
  }
  return boxes
}

/** Places an element over a page at a box (in % of the page). */
export function placeOnPage(el: HTMLElement, box: PageBox): void {
  el.style.left = `${box.left * 100}%`
  el.style.top = `${box.top * 100}%`
  el.style.width = `${box.width * 100}%`
  el.style.height = `${box.height * 100}%`
}
