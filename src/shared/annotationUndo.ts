import type { RequestOf } from './ipc'
import type { Highlight, PdfAnnotation } from './models'

/** An annotation as it was (or is) around a change: either kind, a PDF one with its picture. */
export type AnnotationRecord =
  | { kind: 'abstract'; highlight: Highlight }
  | { kind: 'pdf'; annotation: PdfAnnotation; image?: Uint8Array }

/** A change made to one annotation, with the records it needs to be taken back. */
export type AnnotationAction =
  | { verb: 'create'; after: AnnotationRecord }
  | { verb: 'update'; before: AnnotationRecord }
  | { verb: 'delete'; before: AnnotationRecord }

type UndoChannel =
  | 'highlights:delete'
  | 'highlights:update'
  | 'highlights:restore'
  | 'annotations:delete'
  | 'annotations:update'
  | 'annotations:restore'

/** One request of the contract: its channel and what to send. */
export type UndoRequest = {
  [C in UndoChannel]: { channel: C; request: RequestOf<C> }
}[UndoChannel]

/**
 * The request that takes `action` back: a creation is deleted, an edit is set back to the colour
 * and comment before it, a deletion is restored under the same id (with its picture), so an
 * earlier change to it can still be undone after.
 */
export function undoRequest(action: AnnotationAction): UndoRequest {
  switch (action.verb) {
    case 'create':
      return action.after.kind === 'abstract'
        ? { channel: 'highlights:delete', request: { id: action.after.highlight.id } }
        : { channel: 'annotations:delete', request: { id: action.after.annotation.id } }
    case 'update': {
      const { before } = action
      if (before.kind === 'abstract') {
        const { id, color, comment } = before.highlight
        return { channel: 'highlights:update', request: { id, color, comment } }
      }
      const { id, color, comment } = before.annotation
      return { channel: 'annotations:update', request: { id, color, comment } }
    }
    case 'delete': {
      const { before } = action
      if (before.kind === 'abstract') {
        return { channel: 'highlights:restore', request: { highlight: before.highlight } }
      }
      const { annotation, image } = before
      return {
        channel: 'annotations:restore',
        request: image ? { annotation, image } : { annotation },
      }
    }
  }
}
