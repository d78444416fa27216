import type { MouseEvent } from 'react'
import type { PaperSummary } from '../../shared/models'
import { matchedTerms } from '../matchMarks'
import { pagesShown } from '../pdfFormat'
import { useStore } from '../store'

type Match = NonNullable<PaperSummary['match']>

/**
 * The pages of a paper's PDF a search matched, "p. 3, 7", each opening the reader at that page
 * with the search's words highlighted.
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
      {pages.map((page, index) => {
        const open = (event: MouseEvent) => {
          event.stopPropagation()
          openReader(paperId, { page, highlight: terms })
        }
        const label = `Open the PDF at page ${page}`
        return (
          <span key={page}>
            {index > 0 && ', '}
            {inRow ? (
              // A list row is one option of a listbox, which may hold nothing interactive: here
              // the page is a shortcut for the mouse, and the reading pane offers the same pages
              // as buttons to the keyboard.
              <span className="page-link" title={label} onClick={open}>
                {page}
              </span>
            ) : (
              <button type="button" className="page-link" aria-label={label} onClick={open}>
                {page}
              </button>
            )}
          </span>
        )
      })}
      {more > 0 && (inRow ? ` +${more}` : ` and ${more} more`)}
    </span>
  )
}
