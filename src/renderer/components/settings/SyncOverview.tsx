import { useId, useState } from 'react'
import type { SyncStatus } from '../../../shared/models'
import { keyLabel, runCommand } from '../../commands/registry'
import { showConflicts } from '../../commands/syncCommands'
import { count } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useStore } from '../../store'
import { conflictsLabel, syncHead } from '../../syncFormat'
import { FileSizeLimitForm } from './FileSizeLimitForm'
import { RenameDeviceForm } from './RenameDeviceForm'
import { SyncDevices } from './SyncDevices'

/**
 * Sync is on: its status line and Sync now, what the last pass saw (a problem, notices), the
 * folder, the devices, what waits, this device's name, the PDF size limit and Stop syncing.
 * Everything from the folder (device names, notices) is shown as text.
 */
export function SyncOverview({ status }: { status: SyncStatus }) {
  const syncNow = useStore((s) => s.syncNow)
  const stopSync = useStore((s) => s.stopSync)
  const now = useNow()
  const id = useId()
  const [stopping, setStopping] = useState(false)
  const conflicts = conflictsLabel(status.conflicts)
  const waiting = [
    status.pending > 0 ? `${count(status.pending, 'change')} not yet written to the folder` : null,
    status.filesWaiting > 0
      ? `${count(status.filesWaiting, 'attached PDF')} from other devices not arrived yet`
      : null,
  ].filter((line) => line !== null)

  return (
    <div className="sync-overview">
      <div className="settings-row sync-overview-line">
        <p className={`sync-line${status.syncing ? ' busy-line' : ''}`} role="status">
          {syncHead(status, now)}
          {conflicts && (
            <>
              {' · '}
              <button
                type="button"
                className="link-button sync-conflicts-link"
                onClick={() => runCommand(showConflicts)}
              >
                {conflicts} <kbd>{keyLabel(showConflicts.keys[0]!)}</kbd>
              </button>
            </>
          )}
        </p>
        <button type="button" disabled={status.syncing} onClick={() => void syncNow()}>
          Sync now
        </button>
      </div>
      {status.problem && (
        <p className="settings-problem" role="alert">
          {status.problem}
        </p>
      )}

      <dl className="sync-facts">
        <dt>Folder</dt>
        <dd>
          <code className="sync-folder">{status.folder}</code>
          {status.folderWarning && <p className="sync-warning">{status.folderWarning}</p>}
        </dd>
        {waiting.length > 0 && (
          <>
            <dt>Waiting</dt>
            <dd>
              <ul className="sync-plain-list">
                {waiting.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      {status.notices.length > 0 && (
        <section className="sync-notices" aria-labelledby={`${id}-notices`}>
          <h4 id={`${id}-notices`}>What the last pass saw</h4>
          <ul className="sync-plain-list">
            {status.notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
        </section>
      )}

      <SyncDevices devices={status.devices} now={now} />
      <RenameDeviceForm current={status.deviceName ?? ''} />
      <FileSizeLimitForm bytes={status.fileSizeLimit} />

      <div className="sync-stop">
        <button
          type="button"
          className="danger"
          disabled={stopping}
          aria-describedby={`${id}-stop`}
          onClick={() => {
            setStopping(true)
            void stopSync().finally(() => setStopping(false))
          }}
        >
          Stop syncing
        </button>
        <p id={`${id}-stop`} className="hint">
          Nothing is deleted, here or in the folder; set it up again to carry on.
        </p>
      </div>
    </div>
  )
}
