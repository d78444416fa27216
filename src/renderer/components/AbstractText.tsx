import type { ReactNode } from 'react'
import type { PaperDetail } from '../../shared/models'
import { abstractSegments } from '../abstractSegments'
import { ELEMENT_IDS } from '../commands/focus'
import { selectedRange } from '../selection'
import { useStore } from '../store'

/**
 * The abstract as plain text: links open in the system browser, highlights are marked, and a
 * mouse selection offers to become a highlight.
 */
export function AbstractText({
  paper,
  searchTerms = [],
}: {
  paper: PaperDetail
  searchTerms?: string[]
}) {
  const openLink = useStore((s) => s.openLink)
  const setHighlightDraft = useStore((s) => s.setHighlightDraft)

  return (
    <p
      id={ELEMENT_IDS.abstract}
      className="abstract"
      onMouseUp={(event) => {
        const range = selectedRange(event.currentTarget)
        if (range) setHighlightDraft({ paperId: paper.id, ...range })
      }}
    >
      {abstractSegments(paper.abstract, paper.links, paper.highlights, searchTerms).map(
        (segment) => {
          let node: ReactNode = segment.text
          if (segment.link) {
            const url = segment.link
            node = (
              <a
                href={url}
                onClick={(event) => {
                  event.preventDefault()
                  void openLink(url)
                }}
              >
                {node}
              </a>
            )
          }
          if (segment.matched) node = <mark className="search-match">{node}</mark>
          const top = segment.highlights.at(-1)
          if (top) {
            node = (
              <mark className={`highlight highlight-${top.color}`} title={top.comment ?? undefined}>
                {node}
              </mark>
            )
          }
          return <span key={segment.start}>{node}</span>
        },
      )}
    </p>
  )
}
