import { useStore } from '../../store'
import { SyncOverview } from './SyncOverview'
import { SyncSetupForm } from './SyncSetupForm'

/** Settings › Sync: set it up (a folder, this device's name), or what it does and its choices. */
export function SyncSettings() {
  const status = useStore((s) => s.sync)
  if (!status) return <p className="empty-state">Reading sync’s state…</p>
  return status.configured ? <SyncOverview status={status} /> : <SyncSetupForm status={status} />
}
