import { useState } from 'react'
import { HIGHLIGHT_COLORS, type Highlight } from '../../shared/models'
import { useStore } from '../store'

function HighlightItem({ highlight }: { highlight: Highlight }) {
  const updateAnnotation = useStore((s) => s.updateAnnotation)
  const deleteAnnotation = useStore((s) => s.deleteAnnotation)
  const ref = { kind: 'abstract', id: highlight.id } as const
  const update = (_id: number, change: Parameters<typeof updateAnnotation>[1]) =>
    updateAnnotation(ref, change)
  const remove = () => deleteAnnotation(ref)
  const [editing, setEditing] = useState(false)
  const [comment, setComment] = useState(highlight.comment ?? '')

  return (
    <li className={`highlight-item${highlight.anchor ? '' : ' detached'}`}>
      <blockquote className={`highlight-quote highlight-${highlight.color}`}>
        {highlight.quote}
      </blockquote>
      {!highlight.anchor && (
        <p className="detached-note">Detached: this passage is no longer in the abstract.</p>
      )}
      {editing ? (
        <div className="highlight-edit">
          <div className="highlight-colors" role="radiogroup" aria-label="Colour">
            {HIGHLIGHT_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                role="radio"
                aria-checked={color === highlight.color}
                aria-label={color}
                className={`swatch highlight-${color}`}
                onClick={() => void update(highlight.id, { color })}
              />
            ))}
          </div>
          <textarea
            aria-label="Highlight comment"
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <button
            type="button"
            onClick={() => {
              setEditing(false)
              void update(highlight.id, { comment: comment.trim() ? comment : null })
            }}
          >
            Save
          </button>
        </div>
      ) : (
        highlight.comment && <p className="highlight-comment">{highlight.comment}</p>
      )}
      <div className="highlight-actions">
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <button type="button" onClick={() => void remove()}>
          Delete
        </button>
      </div>
    </li>
  )
}

export function HighlightList({ highlights }: { highlights: Highlight[] }) {
  if (highlights.length === 0) {
    return (
      <p className="hint">
        Select text in the abstract to highlight it, with a colour and a comment (or select and
        press h).
      </p>
    )
  }
  return (
    <ul className="highlight-list" aria-label="Highlights">
      {highlights.map((h) => (
        <HighlightItem key={h.id} highlight={h} />
      ))}
    </ul>
  )
}
