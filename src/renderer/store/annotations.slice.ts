import type {
  HighlightColor,
  NewPdfAnnotation,
  PaperDetail,
  PdfAnnotation,
} from '../../shared/models'
import { call } from '../api'
import { describeAnnotation, type AnyAnnotation } from '../annotationWords'
import type { HighlightDraft } from './paper.slice'
import type { SliceCreator } from './types'

/** Names an annotation of either kind: an abstract highlight or a PDF annotation. */
export interface AnnotationRef {
  kind: 'abstract' | 'pdf'
  id: number
}

/** What an edit changes: a colour, a comment (null or empty removes it), or both. */
export interface AnnotationChange {
  color?: HighlightColor
  comment?: string | null
}

/** Creating, editing and deleting annotations; each undoable with Ctrl+Z (one stack with status). */
export interface AnnotationsSlice {
  /** An abstract highlight to scroll into view and mark (a jump from the list). */
  shownHighlight: { id: number; nonce: number } | null
  /** Shows the abstract (leaving the reader) with this highlight in view. */
  showHighlight: (id: number) => void
  /** Highlights the abstract selection in `draft`. */
  createHighlight: (draft: HighlightDraft, color: HighlightColor, comment: string) => Promise<void>
  /** Annotates a PDF page; resolves the new annotation, or null when it was refused (the message says why). */
  createPdfAnnotation: (request: NewPdfAnnotation) => Promise<PdfAnnotation | null>
  updateAnnotation: (ref: AnnotationRef, change: AnnotationChange) => Promise<void>
  deleteAnnotation: (ref: AnnotationRef) => Promise<void>
}

/** The annotation `ref` names on the paper shown, if it is there. */
export function findAnnotation(
  paper: PaperDetail | null,
  ref: AnnotationRef,
): AnyAnnotation | null {
  if (ref.kind === 'abstract') {
    const highlight = paper?.highlights.find((h) => h.id === ref.id)
    return highlight ? { kind: 'abstract', highlight } : null
  }
  const annotation = paper?.annotations.find((a) => a.id === ref.id)
  return annotation ? { kind: 'pdf', annotation } : null
}

/** Ids only grow (AUTOINCREMENT), so the newest of a kind is the one just made. */
function newest<T extends { id: number }>(items: readonly T[]): T | null {
  return items.reduce<T | null>((found, item) => (found && found.id > item.id ? found : item), null)
}

export const createAnnotationsSlice: SliceCreator<AnnotationsSlice> = (set, get) => {
  const show = (paper: PaperDetail) => get().showPaper(paper)

  /** Takes an annotation change back: the request that undoes it, then the paper as it is. */
  const undoable = (label: string, revert: () => Promise<PaperDetail>, announce = false) =>
    get().pushUndo({ label, revert: async () => show(await revert()) }, announce)

  const missing = async () => {
    set({ message: 'That annotation is no longer there.' })
    await get().loadDetail(get().selectedId)
  }

  return {
    shownHighlight: null,

    showHighlight: (id) => {
      if (get().readerOpen) get().closeReader()
      set({ shownHighlight: { id, nonce: (get().shownHighlight?.nonce ?? 0) + 1 } })
    },

    createHighlight: (draft, color, comment) =>
      get().guard(async () => {
        set({ highlightDraft: null })
        window.getSelection()?.removeAllRanges()
        const { paperId, start, end } = draft
        const trimmed = comment.trim()
        const paper = await call('highlights:create', {
          paperId,
          start,
          end,
          color,
          ...(trimmed ? { comment: trimmed } : {}),
        })
        const made = newest(paper.highlights)
        if (made) {
          const label = `Added ${describeAnnotation({ kind: 'abstract', highlight: made })}`
          undoable(label, () => call('highlights:delete', { id: made.id }))
        }
        await show(paper)
      }),

    createPdfAnnotation: async (request) => {
      let made: PdfAnnotation | null = null
      await get().guard(async () => {
        const paper = await call('annotations:create', request)
        made = newest(paper.annotations)
        if (made) {
          const { id } = made
          const label = `Added ${describeAnnotation({ kind: 'pdf', annotation: made })}`
          undoable(label, () => call('annotations:delete', { id }))
        }
        await show(paper)
      })
      return made
    },

    updateAnnotation: (ref, change) =>
      get().guard(async () => {
        const before = findAnnotation(get().detail, ref)
        if (!before) return missing()
        const { id } = ref
        const label = `Changed ${describeAnnotation(before)}`
        if (before.kind === 'abstract') {
          const { color, comment } = before.highlight
          const paper = await call('highlights:update', { id, ...change })
          undoable(label, () => call('highlights:update', { id, color, comment }))
          await show(paper)
        } else {
          const { color, comment } = before.annotation
          const paper = await call('annotations:update', { id, ...change })
          undoable(label, () => call('annotations:update', { id, color, comment }))
          await show(paper)
        }
      }),

    deleteAnnotation: (ref) =>
      get().guard(async () => {
        const before = findAnnotation(get().detail, ref)
        if (!before) return missing()
        const label = `Deleted ${describeAnnotation(before)}`
        if (before.kind === 'abstract') {
          const { highlight } = before
          const paper = await call('highlights:delete', { id: ref.id })
          undoable(label, () => call('highlights:restore', { highlight }), true)
          await show(paper)
        } else {
          const { annotation } = before
          // An area's picture goes with it; undo brings it back too.
          const image = annotation.hasImage
            ? await call('annotations:image', { id: annotation.id })
            : null
          const paper = await call('annotations:delete', { id: ref.id })
          undoable(
            label,
            () => call('annotations:restore', { annotation, ...(image ? { image } : {}) }),
            true,
          )
          await show(paper)
        }
      }),
  }
}
