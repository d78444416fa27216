import type { AnnotationRecord } from '../../../shared/annotationUndo'
import { useEffect, useRef, useState, type CSSProperties, type MouseEvent } from 'react'
import {
  describeAnnotation,
  detachedReason,
  pageNumber,
  pagesLabel,
  TYPE_NAMES,
} from '../../annotationWords'
import { useStore } from '../../store'
import type { AnnotationRef } from '../../store/annotations.slice'
import { ColorChoice } from './ColorChoice'
import { useAreaPicture } from './useAreaPicture'

export function refOf(item: AnnotationRecord): AnnotationRef {
  return item.kind === 'abstract'
    ? { kind: 'abstract', id: item.highlight.id }
    : { kind: 'pdf', id: item.annotation.id }
}

/** What a row shows of either kind of annotation. */
function rowFacts(item: AnnotationRecord) {
  if (item.kind === 'abstract') {
    const { highlight } = item
    return {
      color: highlight.color,
      comment: highlight.comment,
      type: 'highlight' as const,
      what: 'Highlight',
      quote: highlight.quote,
      canJump: highlight.anchor !== null,
    }
  }
  const { annotation } = item
  return {
    color: annotation.color,
    comment: annotation.comment,
    type: annotation.type,
    what: `${TYPE_NAMES[annotation.type]} · ${pagesLabel(annotation)}`,
    quote: annotation.quote,
    // The reader shows an annotation of an earlier version on that version's pages.
    canJump: annotation.detached === null || annotation.detached === 'earlier-version',
  }
}

function AreaPicture({ id, page }: { id: number; page: number }) {
  const url = useAreaPicture(id)
  return url && <img className="annotation-picture" src={url} alt={`The area on p. ${page}`} />
}

/**
 * One annotation: its colour, kind and page, the quote and the comment, as text. The quote is a
 * button that shows the annotation where it is (Enter or a click); Edit changes the colour and
 * the comment, Delete removes it (Ctrl+Z brings it back).
 */
export function AnnotationRow({
  item,
  paperId,
  rowKey,
  tabbable,
  onJumpFocus,
  onDelete,
}: {
  item: AnnotationRecord
  paperId: number
  rowKey: string
  tabbable: boolean
  onJumpFocus: () => void
  onDelete: () => void
}) {
  const updateAnnotation = useStore((s) => s.updateAnnotation)
  const openReader = useStore((s) => s.openReader)
  const showHighlight = useStore((s) => s.showHighlight)
  const [editing, setEditing] = useState(false)
  const facts = rowFacts(item)
  const [comment, setComment] = useState(facts.comment ?? '')
  const ref = refOf(item)
  const reason = detachedReason(item)
  const name = describeAnnotation(item)
  const jumpButton = useRef<HTMLButtonElement>(null)
  const commentField = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (editing) commentField.current?.focus()
  }, [editing])

  const jump = () => {
    if (!facts.canJump) return
    if (item.kind === 'abstract') showHighlight(item.highlight.id)
    else openReader(paperId, { annotationId: item.annotation.id })
  }
  /** A click anywhere on the row shows it too, unless it was on a control or selected text. */
  const jumpFromRow = (event: MouseEvent) => {
    const target = event.target as HTMLElement
    if (target.closest('button, textarea, .annotation-edit')) return
    if (!window.getSelection()?.isCollapsed) return
    jump()
  }
  const startEditing = () => {
    setComment(facts.comment ?? '')
    setEditing(true)
  }
  const stopEditing = () => {
    setEditing(false)
    jumpButton.current?.focus()
  }
  const save = () => {
    stopEditing()
    const trimmed = comment.trim()
    if (trimmed !== (facts.comment ?? '')) void updateAnnotation(ref, { comment: trimmed || null })
  }

  return (
    <li
      className={`annotation-row${reason ? ' detached' : ''}${facts.canJump ? '' : ' no-jump'}`}
      onClick={jumpFromRow}
    >
      <button
        ref={jumpButton}
        type="button"
        className="annotation-jump"
        data-key={rowKey}
        tabIndex={tabbable ? 0 : -1}
        aria-disabled={facts.canJump ? undefined : true}
        title={
          facts.canJump
            ? item.kind === 'abstract'
              ? 'Show in the abstract'
              : 'Show in the PDF'
            : undefined
        }
        onFocus={onJumpFocus}
        onClick={jump}
        onKeyDown={(event) => {
          if (event.key !== 'Delete' && event.key !== 'Backspace') return
          event.preventDefault()
          onDelete()
        }}
      >
        <span className="annotation-what">
          <span
            className={`annotation-color highlight-${facts.color}`}
            role="img"
            aria-label={facts.color}
          />
          {facts.what}
        </span>
        {facts.quote && (
          <span
            className={`annotation-quote type-${facts.type}`}
            data-color={facts.color}
            style={{ '--annotation-color': `var(--hl-${facts.color})` } as CSSProperties}
          >
            {facts.quote}
          </span>
        )}
        {item.kind === 'pdf' && item.annotation.hasImage && (
          <AreaPicture id={item.annotation.id} page={pageNumber(item.annotation)} />
        )}
      </button>
      {reason && <p className="detached-note">{reason}</p>}
      {editing ? (
        <div
          className="annotation-edit"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              stopEditing()
            } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              save()
            }
          }}
        >
          <ColorChoice
            color={facts.color}
            onChoose={(color) => void updateAnnotation(ref, { color })}
          />
          <textarea
            aria-label="Comment"
            value={comment}
            maxLength={20_000}
            ref={commentField}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="annotation-actions">
            <button type="button" onClick={save}>
              Save
            </button>
            <button type="button" onClick={stopEditing}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        facts.comment && <p className="annotation-comment">{facts.comment}</p>
      )}
      {!editing && (
        <div className="annotation-actions">
          <button type="button" aria-label={`Edit ${name}`} onClick={startEditing}>
            Edit
          </button>
          <button type="button" aria-label={`Delete ${name}`} onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </li>
  )
}
