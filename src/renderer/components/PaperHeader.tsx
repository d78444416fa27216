import type { PaperDetail } from '../../shared/models'
import { count, digestLabel } from '../format'

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
          {paper.authors.slice(0, AUTHORS_SHOWN).join(', ')}
          {hidden > 0 && ` and ${count(hidden, 'more author')}`}
        </p>
      )}
      <p className="paper-sources">
        In {paper.digests.length === 1 ? 'the digest of' : 'the digests of'}{' '}
        {paper.digests.map((date) => digestLabel(date)).join(', ')}
        {paper.arxivId && <> · arXiv {paper.arxivId}</>}
        {paper.categories.length > 0 && <> · {paper.categories.join(', ')}</>}
        {paper.publishedAt && <> · published {digestLabel(paper.publishedAt)}</>}
        {paper.upvotes !== null && <> · {count(paper.upvotes, 'upvote')}</>}
      </p>
    </header>
  )
}
