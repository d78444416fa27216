import type { KeyboardEvent } from 'react'
import { READING_STATUSES, type ReadingStatus } from '../../shared/models'
import { statusKey } from '../commands/statusCommands'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'

/** A radio group of the five statuses; each shows its key. */
export function StatusControl({ paperId, status }: { paperId: number; status: ReadingStatus }) {
  const setStatusOf = useStore((s) => s.setStatusOf)
  const setStatus = (next: ReadingStatus) => setStatusOf([paperId], next)

  const onKeyDown = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const index = READING_STATUSES.indexOf(status)
    const next =
      READING_STATUSES[(index + step + READING_STATUSES.length) % READING_STATUSES.length]!
    void setStatus(next).then(() => document.getElementById(`status-${next}`)?.focus())
  }

  return (
    <div
      className="status-control"
      role="radiogroup"
      aria-label="Reading status"
      onKeyDown={onKeyDown}
    >
      {READING_STATUSES.map((option) => (
        <button
          key={option}
          id={`status-${option}`}
          type="button"
          role="radio"
          aria-checked={option === status}
          tabIndex={option === status ? 0 : -1}
          className={`status-option status-${option}`}
          onClick={() => void setStatus(option)}
        >
          {STATUS_LABELS[option]} <kbd aria-hidden="true">{statusKey(option)}</kbd>
        </button>
      ))}
    </div>
  )
}
