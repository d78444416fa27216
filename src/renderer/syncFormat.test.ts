import { describe, expect, it } from 'vitest'
import type { SyncDevice, SyncStatus } from '../shared/models'
import {
  ago,
  defaultDeviceName,
  deviceLine,
  limitFromField,
  megabytes,
  MIB,
  syncHead,
  syncLine,
} from './syncFormat'

const NOW = Date.UTC(2026, 4, 2, 12, 0, 0)
const MINUTE = 60_000

const device = (over: Partial<SyncDevice> = {}): SyncDevice => ({
  id: 'abcdefgh12345678',
  name: 'Laptop',
  thisDevice: false,
  lastPassAt: NOW - 5 * MINUTE,
  clockAheadMs: null,
  ...over,
})

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true,
  folder: '/home/ada/Sync/Margin',
  deviceId: 'abcdefgh12345678',
  deviceName: 'Desk',
  syncing: false,
  lastSyncAt: NOW - 2 * MINUTE,
  devices: [device({ thisDevice: true }), device(), device()],
  conflicts: 0,
  pending: 0,
  filesWaiting: 0,
  fileSizeLimit: 50 * MIB,
  notices: [],
  problem: null,
  folderWarning: null,
  ...over,
})

describe('the sync status line', () => {
  it('says when it last synced, how many devices and the note conflicts', () => {
    expect(syncLine(status({ conflicts: 1 }), NOW)).toBe(
      'Synced 2 min ago · 3 devices · 1 note conflict',
    )
    expect(syncLine(status({ conflicts: 2, devices: [device()] }), NOW)).toBe(
      'Synced 2 min ago · 1 device · 2 note conflicts',
    )
  })

  it('says when a pass runs, has not run yet, or failed', () => {
    expect(syncHead(status({ syncing: true }), NOW)).toBe('Syncing… · 3 devices')
    expect(syncHead(status({ lastSyncAt: null }), NOW)).toBe('Not synced yet · 3 devices')
    expect(syncHead(status({ problem: 'The folder cannot be reached.' }), NOW)).toBe(
      'Sync failed · 3 devices',
    )
  })

  it('says sync is off before a folder is chosen, whatever else it holds', () => {
    expect(syncLine(status({ configured: false, conflicts: 3 }), NOW)).toBe('Sync is off')
  })

  it('counts this device when the list is still empty', () => {
    expect(syncHead(status({ devices: [] }), NOW)).toBe('Synced 2 min ago · 1 device')
  })
})

describe('ago', () => {
  it('reads as a person says it', () => {
    expect(ago(NOW - 10_000, NOW)).toBe('just now')
    expect(ago(NOW + 90_000, NOW)).toBe('just now') // a clock a little ahead
    expect(ago(NOW - 50_000, NOW)).toBe('1 min ago')
    expect(ago(NOW - 59 * MINUTE, NOW)).toBe('59 min ago')
    expect(ago(NOW - 3 * 60 * MINUTE, NOW)).toBe('3 h ago')
    expect(ago(NOW - 3 * 24 * 60 * MINUTE, NOW)).toMatch(/^on Apr 29, /)
  })
})

describe('a device in the list', () => {
  it('says when it synced and whether its clock runs ahead', () => {
    expect(deviceLine(device(), NOW)).toBe('synced 5 min ago')
    expect(deviceLine(device({ lastPassAt: null }), NOW)).toBe('has not synced yet')
    expect(deviceLine(device({ clockAheadMs: 26 * 60 * MINUTE }), NOW)).toBe(
      "synced 5 min ago · its clock runs 1 day ahead of this one's",
    )
    expect(deviceLine(device({ clockAheadMs: 5 * MINUTE }), NOW)).toContain('runs 5 min ahead')
  })
})

describe('the PDF size limit field', () => {
  it('shows bytes as MB and reads whole MB from 1 to 2048', () => {
    expect(megabytes(50 * MIB)).toBe(50)
    expect(limitFromField(' 120 ')).toEqual({ bytes: 120 * MIB })
    expect(limitFromField('2048')).toEqual({ bytes: 2048 * MIB })
    for (const bad of ['', '0', '2049', '1.5', 'lots', '-3']) {
      expect(limitFromField(bad)).toEqual({
        problem: 'Write the size limit as a whole number of MB, from 1 to 2048.',
      })
    }
  })
})

describe('a default name for this device', () => {
  it('names the kind of computer', () => {
    expect(defaultDeviceName('MacIntel')).toBe('My Mac')
    expect(defaultDeviceName('Win32')).toBe('My Windows PC')
    expect(defaultDeviceName('Linux x86_64')).toBe('My Linux computer')
    expect(defaultDeviceName('')).toBe('My computer')
  })
})
