import { useRef } from 'react'
import { ELEMENT_IDS, focusElement } from '../../commands/focus'
import { dateTime } from '../../format'
import { useStore } from '../../store'
import { Dialog } from '../Dialog'

/**
 * Sync conflicts (Shift+C): papers whose note was edited at the same place on two devices. Each
 * note keeps both texts between markers; opening a paper (Enter or a click) shows it with the
 * keyboard in its note, where Mark resolved ends the conflict. Titles are shown as text.
 */
export function ConflictsView() {
  const open = useStore((s) => s.conflictsOpen)
  const setOpen = useStore((s) => s.setConflictsOpen)
  const conflicts = useStore((s) => s.syncConflicts)
  const openConflict = useStore((s) => s.openConflict)
  const first = useRef<HTMLButtonElement>(null)
  if (!open) return null

  return (
    <Dialog title="Sync conflicts" onClose={() => setOpen(false)} initialFocus={first}>
      {conflicts.length === 0 ? (
        <p className="empty-state">No conflicts: every note edited on two devices merged.</p>
      ) : (
        <>
          <p className="hint">
            These notes were changed at the same place on two devices. Each keeps both texts,
            between a line <code>{'<<<<<<< edit of …'}</code> and a line{' '}
            <code>{'>>>>>>> edit of …'}</code>. Open the paper, keep what you want in its note, then
            Mark resolved.
          </p>
          <ul className="sync-conflicts" aria-label="Papers with a note conflict">
            {conflicts.map((conflict, index) => (
              <li key={conflict.paperId}>
                <button
                  ref={index === 0 ? first : undefined}
                  type="button"
                  className="sync-conflict"
                  onClick={() =>
                    // The note, where the conflict is resolved, takes the keyboard.
                    void openConflict(conflict.paperId).then(() =>
                      requestAnimationFrame(() => focusElement(ELEMENT_IDS.note)),
                    )
                  }
                >
                  <span className="sync-conflict-title">{conflict.title}</span>
                  <span className="sync-conflict-since">since {dateTime(conflict.since)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  )
}
