import { MATCH_END, MATCH_START } from '../shared/models'

/** Splits text carrying match markers into plain and matched pieces. */
export function matchPieces(marked: string): Array<{ text: string; matched: boolean }> {
  const pieces: Array<{ text: string; matched: boolean }> = []
  for (const [index, part] of marked.split(new RegExp(`[${MATCH_START}${MATCH_END}]`)).entries()) {
    if (part) pieces.push({ text: part, matched: index % 2 === 1 })
  }
  return pieces
}

/** The distinct matched words in marked text, lower-cased. */
export function matchedTerms(...marked: Array<string | null | undefined>): string[] {
  const terms = new Set<string>()
  for (const text of marked) {
    for (const piece of matchPieces(text ?? ''))
      if (piece.matched) terms.add(piece.text.toLowerCase())
  }
  return [...terms]
}
