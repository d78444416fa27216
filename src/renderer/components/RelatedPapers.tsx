import { useEffect } from 'react'
import { digestLabel } from '../format'
import { useStore } from '../store'

/** "More like this": papers sharing the open paper's most distinctive terms. */
export function RelatedPapers() {
  const id = useStore((s) => s.detail?.id ?? null)
  const related = useStore((s) => s.related)
  const loadRelated = useStore((s) => s.loadRelated)
  const openPaper = useStore((s) => s.openPaper)
  useEffect(() => void loadRelated(id), [id, loadRelated])

  return (
    <section aria-labelledby="related-heading">
      <h2 id="related-heading" className="section-heading">
        More like this
      </h2>
      {related.length === 0 ? (
        <p className="hint">No other paper in your library shares its distinctive terms.</p>
      ) : (
        <ul className="related">
          {related.map((paper) => (
            <li key={paper.id}>
              <button
                type="button"
                className="related-link"
                onClick={() => void openPaper(paper.id)}
              >
                {paper.title}
              </button>{' '}
              <span className="hint">{digestLabel(paper.digest)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
