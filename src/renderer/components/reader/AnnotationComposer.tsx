import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import { keyLabel } from '../../commands/registry'
import { annotateCommands } from '../../commands/reader/annotate'
import { useStore } from '../../store'
import { ColorChoice } from '../annotations/ColorChoice'
import type { Measured } from './measureAnnotation'
import type { ClientPoint } from './annotationTools'

export type MarkType = 'highlight' | 'underline'

/** What the composer is about: selected text (maybe with its comment box open), or a new note. */
export type ComposerDraft =
  | { kind: 'text'; measured: Measured; at: ClientPoint; commenting: MarkType | null }
  | { kind: 'note'; measured: Measured; at: ClientPoint }

/** What the reader asks of the composer: the keyboard's way in (Tab from the pages). */
export interface ComposerHandle {
  focus: () => void
}

interface Props {
  ref?: Ref<ComposerHandle>
  draft: ComposerDraft
  onCreate: (type: MarkType | 'note', comment: string) => void
  onComment: (type: MarkType) => void
  onClose: () => void
}

const { highlight, underline, comment: commentKey } = annotateCommands
const hint = (command: { keys: string[] }) => keyLabel(command.keys[0]!)

/**
 * Near the text selected on a page: the colour, then Highlight, Underline or Comment. With its
 * comment box open (Comment, `c`, a new note) it is a small dialog that takes the focus.
 */
export function AnnotationComposer({ ref, draft, onCreate, onComment, onClose }: Props) {
  const writing = draft.kind === 'note' || draft.commenting !== null
  const color = useStore((s) => s.readerAnnotationColor)
  const [text, setText] = useState('')
  const field = useRef<HTMLTextAreaElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState({ top: draft.at.y + 8, left: draft.at.x })

  useEffect(() => {
    if (writing) field.current?.focus()
  }, [writing])

  // The chosen colour first: Tab from the pages lands there, then on to the actions.
  useImperativeHandle(ref, () => ({
    focus: () =>
      box.current?.querySelector<HTMLElement>('[aria-checked="true"], textarea')?.focus(),
  }))

  // Below the selection when there is room, else above it; always inside the window.
  useEffect(() => {
    const el = box.current
    if (!el) return
    const { width, height } = el.getBoundingClientRect()
    const below = draft.at.y + 8
    const top =
      below + height > window.innerHeight - 8 ? Math.max(8, draft.at.y - height - 32) : below
    const left = Math.min(Math.max(8, draft.at.x), window.innerWidth - width - 8)
    setPlace({ top, left })
  }, [draft.at.x, draft.at.y, writing])

  const save = () =>
    onCreate(draft.kind === 'note' ? 'note' : (draft.commenting ?? 'highlight'), text)
  const label =
    draft.kind === 'note'
      ? 'New note'
      : writing
        ? `Comment on the ${draft.commenting}`
        : 'Annotate the selection'

  return (
    <div
      ref={box}
      className={`annotation-composer${writing ? ' writing' : ''}`}
      role={writing ? 'dialog' : 'toolbar'}
      aria-label={label}
      style={place}
      // Pressing a button must not take the selection (or the pages' focus) away.
      onMouseDown={(event) => {
        if (!(event.target as Element).closest('textarea')) event.preventDefault()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          onClose()
        }
      }}
    >
      <ColorChoice
        className="annotation-colors"
        color={color}
        onChoose={(next) => useStore.getState().setReaderAnnotationColor(next)}
      />
      {writing ? (
        <>
          <textarea
            ref={field}
            aria-label={draft.kind === 'note' ? 'Note' : 'Comment'}
            placeholder={draft.kind === 'note' ? 'Note' : 'Comment'}
            rows={3}
            maxLength={20_000}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault()
                save()
              }
            }}
          />
          <div className="annotation-composer-actions">
            <button type="button" className="primary" onClick={save}>
              {draft.kind === 'note' ? 'Pin note' : 'Save'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <button type="button" onClick={() => onCreate('highlight', '')}>
            Highlight <kbd>{hint(highlight)}</kbd>
          </button>
          <button type="button" onClick={() => onCreate('underline', '')}>
            Underline <kbd>{hint(underline)}</kbd>
          </button>
          <button type="button" onClick={() => onComment('highlight')}>
            Comment <kbd>{hint(commentKey)}</kbd>
          </button>
        </>
      )}
    </div>
  )
}
