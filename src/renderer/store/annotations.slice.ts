import type {
  HighlightColor,
  NewPdfAnnotation,
  PaperDetail,
  PdfAnnotation,
} from '../../shared/models'
import {
  undoRequest,
  type AnnotationAction,
  type AnnotationRecord,
  type UndoRequest,
} from '../../shared/annotationUndo'
import { call } from '../api'
import { describeAnnotation } from '../annotationWords'
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
): AnnotationRecord | null {
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

/** Sends a request that takes a change back; each answers with the paper as it now is. */
const send = ({ channel, request }: UndoRequest): Promise<PaperDetail> => call(channel, request)

/** What the toast and the undo stack call a change. */
function labelOf(action: AnnotationAction): string {
  const [verb, record] =
    action.verb === 'create'
      ? ['Added', action.after]
      : [action.verb === 'update' ? 'Changed' : 'Deleted', action.before]
  return `${verb} ${describeAnnotation(record)}`
}

export const createAnnotationsSlice: SliceCreator<AnnotationsSlice> = (set, get) => {
  const show = (paper: PaperDetail) => get().showPaper(paper)

  /** Makes a change undoable (a deletion says so in the toast, with Undo), then shows the paper. */
  const done = async (action: AnnotationAction, paper: PaperDetail) => {
    const revert = async () => show(await send(undoRequest(action)))
    get().pushUndo({ label: labelOf(action), revert }, action.verb === 'delete')
    await show(paper)
  }

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
        const highlight = newest(paper.highlights)
        if (highlight) await done({ verb: 'create', after: { kind: 'abstract', highlight } }, paper)
      }),

    createPdfAnnotation: async (request) => {
      let made: PdfAnnotation | null = null
      await get().guard(async () => {
        const paper = await call('annotations:create', request)
        const annotation = newest(paper.annotations)
        made = annotation
        if (annotation) await done({ verb: 'create', after: { kind: 'pdf', annotation } }, paper)
      })
      return made
    },

    updateAnnotation: (ref, change) =>
      get().guard(async () => {
        const before = findAnnotation(get().detail, ref)
        if (!before) return missing()
        const { id } = ref
        const paper = await (before.kind === 'abstract'
          ? call('highlights:update', { id, ...change })
          : call('annotations:update', { id, ...change }))
        await done({ verb: 'update', before }, paper)
      }),

    deleteAnnotation: (ref) =>
      get().guard(async () => {
        const found = findAnnotation(get().detail, ref)
        if (!found) return missing()
        const { id } = ref
        if (found.kind === 'abstract') {
          return done({ verb: 'delete', before: found }, await call('highlights:delete', { id }))
        }
        // An area's picture goes with it; undo brings it back too.
        const image = found.annotation.hasImage ? await call('annotations:image', { id }) : null
        const before = image ? { ...found, image } : found
        await done({ verb: 'delete', before }, await call('annotations:delete', { id }))
      }),
  }
}
