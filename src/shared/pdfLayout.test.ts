import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  layoutPage,
  lineRects,
  nearestOffset,
  quoteContext,
  textInRect,
  textOffset,
  type TextPiece,
} from './pdfLayout'

/** A piece 5 units a character wide, 10 high, at (x, y). */
const piece = (str: string, x: number, y: number, hasEOL = true): TextPiece => ({
  str,
  hasEOL,
  x,
  y,
  width: str.length * 5,
  height: 10,
})

describe('layoutPage', () => {
  it('maps every character back to the piece and range it came from', () => {
    const pieces = [piece('We ﬁnd inter-', 72, 700), piece('action here', 72, 688)]
    const layout = layoutPage(pieces)
    expect(layout.text).toBe('We find interaction here')
    // "fi" both come from the ligature, units 3..4 of piece 0
    const f = layout.text.indexOf('fi')
    expect([layout.piece[f], layout.from[f], layout.to[f]]).toEqual([0, 3, 4])
    expect([layout.piece[f + 1], layout.from[f + 1], layout.to[f + 1]]).toEqual([0, 3, 4])
    // the hyphen at the line end is gone; "action" starts piece 1
    const a = layout.text.indexOf('action')
    expect([layout.piece[a], layout.from[a]]).toEqual([1, 0])
    expect(layout.piece[a - 1]).toBe(0)
  })

  it('marks a space between pieces that no piece holds', () => {
    const layout = layoutPage([piece('left', 72, 700), piece('right', 72, 688)])
    expect(layout.text).toBe('left right')
    expect(layout.piece[4]).toBe(-1)
  })
})

describe('textOffset', () => {
  const pieces = [piece('first line', 72, 700), piece('second line', 72, 688)]
  const layout = layoutPage(pieces)

  it('turns selection boundaries in pieces into a range that leaves out the joining space', () => {
    const start = textOffset(layout, 0, 6)
    const end = textOffset(layout, 0, 10)
    expect(layout.text.slice(start, end)).toBe('line')
    expect(layout.text.slice(textOffset(layout, 0, 6), textOffset(layout, 1, 6))).toBe(
      'line second',
    )
    expect(layout.text.slice(textOffset(layout, 1, 0), textOffset(layout, 1, 11))).toBe(
      'second line',
    )
  })
})

describe('lineRects', () => {
  it('gives one rectangle per line, as wide as the selected characters', () => {
    const pieces = [piece('the first line', 72, 700), piece('the second line', 72, 688)]
    const layout = layoutPage(pieces)
    const start = layout.text.indexOf('first')
    const end = layout.text.indexOf(' line', start + 6) // "first line the second"
    const rects = lineRects(pieces, layout, start, end)
    expect(rects).toHaveLength(2)
    const [one, two] = rects
    expect(one![0]).toBeCloseTo(72 + 4 * 5)
    expect(one![2]).toBeCloseTo(72 + 14 * 5)
    expect(two![0]).toBeCloseTo(72)
    expect(two![2]).toBeCloseTo(72 + 10 * 5)
    // the first line is above the second, each about a font height tall around its baseline
    expect(one![1]).toBeGreaterThan(two![3] - 2)
    expect(one![1]).toBeLessThan(700)
    expect(one![3]).toBeGreaterThan(700 + 5)
  })

  it('splits a line of pieces at a jump to the other column', () => {
    const pieces = [piece('end of column one', 72, 100), piece('top of column two', 320, 700)]
    const layout = layoutPage(pieces)
    expect(lineRects(pieces, layout, 0, layout.text.length)).toHaveLength(2)
  })

  it('merges the pieces of one line', () => {
    const pieces = [piece('bold', 72, 700, false), piece(' words', 92, 700)]
    const layout = layoutPage(pieces)
    expect(lineRects(pieces, layout, 0, layout.text.length)).toHaveLength(1)
  })
})

describe('nearestOffset and textInRect', () => {
  const pieces = [piece('alpha beta', 72, 700), piece('gamma delta', 72, 688)]
  const layout = layoutPage(pieces)

  it('places a point at the text nearest to it', () => {
    expect(nearestOffset(pieces, layout, 60, 702)).toBe(0)
    expect(layout.text.slice(nearestOffset(pieces, layout, 72 + 6 * 5 + 1, 690))).toBe('delta')
    expect(nearestOffset(pieces, layout, 400, 690)).toBe(layout.text.length)
    expect(nearestOffset([], layoutPage([]), 1, 1)).toBe(0)
  })

  it('finds the text inside a rectangle, or none', () => {
    const range = textInRect(pieces, layout, [70, 685, 72 + 5 * 5, 712])
    expect(range && layout.text.slice(range.start, range.end)).toBe('alpha beta gamma')
    expect(textInRect(pieces, layout, [300, 300, 400, 400])).toBeNull()
  })
})

describe('quoteContext', () => {
  it('keeps up to 32 characters either side', () => {
    const text = 'x'.repeat(40) + 'QUOTE' + 'y'.repeat(40)
    expect(quoteContext(text, 40, 45)).toEqual({ prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) })
    expect(quoteContext('abQc', 2, 3)).toEqual({ prefix: 'ab', suffix: 'c' })
  })
})

/** Pieces from characters that exercise every rule: ligatures, hyphens, marks, controls. */
const CHARS = [
  'a',
  'b',
  'e',
  'Z',
  ' ',
  ' ',
  '\t',
  '-',
  '\u2010',
  '\u00AD',
  'ﬁ',
  'ﬃ',
  '\u0301',
  'é',
  '１',
  'Ａ',
  '\uE000',
  '\u0007',
  '\uFFFD',
  '\uD835',
  '가',
  '\u1100',
  '\u1161',
  '\u2028',
  '²',
  '.',
]
const arbitraryPiece = fc.record({
  str: fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((chars) => chars.join('')),
  hasEOL: fc.boolean(),
  x: fc.constantFrom(0, 10, 30, 72, 320),
  y: fc.constantFrom(700, 698, 688, 100),
  width: fc.constantFrom(0, 5, 20, 40),
  height: fc.constantFrom(0, 4, 10),
})

describe('layoutPage (properties)', () => {
  it('gives the text the page text always had, each unit taken from its own piece', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPiece, { maxLength: 12 }), (pieces) => {
        const layout = layoutPage(pieces)
        expect(layout.text).toBe(referencePageText(pieces))
        let last = -1
        for (let unit = 0; unit < layout.text.length; unit++) {
          const source = layout.piece[unit]!
          if (source < 0) {
            expect(layout.text[unit]).toBe(' ')
            continue
          }
          // Pieces are read in order.
          expect(source).toBeGreaterThanOrEqual(last)
          last = source
          const { from, to } = { from: layout.from[unit]!, to: layout.to[unit]! }
          expect(0 <= from && from < to && to <= pieces[source]!.str.length).toBe(true)
          // (A mark or a Hangul vowel starting the next piece composes with this one's last letter.)
          const next = pieces.slice(source + 1).find((p) => p.str !== '')
          if (!/^[\p{M}\u1160-\u11FF]/u.test(next?.str ?? '')) {
            const original = pieces[source]!.str.slice(from, to).normalize('NFKC')
            const char = layout.text[unit]!
            expect(char === ' ' || char === '-' || original.includes(char)).toBe(true)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('maps a selection boundary at a unit back to that unit', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPiece, { maxLength: 12 }), (pieces) => {
        const layout = layoutPage(pieces)
        for (let unit = 0; unit < layout.text.length; unit++) {
          const source = layout.piece[unit]!
          const sameAsBefore =
            unit > 0 &&
            layout.piece[unit - 1] === source &&
            layout.from[unit - 1] === layout.from[unit]
          if (source < 0 || sameAsBefore) continue
          expect(textOffset(layout, source, layout.from[unit]!)).toBe(unit)
        }
      }),
      { numRuns: 300 },
    )
  })
})

/**
 * The page text as pageText made it before the text was mapped to its pieces (commit 5390b00),
 * frozen here as the oracle the layout's text must equal.
 */
function referencePageText(pieces: readonly TextPiece[]): string {
  return joinLines(pageLines(pieces))
}

const MAX_PAGE_CHARS = 100_000

/** Hyphens that may end a line mid-word: ASCII, Unicode hyphen, soft hyphen. */
const LINE_END_HYPHEN = /[-\u2010\u00AD]$/

/** The page's lines, as laid out: a new line where pdf.js says so or the baseline moves. */
function pageLines(pieces: readonly TextPiece[]): string[] {
  const lines: string[] = []
  let line = ''
  let previous: TextPiece | null = null
  for (const piece of pieces) {
    if (previous && !previous.hasEOL && movedToNewLine(previous, piece)) {
      lines.push(line)
      line = ''
    } else if (previous && !previous.hasEOL && line !== '' && needsSpace(previous, piece, line)) {
      line += ' '
    }
    line += piece.str
    if (piece.hasEOL) {
      lines.push(line)
      line = ''
    }
    previous = piece
  }
  if (line !== '') lines.push(line)
  return lines
}

/** The baseline moved by more than half a line: the next piece starts another line. */
function movedToNewLine(a: TextPiece, b: TextPiece): boolean {
  if (b.str.trim() === '' && b.width === 0) return false
  const size = Math.max(a.height, b.height, 1)
  return Math.abs(a.y - b.y) > size * 0.5
}

/**
 * Two pieces on one line with no space of their own, but a gap between them, or the second
 * drawn back to the left of the first (a right-aligned label drawn before the line's start).
 */
function needsSpace(a: TextPiece, b: TextPiece, line: string): boolean {
  if (/\s$/.test(line) || /^\s/.test(b.str) || b.str === '') return false
  const size = Math.max(a.height, b.height, 1)
  const gap = b.x - (a.x + a.width)
  return gap > size * 0.15 || gap < -size
}

/**
 * Joins lines into one searchable text: NFKC, control and private-use characters out, a word
 * broken by a hyphen at a line end joined ("interac-" + "tion" = "interaction"; a compound's
 * own hyphen stays: "state-of-the-" + "art" = "state-of-the-art"), white space collapsed.
 */
function joinLines(lines: readonly string[]): string {
  let text = ''
  for (const raw of lines) {
    const line = clean(raw)
    if (line === '') continue
    if (text === '') {
      text = line
      continue
    }
    const hyphen = LINE_END_HYPHEN.exec(text)
    if (hyphen && /\p{L}$/u.test(text.slice(0, -1)) && /^\p{Ll}/u.test(line)) {
      const word = /[\p{L}\p{N}\-\u2010]*$/u.exec(text.slice(0, -1))?.[0] ?? ''
      const compound = /[-\u2010]/.test(word) && hyphen[0] !== '\u00AD'
      text = text.slice(0, -1) + (compound ? '-' : '') + line
    } else {
      text += ' ' + line
    }
  }
  return text.length > MAX_PAGE_CHARS ? text.slice(0, MAX_PAGE_CHARS) : text
}

/** One line normalized: NFKC, no control or private-use characters, single spaces, trimmed. */
function clean(line: string): string {
  return (
    line
      .normalize('NFKC')
      // soft hyphens inside a line are invisible break hints, not text
      .replace(/\u00AD(?=.)/g, '')
      .replace(/[\p{Cc}\p{Co}\p{Cs}\uFFFD]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  )
}
