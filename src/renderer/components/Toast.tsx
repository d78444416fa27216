import { useEffect } from 'react'
import { undo } from '../commands/triageCommands'
import { keyLabel, runCommand } from '../commands/registry'
import { useStore } from '../store'

const TOAST_MS = 8000

/** Says what a change did (a status, an annotation), with Undo; leaves by itself after a few seconds. */
export function Toast() {
  const toast = useStore((s) => s.toast)
  const dismiss = useStore((s) => s.dismissToast)
  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(dismiss, TOAST_MS)
    return () => clearTimeout(timer)
  }, [toast, dismiss])

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{toast.text}</span>
          {toast.canUndo && (
            <button type="button" onClick={() => runCommand(undo)}>
              Undo <kbd>{keyLabel(undo.keys[0]!)}</kbd>
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
