import type { PaperSummary } from '../../shared/models'
import { matchedTerms } from '../matchMarks'
import { pagesShown } from '../pdfFormat'
import { useStore } from '../store'

type Match = NonNullable<PaperSummary['match']>

/**
 * The pages of a paper's PDF a search matched, "p. 3, 7", each a button that opens the reader
 * at that page with the search's words highlighted. In a list row the buttons stay out of the
 * Tab order (the row is one option of a listbox); the reading pane offers the same buttons to
 * the keyboard.
 */
export function PageMatches({
  paperId,
  match,
  inRow = false,
}: {
  paperId: number
  match: Match
  inRow?: boolean
}) {
  const openReader = useStore((s) => s.openReader)
  const { pages, more } = pagesShown(match.pages ?? [])
  const terms = matchedTerms(match.pageSnippet, match.title, match.snippet)
  const plural = pages.length + more > 1
  return (
    <span className="page-matches">
      {inRow ? 'p. ' : plural ? 'pages ' : 'page '}
      {pages.map((page, index) => (
        <span key={page}>
          {index > 0 && ', '}
          <button
            type="button"
            className="page-link"
            tabIndex={inRow ? -1 : undefined}
            aria-label={`Open the PDF at page ${page}`}
            onClick={(event) => {
              event.stopPropagation()
              openReader(paperId, { page, highlight: terms })
            }}
          >
            {page}
          </button>
        </span>
      ))}
      {more > 0 && (inRow ? ` +${more}` : ` and ${more} more`)}
    </span>
  )
}
