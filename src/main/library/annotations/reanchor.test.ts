import { describe, expect, it } from 'vitest'
import type { PdfRect } from '../../../shared/models'
import { layoutPage, lineRects, quoteContext, type TextPiece } from '../../../shared/pdfLayout'
import {
  findAnchor,
  pagesOf,
  placeAt,
  type AnchoredAnnotation,
  type PageGeometry,
} from './reanchor'

/** A page of lines 12 pt apart from the top, 5 pt a character, each line one text item. */
function page(...lines: string[]): PageGeometry {
  const pieces: TextPiece[] = lines.map((str, i) => ({
    str,
    hasEOL: true,
    x: 72,
    y: 700 - i * 12,
    width: str.length * 5,
    height: 10,
  }))
  return { pieces, layout: layoutPage(pieces) }
}

const FILE_1 = [
  page('Attention is all you need for', 'sequence transduction with state-of-the-', 'art layers.'),
  page('We train on eight GPUs for', 'three and a half days.'),
]

/** A highlight of `quote` on page `pageIndex` of `file`, as the reader would make it. */
function highlight(file: PageGeometry[], pageIndex: number, quote: string): AnchoredAnnotation {
  const { pieces, layout } = file[pageIndex]!
  const start = layout.text.indexOf(quote)
  if (start < 0) throw new Error(`"${quote}" is not on page ${pageIndex}`)
  const end = start + quote.length
  return {
    type: 'highlight',
    quote,
    ...quoteContext(layout.text, start, end),
    position: { pageIndex, rects: lineRects(pieces, layout, start, end) },
    offset: start,
  }
}

/** A note pinned at (x, y) beside the text at `offset` of page `pageIndex` of `file`. */
function note(file: PageGeometry[], pageIndex: number, offset: number, at: PdfRect) {
  const { layout } = file[pageIndex]!
  return {
    type: 'note' as const,
    quote: '',
    ...quoteContext(layout.text, offset, offset),
    position: { pageIndex, rects: [at] },
    offset,
  }
}

/** Places `annotation` on `file`, as the placement runner does. */
function place(annotation: AnchoredAnnotation, file: PageGeometry[], old: PageGeometry[] | null) {
  const anchor = findAnchor(
    file.map((p) => p.layout.text),
    annotation,
  )
  if (!anchor) return null
  const pages = new Map(pagesOf(anchor).map((index) => [index, file[index]!]))
  return placeAt(annotation, anchor, pages, old?.[annotation.position.pageIndex] ?? null)
}

describe('re-anchoring on another file', () => {
  it('exact: the same text gives the same place', () => {
    const made = highlight(FILE_1, 0, 'sequence transduction')
    const placed = place(made, FILE_1, FILE_1)
    expect(placed).toEqual({
      position: made.position,
      prefix: made.prefix,
      suffix: made.suffix,
      offset: made.offset,
    })
  })

  it('shifted: text added above moves the quote down its page, one rectangle per line', () => {
    const made = highlight(FILE_1, 0, 'state-of-the-art layers')
    expect(made.position.rects).toHaveLength(2)
    const file2 = [page('A new first line.', ...FILE_1[0]!.pieces.map((p) => p.str)), FILE_1[1]!]
    const placed = place(made, file2, FILE_1)!
    expect(placed.position.pageIndex).toBe(0)
    expect(placed.offset).toBe(made.offset + 'A new first line. '.length)
    const moved = placed.position.rects
    expect(moved).toHaveLength(2)
    moved.forEach((rect, i) => {
      const before = made.position.rects[i]!
      expect(rect[0]).toBeCloseTo(before[0])
      expect(rect[1]).toBeCloseTo(before[1] - 12)
    })
  })

  it('changed: new surroundings, case and white space still find the quote', () => {
    const made = highlight(FILE_1, 1, 'eight GPUs')
    const file2 = [FILE_1[0]!, page('In v2 we   train on Eight  gpus in', 'three days.')]
    const placed = place(made, file2, FILE_1)!
    const text = file2[1]!.layout.text
    expect(placed.position.pageIndex).toBe(1)
    expect(text.slice(placed.offset, placed.offset + 'Eight gpus'.length)).toBe('Eight gpus')
    expect(placed.prefix.endsWith('train on ')).toBe(true)
    expect(placed.suffix.startsWith(' in three days')).toBe(true)
  })

  it('chooses the occurrence whose surroundings match over the nearer one', () => {
    const file1 = [page('the model is small; later the model is large')]
    const made = highlight(file1, 0, 'the model is large')
    const short = { ...made, quote: 'the model', ...quoteContext(file1[0]!.layout.text, 26, 35) }
    const file2 = [page('the model is large; in short the model is small')]
    expect(place(short, file2, file1)!.offset).toBe(0)
  })

  it('detached: a quote no longer in the file is not placed', () => {
    const made = highlight(FILE_1, 1, 'eight GPUs')
    const file2 = [FILE_1[0]!, page('We train on a TPU pod for a week.')]
    expect(place(made, file2, FILE_1)).toBeNull()
    expect(findAnchor([], made)).toBeNull()
  })

  it('across a page break: rectangles on both pages, the suffix from the next page', () => {
    const file2 = [
      page('Attention is all you need for', 'sequence transduction with state-of-the-art'),
      page('layers. We train on', 'eight GPUs.'),
    ]
    const made = highlight(FILE_1, 0, 'with state-of-the-art layers')
    const placed = place(made, file2, FILE_1)!
    expect(placed.position.pageIndex).toBe(0)
    expect(placed.position.rects).toHaveLength(1)
    expect(placed.position.nextPageRects).toHaveLength(1)
    expect(placed.position.nextPageRects![0]![1]).toBeGreaterThan(690)
    expect(placed.suffix).toBe('. We train on eight GPUs.')
    expect(placed.offset).toBe(file2[0]!.layout.text.indexOf('with state'))

    // And back again: the quote across the break lands on one page of FILE_1.
    const back = place({ ...made, ...placed }, FILE_1, file2)!
    expect(back.position).toEqual(made.position)
    expect(back.offset).toBe(made.offset)
  })

  it('a note moves with the text beside it, and stays put without the page it was made on', () => {
    const offset = FILE_1[1]!.layout.text.indexOf('three')
    const made = note(FILE_1, 1, offset, [40, 680, 62, 702])
    const file2 = [
      FILE_1[0]!,
      page('Setup.', 'We train on eight GPUs for', 'three and a half days.'),
    ]
    const placed = place(made, file2, FILE_1)!
    expect(placed.position).toEqual({ pageIndex: 1, rects: [[40, 668, 62, 690]] })
    expect(placed.offset).toBe(file2[1]!.layout.text.indexOf('three'))
    expect(place(made, file2, null)).toBeNull()
  })

  it('an area moves with the text inside it', () => {
    const made = { ...highlight(FILE_1, 1, 'three and a half days.'), type: 'area' as const }
    made.position = { pageIndex: 1, rects: [[70, 680, 200, 700]] }
    const file2 = [
      FILE_1[0]!,
      page('We train on eight GPUs for', 'a while:', 'three and a half days.'),
    ]
    const placed = place(made, file2, FILE_1)!
    expect(placed.position.rects).toEqual([[70, 668, 200, 688]])
  })
})
