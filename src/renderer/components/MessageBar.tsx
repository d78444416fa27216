import { useLayoutEffect, useRef } from 'react'
import { useStore } from '../store'

/**
 * Warnings and errors, across the top of the window. Its height is published as
 * `--message-bar-height`, so the full-window reader starts below it rather than covering it.
 */
export function MessageBar() {
  const message = useStore((s) => s.message)
  const dismiss = useStore((s) => s.dismissMessage)
  const ref = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const bar = ref.current!
    const root = document.documentElement
    const publish = () =>
      root.style.setProperty('--message-bar-height', `${bar.getBoundingClientRect().height}px`)
    publish()
    const observer = new ResizeObserver(publish)
    observer.observe(bar)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--message-bar-height')
    }
  }, [])

  return (
    <div className="message-bar" role="alert" ref={ref}>
      {message && (
        <>
          <span>{message}</span>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  )
}
