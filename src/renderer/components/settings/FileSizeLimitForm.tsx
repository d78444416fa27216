import { useEffect, useId, useState } from 'react'
import { useStore } from '../../store'
import { limitFromField, megabytes } from '../../syncFormat'

/** The largest attached PDF copied into the folder, in MB. */
export function FileSizeLimitForm({ bytes }: { bytes: number }) {
  const setLimit = useStore((s) => s.setSyncFileSizeLimit)
  const [text, setText] = useState(String(megabytes(bytes)))
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
  useEffect(() => setText(String(megabytes(bytes))), [bytes])
  const changed = text.trim() !== String(megabytes(bytes))

  return (
    <form
      className="settings-field"
      aria-label="PDF size limit"
      onSubmit={(event) => {
        event.preventDefault()
        const limit = limitFromField(text)
        if ('problem' in limit) {
          setProblem(limit.problem)
          return
        }
        setBusy(true)
        void setLimit(limit.bytes).then((refused) => {
          setBusy(false)
          setProblem(refused)
        })
      }}
    >
      <label htmlFor={`${id}-limit`}>
        Copy attached PDFs up to<span className="visually-hidden"> (MB)</span>
      </label>
      <div className="settings-row">
        <input
          id={`${id}-limit`}
          className="sync-limit"
          type="number"
          inputMode="numeric"
          min={1}
          max={2048}
          step={1}
          value={text}
          aria-describedby={`${id}-hint ${id}-problem`}
          onChange={(event) => setText(event.target.value)}
        />
        <span aria-hidden="true">MB</span>
        <button type="submit" disabled={busy || !changed}>
          Save
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        Attached PDFs (which cannot be downloaded again) are copied into the folder for your other
        devices; larger ones stay on this device. PDFs from arXiv are not copied: each device
        downloads its own.
      </p>
      <p id={`${id}-problem`} className="settings-problem" role="alert">
        {problem}
      </p>
    </form>
  )
}
