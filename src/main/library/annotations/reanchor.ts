import type { PdfAnnotationType, PdfPosition, PdfRect } from '../../../shared/models'
import { lineRects, quoteContext, type PageLayout, type TextPiece } from '../../../shared/pdfLayout'
import { anchorQuote } from '../highlights/anchor'

/**
 * Placing an annotation made on one file of a paper on another (a new version, or the one left
 * when a file is removed), by its text: a highlight or underline by its quote and the text around
 * it; a note, or an area without text, by the text around it; an area with text by that text. A
 * note or area keeps where it was beside its text, so it needs the page of the file it was made
 * on. Pure: the texts and pages' text items come in.
 */

/** What re-anchoring needs of an annotation. */
export interface AnchoredAnnotation {
  type: PdfAnnotationType
  quote: string
  prefix: string
  suffix: string
  position: PdfPosition
  /** Where it was in its page's text (the sort key's offset). */
  offset: number
}

/** A page's text items and their layout. */
export interface PageGeometry {
  pieces: readonly TextPiece[]
  layout: PageLayout
}

/**
 * Where the text an annotation hangs on is in the other file: [start, end) of page `pageIndex`
 * (0-based), running on to `nextPageEnd` on the next page when it crosses the page's end. A
 * note's text is the point between its prefix and suffix (start = end).
 */
export interface Anchor {
  pageIndex: number
  start: number
  end: number
  nextPageEnd: number | null
}

/** Where an annotation goes on the other file. */
export interface Placement {
  position: PdfPosition
  prefix: string
  suffix: string
  /** Where it starts in its page's text (for the sort key). */
  offset: number
}

/** Whether the annotation is placed by its quote (else by the text around it). */
const byQuote = (annotation: AnchoredAnnotation) =>
  annotation.type !== 'note' && annotation.quote.trim() !== ''

/**
 * Finds the annotation's text in the other file's pages (the document's text is its pages joined
 * by a space, as a quote across a page break is stored). Null when it is not there any more.
 */
export function findAnchor(
  pageTexts: readonly string[],
  annotation: AnchoredAnnotation,
): Anchor | null {
  if (pageTexts.length === 0) return null
  const starts: number[] = []
  let length = 0
  for (const text of pageTexts) {
    starts.push(length)
    length += text.length + 1
  }
  const document = pageTexts.join(' ')
  const wasAt =
    starts[Math.min(annotation.position.pageIndex, pageTexts.length - 1)]! + annotation.offset
  const { quote, prefix, suffix } = annotation
  if (byQuote(annotation)) {
    const found = anchorQuote(document, { quote, prefix, suffix, start: wasAt })
    return found && toAnchor(pageTexts, starts, found.start, found.end)
  }
  const context = prefix + suffix
  if (context.trim() === '') return null
  const found = anchorQuote(document, {
    quote: context,
    prefix: '',
    suffix: '',
    start: wasAt - prefix.length,
  })
  if (!found) return null
  // Where the prefix ends in the text found (which may differ in case or white space).
  const at = found.start + Math.min(prefix.length, found.end - found.start)
  return toAnchor(pageTexts, starts, at, at)
}

/** The anchor of document range [start, end): its page, and the next page if it runs on. */
function toAnchor(
  pageTexts: readonly string[],
  starts: readonly number[],
  start: number,
  end: number,
): Anchor {
  let page = 0
  while (page + 1 < starts.length && starts[page + 1]! <= start) page++
  const length = pageTexts[page]!.length
  const pageEnd = starts[page]! + length
  // On the space between two pages: the start of the next one.
  if (start >= pageEnd && page + 1 < pageTexts.length && end > start) {
    return toAnchor(pageTexts, starts, start + 1, end)
  }
  const localStart = Math.min(start - starts[page]!, length)
  if (end <= pageEnd || page + 1 === pageTexts.length) {
    return {
      pageIndex: page,
      start: localStart,
      end: Math.min(end, pageEnd) - starts[page]!,
      nextPageEnd: null,
    }
  }
  const next = pageTexts[page + 1]!
  return {
    pageIndex: page,
    start: localStart,
    end: length,
    nextPageEnd: Math.min(end - starts[page + 1]!, next.length),
  }
}

/** The pages (0-based) whose text items placing at `anchor` needs. */
export function pagesOf(anchor: Anchor): number[] {
  return anchor.nextPageEnd === null ? [anchor.pageIndex] : [anchor.pageIndex, anchor.pageIndex + 1]
}

/** Whether placing this annotation needs the page it was made on (a note or an area does). */
export function needsOldPage(annotation: AnchoredAnnotation): boolean {
  return annotation.type === 'note' || annotation.type === 'area'
}

/**
 * The annotation placed at `anchor` of the other file, whose pages' geometry `pages` gives
 * (0-based). `oldPage` is the page it was made on (needed for a note or an area: null leaves
 * them where they are). Null when it cannot be placed.
 */
export function placeAt(
  annotation: AnchoredAnnotation,
  anchor: Anchor,
  pages: ReadonlyMap<number, PageGeometry>,
  oldPage: PageGeometry | null,
): Placement | null {
  const page = pages.get(anchor.pageIndex)
  if (!page) return null
  const text = page.layout.text
  if (!needsOldPage(annotation)) {
    const rects = lineRects(page.pieces, page.layout, anchor.start, anchor.end)
    if (rects.length === 0) return null
    const position: PdfPosition = { pageIndex: anchor.pageIndex, rects }
    let suffix = quoteContext(text, anchor.start, anchor.end).suffix
    if (anchor.nextPageEnd !== null) {
      const next = pages.get(anchor.pageIndex + 1)
      if (!next) return null
      const nextRects = lineRects(next.pieces, next.layout, 0, anchor.nextPageEnd)
      if (nextRects.length > 0) position.nextPageRects = nextRects
      suffix = quoteContext(next.layout.text, 0, anchor.nextPageEnd).suffix
    }
    return {
      position,
      prefix: quoteContext(text, anchor.start, anchor.end).prefix,
      suffix,
      offset: anchor.start,
    }
  }
  if (!oldPage) return null
  const before = anchorBox(oldPage, annotation.offset)
  const after = anchorBox(page, anchor.start)
  if (!before || !after) return null
  const dx = after[0] - before[0]
  const dy = after[1] - before[1]
  const end = anchor.nextPageEnd === null ? anchor.end : text.length
  return {
    position: {
      pageIndex: anchor.pageIndex,
      rects: annotation.position.rects.map(([x1, y1, x2, y2]): PdfRect => [
        x1 + dx,
        y1 + dy,
        x2 + dx,
        y2 + dy,
      ]),
    },
    ...quoteContext(text, anchor.start, end),
    offset: anchor.start,
  }
}

/**
 * The box of the text at `offset` of a page (the first character at or after it, else the last
 * one before it): what a note or an area keeps its place beside.
 */
function anchorBox({ pieces, layout }: PageGeometry, offset: number): PdfRect | null {
  const length = layout.text.length
  for (let unit = Math.max(0, Math.min(offset, length)); unit < length; unit++) {
    const [box] = lineRects(pieces, layout, unit, unit + 1)
    if (box) return box
  }
  for (let unit = Math.min(offset, length) - 1; unit >= 0; unit--) {
    const [box] = lineRects(pieces, layout, unit, unit + 1)
    if (box) return box
  }
  return null
}
