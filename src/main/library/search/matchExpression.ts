import type { ParsedQuery } from './queryParser'
import { ftsString, indexTerms } from './terms'

export interface TermLookup {
  /** The index holds `term` itself, or with `prefix` some term starting with it. */
  isIndexed: (term: string, prefix: boolean) => boolean
  /** Indexed terms that `term` may be a typo of. */
  similar: (term: string) => string[]
}

/**
 * The FTS5 MATCH text for what a query looks for (all words and phrases), or null when it looks
 * for none. Every term is an FTS5 string, so nothing the user types is read as FTS5 syntax.
 */
export function matchExpression(query: ParsedQuery, lookup: TermLookup): string | null {
  const parts = query.words.map((word, index) => {
    const typing = query.endsInWord && index === query.words.length - 1
    return wordExpression(indexTerms(word), typing, lookup)
  })
  for (const phrase of query.phrases) parts.push(phraseExpression(indexTerms(phrase)))
  return joined(parts, ' AND ')
}

/** The FTS5 MATCH text for the excluded words and phrases: a paper matching it is left out. */
export function exclusionExpression(query: ParsedQuery): string | null {
  return joined(
    query.excluded.map((text) => phraseExpression(indexTerms(text))),
    ' OR ',
  )
}

function wordExpression(terms: string[], typing: boolean, lookup: TermLookup): string | null {
  // A word such as "self-attention" holds several terms: the index has them as a phrase.
  if (terms.length !== 1) return phraseExpression(terms)
  const term = terms[0]!
  // One letter as a prefix would match a good part of the vocabulary.
  const prefix = typing && term.length >= 2
  if (lookup.isIndexed(term, prefix)) return ftsString(term) + (prefix ? '*' : '')
  const similar = lookup.similar(term)
  if (similar.length === 0) return ftsString(term)
  return `(${similar.map(ftsString).join(' OR ')})`
}

function phraseExpression(terms: string[]): string | null {
  return terms.length === 0 ? null : ftsString(terms.join(' '))
}

function joined(parts: ReadonlyArray<string | null>, operator: string): string | null {
  const present = parts.filter((part): part is string => part !== null)
  return present.length === 0 ? null : present.join(operator)
}
