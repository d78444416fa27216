import type { SyncDevice } from '../../../shared/models'
import { deviceLine } from '../../syncFormat'

/** Every device syncing through the folder: its name (its own word, as text), when, its clock. */
export function SyncDevices({ devices, now }: { devices: SyncDevice[]; now: number }) {
  return (
    <section className="sync-devices" aria-labelledby="sync-devices-heading">
      <h4 id="sync-devices-heading">Devices</h4>
      <ul aria-labelledby="sync-devices-heading">
        {devices.map((device) => (
          <li key={device.id} className={device.clockAheadMs !== null ? 'clock-ahead' : undefined}>
            <span className="sync-device-name">
              {device.name || device.id}
              {device.thisDevice && <span className="sync-this-device"> (this device)</span>}
            </span>
            <span className="sync-device-meta">{deviceLine(device, now)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
