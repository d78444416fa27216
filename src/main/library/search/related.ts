import { ftsString, indexTerms } from './terms'

const MIN_TERM_LENGTH = 4
const TERM_COUNT = 8

/**
 * The FTS5 MATCH text for papers like one with this title and abstract: its most distinctive
 * terms (in the fewest papers, yet in another one), any of them, in titles and abstracts.
 * Null when it has none.
 */
export function relatedExpression(
  text: string,
  documentCount: (term: string) => number,
): string | null {
  const candidates = [...new Set(indexTerms(text))].filter(
    (term) => term.length >= MIN_TERM_LENGTH && !/\d/.test(term),
  )
  const distinctive = candidates
    .map((term) => ({ term, count: documentCount(term) }))
    .filter(({ count }) => count >= 2)
    .sort((a, b) => a.count - b.count || a.term.localeCompare(b.term))
    .slice(0, TERM_COUNT)
  if (distinctive.length === 0) return null
  return `{title abstract} : (${distinctive.map(({ term }) => ftsString(term)).join(' OR ')})`
}
