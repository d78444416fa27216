import { useId, useRef, useState } from 'react'
import type { SyncStatus } from '../../../shared/models'
import { useStore } from '../../store'
import { defaultDeviceName } from '../../syncFormat'

/**
 * Sync is off: the folder (picked with Choose…, or its path typed), this device's name, and
 * Start syncing. A folder Margin refuses (the library's own, one it cannot write) says why here.
 */
export function SyncSetupForm({ status }: { status: SyncStatus }) {
  const chooseFolder = useStore((s) => s.chooseSyncFolder)
  const setUp = useStore((s) => s.setUpSync)
  const lastFolder = useStore((s) => s.lastSyncFolder)
  const [folder, setFolder] = useState(status.folder ?? lastFolder ?? '')
  const [name, setName] = useState(status.deviceName ?? defaultDeviceName(navigator.platform))
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  /** The path the dialog gave, kept exactly; a typed one loses the spaces around it. */
  const [picked, setPicked] = useState<string | null>(null)
  const folderField = useRef<HTMLInputElement>(null)
  const id = useId()

  const choose = async () => {
    const picked = await chooseFolder()
    if ('problem' in picked) {
      setProblem(picked.problem)
      folderField.current?.focus()
    } else if (picked.folder !== null) {
      setFolder(picked.folder)
      setPicked(picked.folder)
      setProblem(null)
    }
  }

  return (
    <form
      className="sync-setup"
      aria-label="Set up sync"
      onSubmit={(event) => {
        event.preventDefault()
        if (!folder.trim()) {
          setProblem('Choose the sync folder first: Choose…, or type its path.')
          folderField.current?.focus()
          return
        }
        if (!name.trim()) {
          setProblem('Give this device a name, so your other devices can tell it apart.')
          return
        }
        setBusy(true)
        setProblem(null)
        void setUp(folder === picked ? folder : folder.trim(), name.trim()).then((refused) => {
          setBusy(false)
          setProblem(refused)
        })
      }}
    >
      <p className="hint">
        Keep this reading list the same on your other computers through a folder that Dropbox,
        iCloud Drive, OneDrive, Google Drive, Nextcloud or Syncthing already keeps in step. Each
        device writes only its own files there; the library itself stays where it is.
      </p>
      <div className="settings-field">
        <label htmlFor={`${id}-folder`}>Sync folder</label>
        <div className="settings-row">
          <input
            id={`${id}-folder`}
            ref={folderField}
            value={folder}
            maxLength={4096}
            spellCheck={false}
            placeholder="/Users/you/Dropbox/Margin"
            aria-describedby={`${id}-problem`}
            onChange={(event) => setFolder(event.target.value)}
          />
          <button type="button" onClick={() => void choose()}>
            Choose…
          </button>
        </div>
      </div>
      <div className="settings-field">
        <label htmlFor={`${id}-name`}>This device’s name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={100}
          aria-describedby={`${id}-name-hint`}
          onChange={(event) => setName(event.target.value)}
        />
        <p id={`${id}-name-hint`} className="hint">
          How your other devices list this one (you can rename it later).
        </p>
      </div>
      <p id={`${id}-problem`} className="settings-problem" role="alert">
        {problem}
      </p>
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Setting up…' : 'Start syncing'}
        </button>
      </div>
    </form>
  )
}
