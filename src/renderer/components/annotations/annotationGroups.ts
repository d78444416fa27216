import type { AnnotationRecord } from '../../../shared/annotationUndo'
import type { PaperDetail } from '../../../shared/models'
import { detachedReason, pageNumber } from '../../annotationWords'

export interface AnnotationGroup {
  /** "Abstract", "Page 3", "Detached". */
  title: string
  items: AnnotationRecord[]
}

/** A list key, unique over both kinds. */
export function itemKey(item: AnnotationRecord): string {
  return item.kind === 'abstract' ? `abstract-${item.highlight.id}` : `pdf-${item.annotation.id}`
}

/**
 * A paper's annotations as one list in reading order: the abstract's highlights, then the PDF's
 * annotations page by page (the paper's order, by sort key), then those that are detached.
 */
export function annotationGroups(paper: Pick<PaperDetail, 'highlights' | 'annotations'>) {
  const groups: AnnotationGroup[] = []
  const detached: AnnotationRecord[] = []
  const add = (title: string, item: AnnotationRecord) => {
    if (detachedReason(item) !== null) return void detached.push(item)
    const last = groups.at(-1)
    if (last?.title === title) last.items.push(item)
    else groups.push({ title, items: [item] })
  }
  for (const highlight of paper.highlights) add('Abstract', { kind: 'abstract', highlight })
  for (const annotation of paper.annotations) {
    add(`Page ${pageNumber(annotation)}`, { kind: 'pdf', annotation })
  }
  if (detached.length > 0) groups.push({ title: 'Detached', items: detached })
  return groups
}
