import { SOURCE_NAMES, type PaperSource } from '../../shared/models'
import { dateTime } from '../format'

/** Every file the paper came from: which format, when imported. */
export function PaperProvenance({ sources }: { sources: readonly PaperSource[] }) {
  if (sources.length === 0) return null
  return (
    <section aria-labelledby="provenance-heading">
      <h2 id="provenance-heading" className="section-heading">
        Sources
      </h2>
      <ul className="paper-provenance">
        {sources.map((source) => (
          <li key={`${source.fileName}-${source.importedAt}`}>
            {source.fileName} <span className="muted">· {SOURCE_NAMES[source.source]}</span> ·
            imported{' '}
            <time dateTime={new Date(source.importedAt).toISOString()}>
              {dateTime(source.importedAt)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  )
}
