import type { MatchPattern, TermSlot } from './markMatches'
import type { ParsedQuery } from './queryParser'
import type { IndexedTerm } from './vocabulary'
import { ftsString, indexTerms } from './terms'

export interface TermLookup {
  /** The index holds `term` itself, or with `prefix` some term starting with it. */
  isIndexed: (term: string, prefix: boolean) => boolean
  /** Indexed terms that `term` may be a typo of. */
  similar: (term: string) => string[]
  /**
   * The indexed terms `prefix` begins, with their document counts (the commonest when they are
   * many); null when unknown.
   */
  completions: (prefix: string) => IndexedTerm[] | null
}

/**
 * Papers a word being typed must complete to in all before it is searched as its completions
 * rather than as an FTS5 prefix: FTS5 merges every doclist of a prefix (the index keeps no
 * prefixes: they tripled its size) before it can return the first row, while an OR of terms it
 * reads lazily. A prefix of a few letters ("th", "co") begins more words than an OR should hold:
 * it is searched as the commonest of them (vocabulary.ts), which hold nearly every paper that
 * any of them does; the next letters narrow it to all of them.
 */
const COMMON_PREFIX_DOCS = 2000
/**
 * A prefix this short is searched as its SHORT_PREFIX_TERMS commonest completions: each term of
 * the OR is one more doclist to read (at 100,000 papers 'so' took ~14 ms as 200 terms).
 */
const SHORT_PREFIX = 3
const SHORT_PREFIX_TERMS = 64

function byCommonness(completions: readonly IndexedTerm[]): IndexedTerm[] {
  return [...completions].sort((a, b) => b.doc - a.doc).slice(0, SHORT_PREFIX_TERMS)
}

export interface QueryMatch {
  /** The FTS5 MATCH text: every word and phrase (AND). */
  expression: string
  /** The same, as runs of terms to mark in the text of the papers found. */
  patterns: MatchPattern[]
}

/**
 * What a query looks for (all words and phrases), or null when it looks for none. Every term is
 * an FTS5 string, so nothing the user types is read as FTS5 syntax.
 */
export function matchExpression(query: ParsedQuery, lookup: TermLookup): QueryMatch | null {
  const patterns = query.words.map((word, index) => {
    const typing = query.endsInWord && index === query.words.length - 1
    return wordPattern(indexTerms(word), typing, lookup)
  })
  patterns.push(...query.phrases.map((phrase) => phrasePattern(indexTerms(phrase))))
  const present = patterns.filter((pattern) => pattern.length > 0)
  if (present.length === 0) return null
  return { expression: present.map(patternExpression).join(' AND '), patterns: present }
}

/** The FTS5 MATCH text for the excluded words and phrases: a paper matching it is left out. */
export function exclusionExpression(query: ParsedQuery): string | null {
  const patterns = query.excluded
    .map((text) => phrasePattern(indexTerms(text)))
    .filter((pattern) => pattern.length > 0)
  return patterns.length === 0 ? null : patterns.map(patternExpression).join(' OR ')
}

/** What the PDF pages' index can answer about terms (see pageMatchExpression). */
export interface PageTermLookup {
  /** Some page holds `term` itself, or with `prefix` some term starting with it. */
  isIndexed: (term: string, prefix?: boolean) => boolean
  /** Terms `term` may be a typo of (from the library's vocabulary). */
  similar: (term: string) => string[]
  /** Terms of the library's vocabulary `prefix` begins, with their paper counts; null when unknown. */
  completions: (prefix: string) => IndexedTerm[] | null
}

/**
 * Completions of a word being typed that the pages are searched for besides the word itself, the
 * commonest first: each is one more doclist the page index merges.
 */
const PAGE_COMPLETIONS = 4
/**
 * A word being typed that is no word of the pages and begins none of the library's own text is
 * searched in the pages as an FTS5 prefix from this length on: it most likely begins few words
 * there either, so the doclists to merge are few. (A complete word is not: "sequence*" over
 * pages where "sequence" is common took ~20 ms, merged for the probe and again for the search.)
 */
const RARE_PAGE_PREFIX = 5

/**
 * The same query for the PDF pages' index, which has one column and no prefix indexes: an FTS5
 * prefix query there merges the doclists of every term the prefix begins before it returns
 * anything (`tr*` took 25 ms on 40,000 pages, `tran*` 5 ms), so a word being typed is searched
 * as itself and as its commonest completions in the library's vocabulary instead, each an exact
 * term FTS5 reads lazily (or as a prefix, when it begins no word of the library's own text). A
 * word the pages do not hold is searched as the words it may be a typo of. The excluded words
 * and phrases leave out the pages holding them.
 */
export function pageMatchExpression(query: ParsedQuery, lookup: PageTermLookup): QueryMatch | null {
  const patterns = query.words.map((word, index) => {
    const typing = query.endsInWord && index === query.words.length - 1
    return pageWordPattern(indexTerms(word), typing, lookup)
  })
  patterns.push(...query.phrases.map((phrase) => phrasePattern(indexTerms(phrase))))
  const present = patterns.filter((pattern) => pattern.length > 0)
  if (present.length === 0) return null
  const words = present.map(patternExpression).join(' AND ')
  const excluded = exclusionExpression(query)
  return {
    expression: excluded === null ? words : `(${words}) NOT (${excluded})`,
    patterns: present,
  }
}

function pageWordPattern(terms: string[], typing: boolean, lookup: PageTermLookup): MatchPattern {
  if (terms.length !== 1) return phrasePattern(terms)
  const term = terms[0]!
  if (typing && term.length >= 2) {
    const known = lookup.completions(term)
    const completions = (known ?? [])
      .filter((c) => c.term !== term)
      .sort((a, b) => b.doc - a.doc)
      .slice(0, PAGE_COMPLETIONS)
      .map((c) => c.term)
    if (completions.length > 0 || lookup.isIndexed(term)) {
      return [{ terms: [term, ...completions], prefix: false }]
    }
    // Not a word yet, and none of the library's own words begins so.
    if (known?.length === 0 && term.length >= RARE_PAGE_PREFIX && lookup.isIndexed(term, true)) {
      return [{ terms: [term], prefix: true }]
    }
  } else if (lookup.isIndexed(term)) return [{ terms: [term], prefix: false }]
  const similar = lookup.similar(term)
  return [{ terms: similar.length === 0 ? [term] : similar, prefix: false }]
}

function wordPattern(terms: string[], typing: boolean, lookup: TermLookup): MatchPattern {
  // A word such as "self-attention" holds several terms: the index has them as a phrase.
  if (terms.length !== 1) return phrasePattern(terms)
  const term = terms[0]!
  // One letter as a prefix would match a good part of the vocabulary.
  const prefix = typing && term.length >= 2
  const completions = prefix ? lookup.completions(term) : null
  if (completions && sum(completions.map((c) => c.doc)) >= COMMON_PREFIX_DOCS) {
    const commonest = term.length <= SHORT_PREFIX ? byCommonness(completions) : completions
    return [{ terms: commonest.map((c) => c.term), prefix: false }]
  }
  if (lookup.isIndexed(term, prefix)) return [{ terms: [term], prefix }]
  const similar = lookup.similar(term)
  return [{ terms: similar.length === 0 ? [term] : similar, prefix: false }]
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function phrasePattern(terms: string[]): MatchPattern {
  return terms.map((term) => ({ terms: [term], prefix: false }))
}

function patternExpression(pattern: MatchPattern): string {
  if (pattern.length > 1) return ftsString(pattern.map((slot) => slot.terms[0]).join(' '))
  return slotExpression(pattern[0]!)
}

function slotExpression({ terms, prefix }: TermSlot): string {
  if (terms.length > 1) return `(${terms.map(ftsString).join(' OR ')})`
  return ftsString(terms[0]!) + (prefix ? '*' : '')
}
