/**
 * A page's text as search wants it, from pdf.js's text items: lines rebuilt from the items'
 * end-of-line flags and positions, Unicode NFKC (ligatures such as "ﬁ" become letters), a word
 * hyphenated at a line end joined again, white space collapsed. Pure: no pdf.js here.
 */

/** One text item of pdf.js's getTextContent, reduced to what line-building needs. */
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

/** The longest text kept for one page; beyond it a page is not prose. */
export const MAX_PAGE_CHARS = 100_000

/** Hyphens that may end a line mid-word: ASCII, Unicode hyphen, soft hyphen. */
const LINE_END_HYPHEN = /[-\u2010\u00AD]$/

/** The page's lines, as laid out: a new line where pdf.js says so or the baseline moves. */
export function pageLines(pieces: readonly TextPiece[]): string[] {
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
export function joinLines(lines: readonly string[]): string {
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

/** A page's searchable text from its pdf.js items. */
export function pageText(pieces: readonly TextPiece[]): string {
  return joinLines(pageLines(pieces))
}

/**
 * Whether a document's extracted text reads as words. Text from a font without a Unicode map
 * comes out as symbols, private-use characters or replacement characters; searching it finds
 * nothing, so it is reported instead of indexed. `raw` is the text before cleaning.
 */
export function textProblem(raw: string): string | null {
  const visible = raw.replace(/\s+/g, '')
  if (visible.length === 0) return 'it has no text to index (a scanned PDF, or only images)'
  if (visible.length < 40) return null
  const letters = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0
  const unreadable = visible.match(/[\p{Co}\p{Cc}\uFFFD]/gu)?.length ?? 0
  if (unreadable / visible.length > 0.2 || letters / visible.length < 0.5) {
    return 'its text is unreadable (mostly symbols: its fonts do not map to letters), so it is not indexed'
  }
  return null
}
