import type { TextPoint } from './measureAnnotation'

/** A drawn page's text layer: pdf.js's spans, one per text item (index = piece). */
export interface PageSpans {
  page: number
  divs: readonly HTMLElement[]
}

/** Where a selection on the pages starts and ends (pages 1-based). */
export interface SelectionEnds {
  first: { page: number; point: TextPoint }
  last: { page: number; point: TextPoint }
}

/**
 * The text selected on the pages' text layers, as text points (piece, index), or null when the
 * selection is not on them. A selection over more than one page break ends at the end of the
 * page after its first (an annotation spans at most one break).
 */
export function selectionEnds(
  selection: Selection | null,
  pages: readonly PageSpans[],
): SelectionEnds | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  if (range.toString().trim() === '') return null
  const first = boundary(range.startContainer, range.startOffset, 'start', pages)
  let last = boundary(range.endContainer, range.endOffset, 'end', pages)
  if (!first || !last || last.page < first.page) return null
  if (last.page > first.page + 1) {
    const next = pages.find((p) => p.page === first.page + 1)
    const end = next && lastTextPoint(next.divs)
    if (!end) return null
    last = { page: next.page, point: end }
  }
  if (last.page === first.page && comparePoints(last.point, first.point) <= 0) return null
  return { first, last }
}

function boundary(
  node: Node,
  offset: number,
  edge: 'start' | 'end',
  pages: readonly PageSpans[],
): { page: number; point: TextPoint } | null {
  // The usual case: inside a span's text.
  const span = node instanceof Text ? node.parentElement : null
  const pageEl = span?.closest<HTMLElement>('.pdf-page')
  if (span && pageEl) {
    const page = pages.find((p) => p.page === Number(pageEl.dataset.pageNumber))
    const piece = page ? page.divs.indexOf(span) : -1
    if (page && piece >= 0) return { page: page.page, point: { piece, index: offset } }
  }
  // Between spans (a line's end, the page's margin): the first span after it, or the last before.
  const at = document.createRange()
  at.setStart(node, offset)
  const ordered = edge === 'start' ? pages : [...pages].reverse()
  for (const page of ordered) {
    const indexes = page.divs.map((_, i) => i)
    if (edge === 'end') indexes.reverse()
    for (const i of indexes) {
      const div = page.divs[i]!
      if (!div.isConnected || !div.textContent) continue
      if (edge === 'start' && at.comparePoint(div, 0) >= 0) {
        return { page: page.page, point: { piece: i, index: 0 } }
      }
      if (edge === 'end' && at.comparePoint(div, div.childNodes.length) <= 0) {
        return { page: page.page, point: { piece: i, index: div.textContent.length } }
      }
    }
  }
  return null
}

function lastTextPoint(divs: readonly HTMLElement[]): TextPoint | null {
  for (let i = divs.length - 1; i >= 0; i--) {
    const length = divs[i]!.textContent?.length ?? 0
    if (length > 0) return { piece: i, index: length }
  }
  return null
}

function comparePoints(a: TextPoint, b: TextPoint): number {
  return a.piece - b.piece || a.index - b.index
}

export type SelectionStep = {
  direction: 'forward' | 'backward'
  unit: 'character' | 'word' | 'line'
}

/**
 * Shift+arrows on the pages: extends the selection by a character, a word (with Ctrl) or a
 * line; with nothing selected there yet, it starts at the first text in view.
 */
export function extendSelection(scroller: HTMLElement, step: SelectionStep): boolean {
  const selection = window.getSelection()
  if (!selection) return false
  const inPages =
    selection.rangeCount > 0 &&
    scroller.contains(selection.anchorNode) &&
    !!(
      selection.anchorNode instanceof Element
        ? selection.anchorNode
        : selection.anchorNode?.parentElement
    )?.closest('.textLayer')
  if (!inPages) {
    const start = firstTextInView(scroller)
    if (!start) return false
    selection.collapse(start, 0)
  }
  selection.modify('extend', step.direction, step.unit)
  return true
}

/** The first text node whose line is in view in the pane (reading from the top). */
function firstTextInView(scroller: HTMLElement): Text | null {
  const pane = scroller.getBoundingClientRect()
  for (const span of scroller.querySelectorAll<HTMLElement>(
    '.textLayer span[role="presentation"]',
  )) {
    const text = span.firstChild
    if (!(text instanceof Text) || text.length === 0 || text.data.trim() === '') continue
    const rect = span.getBoundingClientRect()
    if (rect.top >= pane.top && rect.bottom <= pane.bottom) return text
  }
  return null
}
