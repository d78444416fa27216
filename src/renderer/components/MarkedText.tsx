import { matchPieces } from '../matchMarks'

/** Text from a search result, its matched terms marked. */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {matchPieces(text).map((piece, index) =>
        piece.matched ? (
          <mark key={index} className="search-match">
            {piece.text}
          </mark>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  )
}
