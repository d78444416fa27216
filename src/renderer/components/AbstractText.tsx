import { useEffect, useRef, type ReactNode } from 'react'
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
  const shown = useStore((s) => s.shownHighlight)
  const text = useRef<HTMLParagraphElement>(null)

  // A jump from the list of annotations: the highlight comes into view, marked for a moment.
  useEffect(() => {
    if (!shown) return
    const marks = [
      ...(text.current?.querySelectorAll(`mark[data-highlights~="${shown.id}"]`) ?? []),
    ]
    marks[0]?.scrollIntoView({ block: 'center' })
    for (const mark of marks) {
      mark.classList.remove('jumped')
      void mark.getBoundingClientRect() // restarts the animation when it is marked again
      mark.classList.add('jumped')
    }
  }, [shown])

  return (
    <p
      ref={text}
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
              <mark
                className={`highlight highlight-${top.color}`}
                title={top.comment ?? undefined}
                data-highlights={segment.highlights.map((h) => h.id).join(' ')}
              >
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
