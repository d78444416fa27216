import { useStore } from '../store'

export function MessageBar() {
  const message = useStore((s) => s.message)
  const dismiss = useStore((s) => s.dismissMessage)
  return (
    <div className="message-bar" role="alert">
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
