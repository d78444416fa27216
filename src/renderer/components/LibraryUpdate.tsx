import { useEffect, type ReactNode } from 'react'
import type { LibraryUpdateState } from '../../shared/ipc'
import { useTheme } from '../hooks/useTheme'
import { barFraction, barText, stepLabel, stepState, UPDATE_STEPS } from '../libraryUpdateFormat'
import { useStore } from '../store'

/**
 * Shows the library (`children`) once it is open; while an older library is updated to this
 * version's format, a screen with the update's steps and a progress bar instead, and the
 * sentence when the library could not be updated or opened. Asks where the update is once, then
 * follows the main process's news.
 */
export function LibraryUpdateGate({ children }: { children: ReactNode }) {
  useTheme()
  const update = useStore((s) => s.libraryUpdate)
  useEffect(() => useStore.getState().followLibraryUpdate(), [])

  if (update === null) return <div className="library-update" aria-busy="true" />
  if (update.state === 'updating') return <UpdateScreen update={update} />
  if (update.state === 'failed') return <FailureScreen message={update.message} />
  return children
}

function UpdateScreen({ update }: { update: Extract<LibraryUpdateState, { state: 'updating' }> }) {
  const fraction = barFraction(update.step)
  const text = barText(update.step)
  return (
    <main className="library-update" aria-labelledby="library-update-title">
      <div className="library-update-card">
        <h1 id="library-update-title">Updating your library to this version</h1>
        <p className="library-update-lede">
          A checked copy is kept first, in backups/ beside it. Margin opens when the update is done;
          on a large library it takes a minute or two.
        </p>
        <div
          className={`library-update-bar${fraction === null ? ' is-waiting' : ''}`}
          role="progressbar"
          aria-label="Library update"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
          aria-valuetext={text}
        >
          <div
            className="library-update-fill"
            style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
          />
        </div>
        <ol className="library-update-steps" aria-live="polite">
          {UPDATE_STEPS.map((step) => (
            <li key={step} className={`is-${stepState(step, update.step)}`}>
              {stepLabel(step, update.step)}
            </li>
          ))}
        </ol>
        <p className="library-update-schema">
          Library format {update.from} → {update.to}
        </p>
      </div>
    </main>
  )
}

function FailureScreen({ message }: { message: string }) {
  return (
    <main className="library-update" aria-labelledby="library-update-title">
      <div className="library-update-card">
        <h1 id="library-update-title">Margin cannot open its library</h1>
        <p className="library-update-error" role="alert">
          {message}
        </p>
      </div>
    </main>
  )
}
