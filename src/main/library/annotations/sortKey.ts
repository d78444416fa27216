import type { PdfRect } from '../../../shared/models'

const TOP_MAX = 99_999
const OFFSET_MAX = 999_999

/**
 * Orders a page's annotations as they are read: page, then the quote's place in the page's text
 * (a note or area: the text nearest to it), then height on the page (higher first, as y grows
 * upwards in PDF space). Fixed-width fields so plain string order is reading order.
 */
export function pdfSortKey(pageIndex: number, offset: number, rects: readonly PdfRect[]): string {
  const top = rects.length > 0 ? Math.max(...rects.map((rect) => rect[3])) : 0
  const fromTop = clamp(TOP_MAX - Math.round(top), 0, TOP_MAX)
  return [
    pad(pageIndex, 5),
    pad(clamp(Math.round(offset), 0, OFFSET_MAX), 6),
    pad(fromTop, 5),
  ].join('|')
}

/** A sort key as pdfSortKey writes it (a restore brings one back from the window). */
export const SORT_KEY = /^\d{5}\|\d{6}\|\d{5}$/

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
