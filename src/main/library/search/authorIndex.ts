import { ftsString } from './terms'

/** The trigram index finds nothing shorter than a trigram. */
const TRIGRAM = 3
/** The index holds a quote, backslash or control character JSON-escaped, never as typed. */
const escapedInJson = (part: string) => /["\\]/.test(part) || [...part].some((char) => char < ' ')

/**
 * The paper_authors MATCH text for the name parts the trigram index can find (AND), or null when
 * it can find none of them. Any part it cannot find is still tested against each paper's
 * authors; this only narrows which papers are tested.
 */
export function authorIndexExpression(parts: readonly string[]): string | null {
  const findable = parts.filter((part) => [...part].length >= TRIGRAM && !escapedInJson(part))
  return findable.length === 0 ? null : findable.map(ftsString).join(' AND ')
}
