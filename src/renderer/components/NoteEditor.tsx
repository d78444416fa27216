import { useState } from 'react'
import Markdown from 'react-markdown'
import { ELEMENT_IDS } from '../commands/focus'
import { hasConflictMarkers, withoutConflictMarkers } from '../conflictMarkers'
import { mergeTypedNote } from '../noteMerge'
import { dateTime } from '../format'
import { useAutosave, type SaveState } from '../hooks/useAutosave'
import { useStore } from '../store'

const STATE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Editing…',
  saving: 'Saving…',
  failed: 'Not saved: your text is kept here; try again',
}

interface Props {
  paperId: number
  note: string | null
  updatedAt: number | null
}

/** The paper's markdown note, autosaved; the preview renders markdown without any raw HTML. */
export function NoteEditor({ paperId, note, updatedAt }: Props) {
  const saveNote = useStore((s) => s.saveNote)
  const openLink = useStore((s) => s.openLink)
  const resolveConflict = useStore((s) => s.resolveConflict)
  const listed = useStore((s) => s.syncConflicts.some((c) => c.paperId === paperId))
  const { draft, setDraft, flush, saveNow, state } = useAutosave(
    note ?? '',
    (body) => saveNote(paperId, body),
    // Another device's edit arrived while this one was being typed: both are kept.
    (base, typed, stored) =>
      mergeTypedNote(base, typed, stored, { typed: Date.now(), stored: updatedAt ?? Date.now() }),
  )
  const conflicted = listed || hasConflictMarkers(draft)
  const [preview, setPreview] = useState(false)

  return (
    <div className="note-editor">
      {conflicted && (
        <div className="note-conflict" role="group" aria-label="Sync conflict in this note">
          <p>
            This note was changed at the same place on two devices: it keeps both texts, between the{' '}
            <code>{'<<<<<<<'}</code> and <code>{'>>>>>>>'}</code> lines. Keep what you want, then
            Mark resolved: the marker lines go, and this text becomes the note on every device.
          </p>
          <button
            type="button"
            className="primary"
            disabled={state === 'saving'}
            onClick={() =>
              void saveNow(withoutConflictMarkers(draft), (body) => resolveConflict(paperId, body))
            }
          >
            Mark resolved
          </button>
        </div>
      )}
      <div className="note-toolbar">
        <div role="tablist" aria-label="Note mode">
          <button
            type="button"
            role="tab"
            aria-selected={!preview}
            onClick={() => setPreview(false)}
          >
            Write
          </button>
          <button type="button" role="tab" aria-selected={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
        <span className="save-state" role="status">
          {state === 'saved' && updatedAt && draft
            ? `Saved ${dateTime(updatedAt)}`
            : STATE_TEXT[state]}
        </span>
      </div>
      {preview ? (
        <div className="note-preview">
          {draft.trim() ? (
            <Markdown
              skipHtml
              components={{
                a: ({ href, children }) => (
                  <a
                    href={href}
                    onClick={(event) => {
                      event.preventDefault()
                      if (href) void openLink(href)
                    }}
                  >
                    {children}
                  </a>
                ),
                img: ({ alt }) => <span className="image-placeholder">[image: {alt}]</span>,
              }}
            >
              {draft}
            </Markdown>
          ) : (
            <p className="empty-state">Nothing written yet.</p>
          )}
        </div>
      ) : (
        <textarea
          id={ELEMENT_IDS.note}
          aria-label="Note (markdown)"
          placeholder="Your thoughts on this paper, in markdown. Saved as you type."
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={() => void flush()}
        />
      )}
    </div>
  )
}
