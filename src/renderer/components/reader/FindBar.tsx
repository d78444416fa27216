import { useEffect, useRef } from 'react'
import { useStore } from '../../store'
import type { FindState } from './pdfView'

interface Props {
  text: string
  state: FindState
  onText: (text: string) => void
  onAgain: (backwards: boolean) => void
  onClose: () => void
}

/** Find in the document: matches are marked on the pages; Enter next, Shift+Enter previous. */
export function FindBar({ text, state, onText, onAgain, onClose }: Props) {
  const input = useRef<HTMLInputElement>(null)
  const focusRequest = useStore((s) => s.readerFindFocus)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [focusRequest])

  const count =
    state.needles.length === 0
      ? ''
      : state.total === 0
        ? state.searching
          ? 'Searching…'
          : 'Not found'
        : state.current > 0
          ? `${state.current} of ${state.total}${state.searching ? '+' : ''}`
          : `${state.total}${state.searching ? '+' : ''} found`

  return (
    <div className="pdf-find" role="search" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        aria-label="Find in document"
        placeholder="Find in document"
        value={text}
        onChange={(event) => onText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            onAgain(event.shiftKey)
          } else if (event.key === 'Escape') {
            event.preventDefault()
            onClose()
          }
        }}
      />
      <output className="pdf-find-count" aria-live="polite">
        {count}
      </output>
      <button type="button" onClick={() => onAgain(true)} disabled={state.total === 0}>
        Previous
      </button>
      <button type="button" onClick={() => onAgain(false)} disabled={state.total === 0}>
        Next
      </button>
      <button type="button" onClick={onClose} aria-label="Close find">
        Close
      </button>
    </div>
  )
}
