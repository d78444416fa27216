import { READING_STATUSES } from '../../shared/models'
import { statusKey } from '../commands/statusCommands'
import { undo } from '../commands/triageCommands'
import { keyLabel, runCommand } from '../commands/registry'
import { count } from '../format'
import { STATUS_LABELS } from '../statusLabels'
import { useStore } from '../store'
import { AbstractText } from './AbstractText'

/** One paper at a time, one key per decision, on to the next by itself. */
export function TriageView() {
  const session = useStore((s) => s.triage)
  const paper = useStore((s) => s.detail)
  const decide = useStore((s) => s.decide)
  const setMode = useStore((s) => s.setMode)
  if (!session) return null
  const total = session.queue.length
  const left = total - session.index
  const current = session.queue[session.index]

  return (
    <section className="triage" aria-label="Triage">
      <header className="triage-header">
        <h2>Triage · {session.title}</h2>
        <span className="triage-count" role="status">
          {left === 0 ? 'All done' : `${left} of ${total} left`}
        </span>
        <progress aria-label="Triage progress" max={total || 1} value={total - left} />
        <button type="button" onClick={() => runCommand(undo)}>
          Undo <kbd>{keyLabel(undo.keys[0]!)}</kbd>
        </button>
        <button type="button" onClick={() => setMode('papers')}>
          Done <kbd>Esc</kbd>
        </button>
      </header>

      {current === undefined ? (
        <p className="empty-state triage-done">
          {total === 0
            ? 'Nothing to triage here: every paper in this list already has a status.'
            : `You went through ${count(total, 'paper')}. Press Esc to go back to the list, or Ctrl+Z to revisit the last decision.`}
        </p>
      ) : paper?.id === current ? (
        <article className="triage-paper" aria-labelledby="triage-title">
          <h1 id="triage-title">{paper.title}</h1>
          <AbstractText paper={paper} />
          <div className="triage-decisions" role="group" aria-label="Decision">
            {READING_STATUSES.map((status) => (
              <button
                key={status}
                type="button"
                className={`status-option status-${status}`}
                onClick={() => void decide(status === 'new' ? null : status)}
              >
                {status === 'new' ? 'Keep new' : STATUS_LABELS[status]}{' '}
                <kbd aria-hidden="true">{statusKey(status)}</kbd>
              </button>
            ))}
          </div>
        </article>
      ) : (
        <p className="empty-state">Loading…</p>
      )}
    </section>
  )
}
