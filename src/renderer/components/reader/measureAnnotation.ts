import type { NewPdfAnnotation, PdfRect } from '../../../shared/models'
import {
  layoutPage,
  quoteContext,
  lineRects,
  nearestOffset,
  textInRect,
  textOffset,
  type PageLayout,
  type TextPiece,
} from '../../../shared/pdfLayout'

/** A page's text pieces (pdf.js items, index for index with its text layer's spans) laid out. */
export interface PageGeometry {
  /** 0-based. */
  pageIndex: number
  pieces: readonly TextPiece[]
  layout: PageLayout
}

/** A selection boundary: UTF-16 index `index` in the `str` of piece `piece`. */
export interface TextPoint {
  piece: number
  index: number
}

/** What the reader measures of an annotation; the rest (type, colour, comment) is chosen. */
export type Measured = Pick<NewPdfAnnotation, 'position' | 'quote' | 'prefix' | 'suffix' | 'offset'>

/** Side of a note's pin, in points (the size Zotero and PDF viewers give a Text annotation). */
export const NOTE_SIZE = 22

export function pageGeometry(pageIndex: number, pieces: readonly TextPiece[]): PageGeometry {
  return { pageIndex, pieces, layout: layoutPage(pieces) }
}

/**
 * Marked text from a selection that starts on `first` and ends on `first` or on the page after
 * it (a selection over a page break: the quote is the end of one page's text, a space, and the
 * start of the next's). Spaces at its ends are left out. Null when no text is selected.
 */
export function measureText(
  first: PageGeometry,
  start: TextPoint,
  last: PageGeometry,
  end: TextPoint,
): Measured | null {
  const textA = first.layout.text
  let a = textOffset(first.layout, start.piece, start.index)
  while (a < textA.length && textA[a] === ' ') a++
  if (last.pageIndex === first.pageIndex) {
    return measureOnPage(first, a, textOffset(first.layout, end.piece, end.index))
  }
  const textB = last.layout.text
  let b = textOffset(last.layout, end.piece, end.index)
  while (b > 0 && textB[b - 1] === ' ') b--
  if (a >= textA.length) return measureOnPage(last, 0, b)
  if (b <= 0) return measureOnPage(first, a, textA.length)
  return {
    position: {
      pageIndex: first.pageIndex,
      rects: lineRects(first.pieces, first.layout, a, textA.length),
      nextPageRects: lineRects(last.pieces, last.layout, 0, b),
    },
    quote: `${textA.slice(a)} ${textB.slice(0, b)}`,
    prefix: quoteContext(textA, a, a).prefix,
    suffix: quoteContext(textB, b, b).suffix,
    offset: a,
  }
}

function measureOnPage(page: PageGeometry, from: number, to: number): Measured | null {
  const text = page.layout.text
  let a = from
  let b = Math.min(to, text.length)
  while (a < b && text[a] === ' ') a++
  while (b > a && text[b - 1] === ' ') b--
  if (b <= a) return null
  return {
    position: { pageIndex: page.pageIndex, rects: lineRects(page.pieces, page.layout, a, b) },
    quote: text.slice(a, b),
    ...quoteContext(text, a, b),
    offset: a,
  }
}

/**
 * A note pinned with its top-left corner at (x, y) in PDF user space, kept on the page; placed
 * in reading order by the text nearest to it.
 */
export function measureNote(page: PageGeometry, x: number, y: number, view: PdfRect): Measured {
  const [minX, minY, maxX, maxY] = view
  const left = clamp(x, minX, maxX - NOTE_SIZE)
  const top = clamp(y, minY + NOTE_SIZE, maxY)
  const offset = nearestOffset(page.pieces, page.layout, left, top)
  const text = page.layout.text
  return {
    position: {
      pageIndex: page.pageIndex,
      rects: [[left, top - NOTE_SIZE, left + NOTE_SIZE, top]],
    },
    quote: '',
    ...quoteContext(text, offset, offset),
    offset,
  }
}

/** A rectangle over a figure or an equation: its quote is the text inside it (maybe none). */
export function measureArea(page: PageGeometry, rect: PdfRect): Measured {
  const text = page.layout.text
  const inside = textInRect(page.pieces, page.layout, rect)
  const start = inside?.start ?? nearestOffset(page.pieces, page.layout, rect[0], rect[3])
  const end = inside?.end ?? start
  return {
    position: { pageIndex: page.pageIndex, rects: [rect] },
    quote: text.slice(start, end),
    ...quoteContext(text, start, end),
    offset: start,
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high))
}
