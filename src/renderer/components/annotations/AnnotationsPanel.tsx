import type { PaperDetail } from '../../../shared/models'
import { AnnotationList } from './AnnotationList'

/** The reader's side panel: the same one list of the paper's annotations. */
export function AnnotationsPanel({ paper }: { paper: PaperDetail }) {
  return (
    <aside className="annotations-panel" aria-labelledby="annotations-panel-title">
      <h2 id="annotations-panel-title" className="section-heading">
        Annotations
      </h2>
      <AnnotationList paper={paper} />
    </aside>
  )
}
