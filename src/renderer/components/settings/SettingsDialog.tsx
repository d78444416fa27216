import { useStore } from '../../store'
import { Dialog } from '../Dialog'
import { SyncSettings } from './SyncSettings'

/** Settings (`,`; File › Settings…): for now one section, Sync. */
export function SettingsDialog() {
  const open = useStore((s) => s.syncSettingsOpen)
  const setOpen = useStore((s) => s.setSyncSettingsOpen)
  if (!open) return null

  return (
    <Dialog title="Settings" onClose={() => setOpen(false)}>
      <section className="settings-section" aria-labelledby="settings-sync-heading">
        <h3 id="settings-sync-heading">Sync</h3>
        <SyncSettings />
      </section>
    </Dialog>
  )
}
