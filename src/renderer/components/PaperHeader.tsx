import { Fragment } from 'react'
import type { PaperDetail } from '../../shared/models'
import { count, digestLabel } from '../format'
import { filterTerm } from '../querySyntax'
import { useStore } from '../store'

/** Beyond this many authors the list ends in "and N more", as arXiv listings do. */
const AUTHORS_SHOWN = 12

/** Title, authors, and where and when the paper appeared. */
export function PaperHeader({ paper }: { paper: PaperDetail }) {
  const hidden = paper.authors.length - AUTHORS_SHOWN
  return (
    <header>
      <h1 id="paper-title">{paper.title}</h1>
      {paper.authors.length > 0 && (
        <p className="paper-authors">
          <FilterLinks
            values={paper.authors.slice(0, AUTHORS_SHOWN)}
            term={(name) => filterTerm('author', name)}
            title={(name) => `All papers by ${name}`}
          />
          {hidden > 0 && ` and ${count(hidden, 'more author')}`}
        </p>
      )}
      <p className="paper-sources">
        In {paper.digests.length === 1 ? 'the digest of' : 'the digests of'}{' '}
        {paper.digests.map((date) => digestLabel(date)).join(', ')}
        {paper.arxivId && <> · arXiv {paper.arxivId}</>}
        {paper.categories.length > 0 && (
          <>
            {' · '}
            <FilterLinks
              values={paper.categories}
              term={(category) => filterTerm('cat', category)}
              title={(category) => `All papers in ${category}`}
            />
          </>
        )}
        {paper.publishedAt && <> · published {digestLabel(paper.publishedAt)}</>}
        {paper.upvotes !== null && <> · {count(paper.upvotes, 'upvote')}</>}
      </p>
    </header>
  )
}

/** Values separated by commas, each a button that searches the library for its papers. */
function FilterLinks({
  values,
  term,
  title,
}: {
  values: readonly string[]
  term: (value: string) => string
  title: (value: string) => string
}) {
  const searchLibrary = useStore((s) => s.searchLibrary)
  return values.map((value, index) => (
    <Fragment key={`${index}:${value}`}>
      {index > 0 && ', '}
      <button
        type="button"
        className="filter-link"
        title={title(value)}
        onClick={() => void searchLibrary(term(value))}
      >
        {value}
      </button>
    </Fragment>
  ))
}
