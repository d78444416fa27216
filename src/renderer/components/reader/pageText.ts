/**
 * A page's text as find-in-document searches it, mapped back to pdf.js's text items so a
 * match can be drawn over the text layer.
 *
 * The text is normalized as the library's full-text index is: NFKC (ligatures become
 * letters), lower case, whitespace collapsed, and a word hyphenated at a line end joined.
 */

/** The part of a pdf.js text item this needs (TextItem: `str`, `hasEOL`). */
export interface TextItemLike {
  str: string
  hasEOL: boolean
}

export interface PageText {
  /** Normalized text of the page. */
  text: string
  /** For each character of `text`: the item it came from (-1: a space between items)... */
  item: Int32Array
  /** ...and where in that item's `str` (UTF-16 offsets) its source starts and ends. */
  from: Int32Array
  to: Int32Array
}

/** A match in a page's normalized text: [start, end). */
export interface TextMatch {
  start: number
  end: number
}

/** A piece of a match inside one text item: [start, end) of `str`. */
export interface ItemSpan {
  item: number
  start: number
  end: number
}

const SPACE = /\s/
const LETTER = /\p{L}/u

/** Normalizes what a person types into the find field the way page text is normalized. */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

export function buildPageText(items: readonly TextItemLike[]): PageText {
  const chars: string[] = []
  const item: number[] = []
  const from: number[] = []
  const to: number[] = []
  const push = (char: string, index: number, start: number, end: number) => {
    const isSpace = SPACE.test(char)
    if (isSpace && (chars.length === 0 || chars[chars.length - 1] === ' ')) return
    chars.push(isSpace ? ' ' : char)
    item.push(index)
    from.push(start)
    to.push(end)
  }
  items.forEach((textItem, index) => {
    let offset = 0
    for (const codePoint of textItem.str) {
      const end = offset + codePoint.length
      for (const char of codePoint.normalize('NFKC').toLowerCase()) push(char, index, offset, end)
      offset = end
    }
    if (!textItem.hasEOL) return
    const next = items[index + 1]?.str.trimStart()[0]
    const last = chars.length - 1
    // "interac-" at a line end and "tion" on the next line read as "interaction".
    if (chars[last] === '-' && LETTER.test(chars[last - 1] ?? '') && next && /\p{Ll}/u.test(next)) {
      chars.pop()
      item.pop()
      from.pop()
      to.pop()
      return
    }
    push(' ', -1, 0, 0)
  })
  return {
    text: chars.join(''),
    item: Int32Array.from(item),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
  }
}

/** Every place one of `needles` (normalized) occurs, in order, overlaps dropped. */
export function findInText(text: string, needles: readonly string[]): TextMatch[] {
  const found: TextMatch[] = []
  for (const needle of new Set(needles.map(normalizeQuery))) {
    if (!needle) continue
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      found.push({ start: at, end: at + needle.length })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const matches: TextMatch[] = []
  for (const match of found) {
    const previous = matches[matches.length - 1]
    if (!previous || match.start >= previous.end) matches.push(match)
  }
  return matches
}

/** The pieces of each item a match covers, to build DOM ranges over the text layer's spans. */
export function itemSpans(page: PageText, match: TextMatch): ItemSpan[] {
  const spans: ItemSpan[] = []
  for (let i = match.start; i < match.end; i++) {
    const index = page.item[i]!
    if (index < 0) continue
    const last = spans[spans.length - 1]
    if (last && last.item === index) last.end = Math.max(last.end, page.to[i]!)
    else spans.push({ item: index, start: page.from[i]!, end: page.to[i]! })
  }
  return spans
}
