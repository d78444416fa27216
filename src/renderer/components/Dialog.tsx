import { useEffect, useRef, type ReactNode, type RefObject } from 'react'

interface Props {
  title: string
  onClose: () => void
  children: ReactNode
  /** What takes focus when it opens (its main action, so Enter does it); else Close. */
  initialFocus?: RefObject<HTMLElement | null> | undefined
}

/** A modal dialog: labelled, takes focus when it opens, closes with its button or Esc. */
export function Dialog({ title, onClose, children, initialFocus }: Props) {
  const closeButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = initialFocus?.current ?? closeButton.current
    first?.focus()
    return () => previous?.focus()
  }, [])

  // On the window, so Esc closes the dialog even after focus fell out of it (a row deleted).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      onClose()
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [onClose])

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-header">
          <h2 id="dialog-title">{title}</h2>
          <button ref={closeButton} type="button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
        {children}
      </div>
    </div>
  )
}
