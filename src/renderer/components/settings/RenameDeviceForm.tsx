import { useEffect, useId, useState } from 'react'
import { useStore } from '../../store'

/** This device's name as the others list it; Rename writes it to the folder. */
export function RenameDeviceForm({ current }: { current: string }) {
  const rename = useStore((s) => s.renameSyncDevice)
  const [name, setName] = useState(current)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
  useEffect(() => setName(current), [current])
  const changed = name.trim() !== '' && name.trim() !== current

  return (
    <form
      className="settings-field"
      aria-label="Rename this device"
      onSubmit={(event) => {
        event.preventDefault()
        if (!name.trim()) {
          setProblem('Give this device a name, so your other devices can tell it apart.')
          return
        }
        setBusy(true)
        void rename(name.trim()).then((refused) => {
          setBusy(false)
          setProblem(refused)
        })
      }}
    >
      <label htmlFor={`${id}-name`}>This device’s name</label>
      <div className="settings-row">
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          aria-describedby={`${id}-problem`}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" disabled={busy || !changed}>
          Rename
        </button>
      </div>
      <p id={`${id}-problem`} className="settings-problem" role="alert">
        {problem}
      </p>
    </form>
  )
}
