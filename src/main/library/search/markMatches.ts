/**
 * Marks what a query matched in a paper's text, the way the index's tokenizer (unicode61,
 * remove_diacritics 2) reads it, in plain JavaScript: only for the papers a search returns, so
 * the index never runs a query again per paper to produce highlights and snippets.
 */

/** A run of index terms a query looks for: one slot for a word, several for a phrase. */
export type MatchPattern = readonly TermSlot[]

export interface TermSlot {
  /** Any of these terms (a word, or the words a typo may stand for). */
  terms: readonly string[]
  /** The term may go on (the word being typed). */
  prefix: boolean
}

export interface Marks {
  start: string
  end: string
}

/** Tokens around the first match in a snippet, as FTS5's snippet(…, 16) gives. */
const SNIPPET_TOKENS = 16
/** Tokens a snippet shows before the first match. */
const SNIPPET_LEAD = 4
const ELLIPSIS = '…'

const TOKEN_CHAR = String.raw`[\p{L}\p{N}\p{Co}]`
const TOKENS = new RegExp(`${TOKEN_CHAR}+`, 'gu')
/** Two token characters in a row: a cut between them splits a token. */
const TOKEN_AT_START = new RegExp(`^${TOKEN_CHAR}{2}$`, 'u')
const HAS_TOKEN = new RegExp(TOKEN_CHAR, 'u')
const SENTENCE_END = /[.!?]\s/
/** Characters read around a first match to find a snippet's tokens. */
const TOKEN_WINDOW_BEFORE = 200
const TOKEN_WINDOW_AFTER = 800

export type Matcher = ReturnType<typeof createMatcher>

/** Highlights and snippets for the patterns of one query. */
export function createMatcher(patterns: readonly MatchPattern[], marks: Marks) {
  const anyMatch = patterns.length ? new RegExp(patterns.map(patternSource).join('|'), 'gu') : null
  const matches = (folded: string, from: number, to: number): Array<[number, number]> => {
    const found: Array<[number, number]> = []
    if (anyMatch === null) return found
    anyMatch.lastIndex = from
    for (let m = anyMatch.exec(folded); m && m.index < to; m = anyMatch.exec(folded)) {
      if (m.index + m[0].length <= to) found.push([m.index, m.index + m[0].length])
    }
    return found
  }

  const marked = (text: string, folded: Folded, from: number, to: number): string => {
    let out = ''
    let at = from
    for (const [start, end] of matches(folded.text, from, to)) {
      const [origStart, origEnd] = [folded.original(start), folded.original(end)]
      out += text.slice(folded.original(at), origStart) + marks.start
      out += text.slice(origStart, origEnd) + marks.end
      at = end
    }
    return out + text.slice(folded.original(at), folded.original(to))
  }

  return {
    /** The patterns, as JSON: two matchers with the same key mark the same. */
    key: JSON.stringify(patterns),

    /** Some pattern matches in `text`. */
    matches: (text: string): boolean => {
      if (anyMatch === null) return false
      anyMatch.lastIndex = 0
      return anyMatch.test(fold(text).text)
    },

    /** `text` with every match between the marks. */
    highlight: (text: string): string => {
      if (anyMatch === null) return text
      const folded = fold(text)
      return marked(text, folded, 0, folded.text.length)
    },

    /**
     * About 16 tokens from shortly before the first match (from its sentence's start when that
     * is near), matches marked, '…' where cut; null when nothing matches.
     */
    snippet: (text: string): string | null => {
      if (anyMatch === null || text === '') return null
      const folded = fold(text)
      anyMatch.lastIndex = 0
      const first = anyMatch.exec(folded.text)
      if (!first) return null
      const { tokens, offset } = tokensAround(folded.text, first.index)
      const firstToken = tokens.findIndex(([, end]) => end > first.index)
      let startToken = Math.max(0, firstToken - SNIPPET_LEAD)
      for (let k = firstToken; k > startToken; k--) {
        const gap = folded.text.slice(tokens[k - 1]![1], tokens[k]![0])
        if (SENTENCE_END.test(gap)) startToken = k
      }
      const endToken = Math.min(tokens.length, startToken + SNIPPET_TOKENS) - 1
      const from = offset === 0 && startToken === 0 ? 0 : tokens[startToken]![0]
      const windowEnd = tokens[endToken]![1]
      const to = Math.max(windowEnd, first.index + first[0].length)
      // Past the last token, only punctuation is left: show it rather than an ellipsis.
      const end = HAS_TOKEN.test(folded.text.slice(to)) ? to : folded.text.length
      const body = marked(text, folded, from, end)
      return (from > 0 ? ELLIPSIS : '') + body + (end < folded.text.length ? ELLIPSIS : '')
    },
  }
}

/**
 * The whole tokens of `text` near `at` (enough for a snippet), with absolute offsets; `offset`
 * is where the part read begins (0: the start of the text).
 */
function tokensAround(text: string, at: number) {
  const offset = Math.max(0, at - TOKEN_WINDOW_BEFORE)
  const part = text.slice(offset, at + TOKEN_WINDOW_AFTER)
  const tokens = [...part.matchAll(TOKENS)].map((m): [number, number] => [
    offset + m.index,
    offset + m.index + m[0].length,
  ])
  // A token cut by either edge of the part is not a whole token.
  if (offset > 0 && TOKEN_AT_START.test(text.slice(offset - 1, offset + 1))) tokens.shift()
  return { tokens, offset }
}

/** A regular expression (over folded text) for one pattern, whole tokens only. */
function patternSource(pattern: MatchPattern): string {
  const slots = pattern.map(
    (slot) =>
      `(?:${slot.terms.map(escapeRegExp).join('|')})` + (slot.prefix ? `${TOKEN_CHAR}*` : ''),
  )
  return `(?<!${TOKEN_CHAR})${slots.join(`[^\\p{L}\\p{N}\\p{Co}]+`)}(?!${TOKEN_CHAR})`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

interface Folded {
  /** Lower case, without diacritics: what the tokenizer compares. */
  text: string
  /** The offset in the original text of an offset in `text`. */
  original: (at: number) => number
}

/** Nothing beyond ASCII: folding is lower-casing, and offsets stay where they were. */
const NON_ASCII = /[^\u0020-\u007e\t\n\r]/

/** The text as the index folds it, with a way back to the original offsets. */
export function fold(text: string): Folded {
  if (!NON_ASCII.test(text)) return { text: text.toLowerCase(), original: (at) => at }
  let folded = ''
  const origin: number[] = []
  for (let at = 0; at < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(at)!)
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    for (let unit = 0; unit < plain.length; unit++) origin.push(at)
    folded += plain
    at += char.length
  }
  origin.push(text.length)
  return { text: folded, original: (at) => origin[at]! }
}
