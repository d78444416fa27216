import type { SyncDevice, SyncStatus } from '../shared/models'
import { count, shortDateTime } from './format'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
export const MIB = 1024 * 1024

/** "just now", "2 min ago", "3 h ago", else when ("Nov 29, 6:28 PM"). */
export function ago(ms: number, now: number): string {
  const elapsed = now - ms
  if (elapsed < 45_000) return 'just now'
  if (elapsed < HOUR_MS) return `${Math.max(1, Math.round(elapsed / MINUTE_MS))} min ago`
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`
  return `on ${shortDateTime(ms, new Date(now))}`
}

/**
 * The status line of sync without its conflicts: "Synced 2 min ago · 3 devices", "Syncing… ·
 * 1 device", "Not synced yet · 2 devices", "Sync failed · 2 devices"; "Sync is off" before setup.
 */
export function syncHead(status: SyncStatus, now: number): string {
  if (!status.configured) return 'Sync is off'
  const head = status.syncing
    ? 'Syncing…'
    : status.problem !== null
      ? 'Sync failed'
      : status.lastSyncAt === null
        ? 'Not synced yet'
        : `Synced ${ago(status.lastSyncAt, now)}`
  return `${head} · ${count(Math.max(1, status.devices.length), 'device')}`
}

/** "1 note conflict", "2 note conflicts"; null when there is none. */
export function conflictsLabel(conflicts: number): string | null {
  return conflicts > 0 ? count(conflicts, 'note conflict') : null
}

/** The whole status line: "Synced 2 min ago · 3 devices · 1 note conflict". */
export function syncLine(status: SyncStatus, now: number): string {
  const conflicts = status.configured ? conflictsLabel(status.conflicts) : null
  return [syncHead(status, now), ...(conflicts ? [conflicts] : [])].join(' · ')
}

/** "5 min", "3 h", "2 days": how far a clock runs ahead. */
export function duration(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / MINUTE_MS))} min`
  if (ms < DAY_MS) return `${Math.round(ms / HOUR_MS)} h`
  return count(Math.round(ms / DAY_MS), 'day')
}

/** What the device list says of one device after its name: when it synced, its clock. */
export function deviceLine(device: SyncDevice, now: number): string {
  const parts = [
    device.lastPassAt === null ? 'has not synced yet' : `synced ${ago(device.lastPassAt, now)}`,
  ]
  if (device.clockAheadMs !== null) {
    parts.push(`its clock runs ${duration(device.clockAheadMs)} ahead of this one's`)
  }
  return parts.join(' · ')
}

/** The file size limit as the MB field shows it. */
export function megabytes(bytes: number): number {
  return Math.round(bytes / MIB)
}

/**
 * What the MB field holds, in bytes; a sentence saying why not when it is not a whole number
 * from 1 to 2048.
 */
export function limitFromField(text: string): { bytes: number } | { problem: string } {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > 2048) {
    return { problem: 'Write the size limit as a whole number of MB, from 1 to 2048.' }
  }
  return { bytes: value * MIB }
}

/** A name for this device the person can change: what kind of computer it is. */
export function defaultDeviceName(platform: string): string {
  const lower = platform.toLowerCase()
  if (lower.startsWith('mac')) return 'My Mac'
  if (lower.startsWith('win')) return 'My Windows PC'
  if (lower.includes('linux')) return 'My Linux computer'
  return 'My computer'
}
