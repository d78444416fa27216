import { useEffect, useRef, useState } from 'react'
import { HIGHLIGHT_COLORS } from '../../shared/models'
import { useStore } from '../store'

/** Appears under a selection in the abstract: pick a colour (and a comment) to highlight it. */
export function HighlightComposer() {
  const draft = useStore((s) => s.highlightDraft)
  const setDraft = useStore((s) => s.setHighlightDraft)
  const createHighlight = useStore((s) => s.createHighlight)
  const [comment, setComment] = useState('')
  const firstButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    setComment('')
    if (draft?.focus) firstButton.current?.focus()
  }, [draft])

  if (!draft) return null
  return (
    <div
      className="highlight-composer"
      role="dialog"
      aria-label="Highlight the selection"
      style={{ top: draft.top + 6, left: Math.max(8, draft.left) }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        setDraft(null)
      }}
    >
      <div className="highlight-colors">
        {HIGHLIGHT_COLORS.map((color, index) => (
          <button
            key={color}
            ref={index === 0 ? firstButton : undefined}
            type="button"
            className={`swatch highlight-${color}`}
            aria-label={`Highlight in ${color}`}
            onClick={() => void createHighlight(draft, color, comment)}
          />
        ))}
      </div>
      <input
        aria-label="Comment (optional)"
        placeholder="Comment (optional)"
        value={comment}
        maxLength={10_000}
        onChange={(event) => setComment(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void createHighlight(draft, 'yellow', comment)
        }}
      />
      <button type="button" onClick={() => setDraft(null)}>
        Cancel
      </button>
    </div>
  )
}
