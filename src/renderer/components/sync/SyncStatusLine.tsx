import { keyLabel, runCommand } from '../../commands/registry'
import { showConflicts, showSyncSettings } from '../../commands/syncCommands'
import { useNow } from '../../hooks/useNow'
import { useStore } from '../../store'
import { conflictsLabel, syncHead } from '../../syncFormat'

/**
 * The sidebar's sync line: "Synced 2 min ago · 3 devices" opens Settings, "1 note conflict" the
 * Conflicts view; why the last pass failed under it. "Sync is off" until a folder is chosen.
 */
export function SyncStatusLine() {
  const status = useStore((s) => s.sync)
  const now = useNow()
  if (!status) return null
  const conflicts = status.configured ? conflictsLabel(status.conflicts) : null

  return (
    <section className="sync-status" aria-label="Sync">
      <p className={`sync-line${status.syncing ? ' busy-line' : ''}`} role="status">
        <button
          type="button"
          className="link-button"
          title="Sync settings"
          onClick={() => runCommand(showSyncSettings)}
        >
          {syncHead(status, now)}
        </button>
        {conflicts && (
          <>
            <span aria-hidden="true"> · </span>
            <button
              type="button"
              className="link-button sync-conflicts-link"
              title={`Show them (${keyLabel(showConflicts.keys[0]!)})`}
              onClick={() => runCommand(showConflicts)}
            >
              {conflicts}
            </button>
          </>
        )}
      </p>
      {status.configured && status.problem && (
        <p className="sync-problem" title={status.problem}>
          {status.problem}
        </p>
      )}
    </section>
  )
}
