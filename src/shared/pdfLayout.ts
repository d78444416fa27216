import type { PdfRect } from './models'

/**
 * A PDF page's text as the library stores and searches it, with each character mapped back to
 * the pdf.js text item it came from, so a range of the text has boxes on the page and a
 * selection on the page has a range of the text. Used by the renderer (annotations from a
 * selection) and by main (stored page text; placing annotations again on a new file). Pure.
 */

/** One pdf.js text item (getTextContent, items whose `str` is a string), in page units. */
export interface TextPiece {
  str: string
  /** pdf.js says a line ends after this item. */
  hasEOL: boolean
  /** Left end and baseline in page units (transform[4], transform[5]). */
  x: number
  y: number
  width: number
  /** Font height; 0 when unknown. */
  height: number
}

export interface PageLayout {
  /** The page's text: lines rebuilt, NFKC, hyphenated words joined, white space collapsed. */
  text: string
  /** Per UTF-16 unit of `text`: the piece it came from (-1: a space no piece holds)... */
  piece: Int32Array
  /** ...and the UTF-16 range of that piece's `str` it came from. */
  from: Int32Array
  to: Int32Array
}

/** How much text around a quote an annotation keeps to find it again. */
export const CONTEXT_CHARS = 32

/** The longest text kept for one page; beyond it a page is not prose. */
export const MAX_PAGE_CHARS = 100_000

/** The text just before and after `text[start, end)`, kept with a quote to find it again. */
export function quoteContext(
  text: string,
  start: number,
  end: number,
): { prefix: string; suffix: string } {
  return {
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  }
}

/** Text whose every UTF-16 unit knows its source: piece -1 for a unit no piece holds. */
interface Mapped {
  text: string
  piece: number[]
  from: number[]
  to: number[]
}

const empty = (): Mapped => ({ text: '', piece: [], from: [], to: [] })

function append(target: Mapped, part: Mapped): void {
  target.text += part.text
  for (let i = 0; i < part.text.length; i++) {
    target.piece.push(part.piece[i]!)
    target.from.push(part.from[i]!)
    target.to.push(part.to[i]!)
  }
}

function slice(source: Mapped, start: number, end = source.text.length): Mapped {
  return {
    text: source.text.slice(start, end),
    piece: source.piece.slice(start, end),
    from: source.from.slice(start, end),
    to: source.to.slice(start, end),
  }
}

/** `text` whose every unit comes from units [start, end) of `source` (taken as one source). */
function derived(text: string, source: Mapped, start: number, end: number): Mapped {
  let at = start
  while (at < end - 1 && source.piece[at]! < 0) at++
  const piece = source.piece[at] ?? -1
  let to = source.to[at] ?? -1
  for (let i = at + 1; i < end; i++) if (source.piece[i] === piece) to = Math.max(to, source.to[i]!)
  const units = text.length
  return {
    text,
    piece: new Array<number>(units).fill(piece),
    from: new Array<number>(units).fill(source.from[at] ?? -1),
    to: new Array<number>(units).fill(to),
  }
}

/** String.replace with a fixed replacement, the replacement's units taking the match's source. */
function replaceMapped(source: Mapped, pattern: RegExp, replacement: string): Mapped {
  const result = empty()
  let last = 0
  let matched = false
  for (const match of source.text.matchAll(pattern)) {
    matched = true
    const start = match.index
    const end = start + match[0].length
    append(result, slice(source, last, start))
    if (replacement !== '') append(result, derived(replacement, source, start, end))
    last = end
  }
  if (!matched) return source
  append(result, slice(source, last))
  return result
}

/**
 * A code point that may start a new normalization chunk: NFKC leaves it alone and it does not
 * combine with what is before it (not a mark, not a Hangul vowel or final consonant jamo).
 */
const COMBINES_BACKWARD = /^[\p{M}\u1160-\u11FF\uD7B0-\uD7FF]/u

/** NFKC of mapped text: each chunk of a base character and its marks normalized on its own. */
function normalizeMapped(source: Mapped): Mapped {
  const whole = source.text.normalize('NFKC')
  if (whole === source.text) return source
  const result = empty()
  let chunkStart = 0
  let index = 0
  const flush = (end: number) => {
    if (end > chunkStart) {
      const chunk = source.text.slice(chunkStart, end)
      append(result, derived(chunk.normalize('NFKC'), source, chunkStart, end))
    }
    chunkStart = end
  }
  for (const char of source.text) {
    if (index > 0 && !COMBINES_BACKWARD.test(char)) flush(index)
    index += char.length
  }
  flush(index)
  // A composition across chunks this did not foresee: the line maps as one chunk.
  return result.text === whole ? result : derived(whole, source, 0, source.text.length)
}

/** The page's lines as pieces laid them out, each unit mapped to its piece. */
function mappedLines(pieces: readonly TextPiece[]): Mapped[] {
  const lines: Mapped[] = []
  let line = empty()
  let previous: TextPiece | null = null
  pieces.forEach((piece, index) => {
    if (previous && !previous.hasEOL && movedToNewLine(previous, piece)) {
      lines.push(line)
      line = empty()
    } else if (
      previous &&
      !previous.hasEOL &&
      line.text !== '' &&
      needsSpace(previous, piece, line.text)
    ) {
      append(line, { text: ' ', piece: [-1], from: [-1], to: [-1] })
    }
    const units = piece.str.length
    append(line, {
      text: piece.str,
      piece: new Array<number>(units).fill(index),
      from: Array.from({ length: units }, (_, i) => i),
      to: Array.from({ length: units }, (_, i) => i + 1),
    })
    if (piece.hasEOL) {
      lines.push(line)
      line = empty()
    }
    previous = piece
  })
  if (line.text !== '') lines.push(line)
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

/** Hyphens that may end a line mid-word: ASCII, Unicode hyphen, soft hyphen. */
const LINE_END_HYPHEN = /^[-\u2010\u00AD]$/

/** One line normalized: NFKC, no control or private-use characters, single spaces, trimmed. */
function clean(line: Mapped): Mapped {
  let result = normalizeMapped(line)
  // soft hyphens inside a line are invisible break hints, not text
  result = replaceMapped(result, /\u00AD(?=.)/g, '')
  result = replaceMapped(result, /[\p{Cc}\p{Co}\p{Cs}\uFFFD]/gu, ' ')
  result = replaceMapped(result, /\s+/g, ' ')
  return replaceMapped(result, /^\s+|\s+$/g, '')
}

/**
 * Joins lines into one text: a word broken by a hyphen at a line end joined ("interac-" +
 * "tion" = "interaction"; a compound's own hyphen stays: "state-of-the-" + "art" =
 * "state-of-the-art"), other lines joined by a space. The text is kept in parts, so a page of
 * many lines is joined in time proportional to its length.
 */
function joinMapped(lines: readonly Mapped[]): Mapped {
  const parts: string[] = []
  const joined: Mapped = empty()
  for (const raw of lines) {
    const line = clean(raw)
    if (line.text === '') continue
    if (parts.length > 0) {
      const last = parts.at(-1)!
      const hyphen = last.at(-1)!
      const before = backwards(parts, 1)
      if (
        LINE_END_HYPHEN.test(hyphen) &&
        /^\p{L}$/u.test(before.next().value ?? '') &&
        /^\p{Ll}/u.test(line.text)
      ) {
        const compound = hyphen !== '\u00AD' && wordHasHyphen(backwards(parts, 1))
        // The hyphen goes (its place in the mapping with it), or stays as a plain one.
        parts[parts.length - 1] = last.slice(0, -1) + (compound ? '-' : '')
        if (!compound) {
          joined.piece.pop()
          joined.from.pop()
          joined.to.pop()
        }
      } else {
        parts.push(' ')
        joined.piece.push(-1)
        joined.from.push(-1)
        joined.to.push(-1)
      }
    }
    parts.push(line.text)
    for (let i = 0; i < line.text.length; i++) {
      joined.piece.push(line.piece[i]!)
      joined.from.push(line.from[i]!)
      joined.to.push(line.to[i]!)
    }
  }
  joined.text = parts.join('')
  return joined.text.length > MAX_PAGE_CHARS ? slice(joined, 0, MAX_PAGE_CHARS) : joined
}

/** The code points of `parts` joined, from the end back, leaving out its last `skip` units. */
function* backwards(parts: readonly string[], skip: number): Generator<string> {
  for (let p = parts.length - 1; p >= 0; p--) {
    const part = parts[p]!
    let end = part.length - skip
    skip = Math.max(0, -end)
    while (end > 0) {
      const low = part.charCodeAt(end - 1)
      const pair = low >= 0xdc00 && low <= 0xdfff && end >= 2 && isHigh(part.charCodeAt(end - 2))
      const start = pair ? end - 2 : end - 1
      yield part.slice(start, end)
      end = start
    }
  }
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff

/**
 * Whether the run of letters, digits and hyphens that `chars` (the text from its end back)
 * starts with holds a hyphen: then a hyphen after it is a compound's own.
 */
function wordHasHyphen(chars: Iterable<string>): boolean {
  for (const char of chars) {
    if (char === '-' || char === '\u2010') return true
    if (!/^[\p{L}\p{N}]$/u.test(char)) return false
  }
  return false
}

/** The page's lines as laid out: a new line where pdf.js says so or the baseline moves. */
export function pageLines(pieces: readonly TextPiece[]): string[] {
  return mappedLines(pieces).map((line) => line.text)
}

/** Joins lines of text (no pieces) as a page's lines are joined. */
export function joinLines(lines: readonly string[]): string {
  return joinMapped(
    lines.map((text) => {
      const none = () => new Array<number>(text.length).fill(-1)
      return { text, piece: none(), from: none(), to: none() }
    }),
  ).text
}

export function layoutPage(pieces: readonly TextPiece[]): PageLayout {
  const joined = joinMapped(mappedLines(pieces))
  return {
    text: joined.text,
    piece: Int32Array.from(joined.piece),
    from: Int32Array.from(joined.from),
    to: Int32Array.from(joined.to),
  }
}

/**
 * Where a unit of the text sits in piece order: a piece's unit at its start, a space no piece
 * holds at the end of the unit before it (so a selection ending at a piece's end stops before
 * the space, and one starting at the next piece starts after it).
 */
function isBefore(layout: PageLayout, unit: number, piece: number, index: number): boolean {
  let at = unit
  while (at >= 0 && layout.piece[at]! < 0) at--
  if (at < 0) return true
  const source = layout.piece[at]!
  const position = at === unit ? layout.from[at]! : layout.to[at]!
  return source < piece || (source === piece && position < index)
}

/** Offset in layout.text for a point in piece `piece` at UTF-16 index `index` of its str
 *  (a selection boundary): the first text unit whose source is at or after it. */
export function textOffset(layout: PageLayout, piece: number, index: number): number {
  // Pieces appear in the text in their order, so the units are sorted by source.
  let low = 0
  let high = layout.text.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (isBefore(layout, middle, piece, index)) low = middle + 1
    else high = middle
  }
  return low
}

/** How far below the baseline (descenders) and above it (ascenders) a line's box reaches. */
const DESCENT = 0.2
const ASCENT = 0.8
/** A piece of unknown font height is taken as this tall. */
const DEFAULT_HEIGHT = 10

/** The box of unit `unit` of the text on the page, or null for a unit no piece holds. */
function unitBox(pieces: readonly TextPiece[], layout: PageLayout, unit: number): PdfRect | null {
  const piece = pieces[layout.piece[unit]!]
  if (!piece || piece.str.length === 0) return null
  const share = piece.width / piece.str.length
  const height = piece.height > 0 ? piece.height : DEFAULT_HEIGHT
  return [
    piece.x + share * layout.from[unit]!,
    piece.y - height * DESCENT,
    piece.x + share * layout.to[unit]!,
    piece.y + height * ASCENT,
  ]
}

/** Whether box `b` continues the line of box `a` (same baseline, no jump back or over a gutter). */
function sameLine(a: PdfRect, b: PdfRect): boolean {
  const height = Math.max(a[3] - a[1], b[3] - b[1])
  return Math.abs(a[1] - b[1]) <= height * 0.5 && b[0] >= a[0] - height && b[0] - a[2] <= height * 2
}

/** One rectangle per line covering text[start, end), in PDF user space. */
export function lineRects(
  pieces: readonly TextPiece[],
  layout: PageLayout,
  start: number,
  end: number,
): PdfRect[] {
  const rects: PdfRect[] = []
  let last: PdfRect | null = null
  for (let unit = Math.max(0, start); unit < Math.min(end, layout.text.length); unit++) {
    const box = unitBox(pieces, layout, unit)
    if (!box) continue
    const current = rects.at(-1)
    if (current && last && sameLine(last, box)) {
      current[0] = Math.min(current[0], box[0])
      current[1] = Math.min(current[1], box[1])
      current[2] = Math.max(current[2], box[2])
      current[3] = Math.max(current[3], box[3])
    } else rects.push([...box])
    last = box
  }
  return rects
}

/** The offset of the text nearest to a point (a note's or area's place in reading order). */
export function nearestOffset(
  pieces: readonly TextPiece[],
  layout: PageLayout,
  x: number,
  y: number,
): number {
  let best = 0
  let bestDistance = Infinity
  for (let unit = 0; unit < layout.text.length; unit++) {
    const box = unitBox(pieces, layout, unit)
    if (!box) continue
    const dx = Math.max(box[0] - x, 0, x - box[2])
    const dy = Math.max(box[1] - y, 0, y - box[3])
    const distance = dx * dx + dy * dy
    if (distance < bestDistance) {
      bestDistance = distance
      // A point past the middle of a character is after it.
      best = x > (box[0] + box[2]) / 2 && dy === 0 ? unit + 1 : unit
    }
  }
  return best
}

/** The range of text whose boxes lie inside a rectangle (an area's quote), or null. */
export function textInRect(
  pieces: readonly TextPiece[],
  layout: PageLayout,
  rect: PdfRect,
): { start: number; end: number } | null {
  const [left, bottom, right, top] = [
    Math.min(rect[0], rect[2]),
    Math.min(rect[1], rect[3]),
    Math.max(rect[0], rect[2]),
    Math.max(rect[1], rect[3]),
  ]
  let start = -1
  let end = -1
  for (let unit = 0; unit < layout.text.length; unit++) {
    const box = unitBox(pieces, layout, unit)
    if (!box) continue
    const cx = (box[0] + box[2]) / 2
    const cy = (box[1] + box[3]) / 2
    if (cx >= left && cx <= right && cy >= bottom && cy <= top) {
      if (start < 0) start = unit
      end = unit + 1
    }
  }
  return start < 0 ? null : { start, end }
}
