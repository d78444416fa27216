import type { Db } from '../../db/openLibrary'
import { HLC, DEVICE_ID, type Hlc } from '../hlc'

/** The largest attached PDF copied into the sync folder unless the person chose otherwise. */
export const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024

/** The values `sync_state` holds, by key, as the code sees them. */
export interface SyncStateValues {
  /** The last clock issued or seen (persisted so the clock never goes back across restarts). */
  hlc: Hlc | null
  /** The number the next own operation takes; starts at 1. */
  nextSeq: number
  lastPassAt: number | null
  /** Why the last pass failed, a sentence; null when it did not. */
  problem: string | null
  /** What the last pass saw that a person should know, each a sentence. */
  notices: string[]
  /** The own operation number the latest own snapshot covers (0: none yet). */
  snapshotSeq: number
  /** Bytes: larger attached PDFs are announced but not copied into the folder. */
  fileSizeLimit: number
}
export type SyncStateKey = keyof SyncStateValues

/** How each value is written as text, read back, and what it is when absent. */
interface Codec<T> {
  absent: T
  read: (text: string) => T | undefined
  write: (value: T) => string | null
}

const wholeNumber = (min: number): Codec<number>['read'] => {
  return (text) => {
    const value = Number(text)
    return /^\d+$/.test(text) && Number.isSafeInteger(value) && value >= min ? value : undefined
  }
}
const nullableTime: Codec<number | null> = {
  absent: null,
  read: wholeNumber(0),
  write: (value) => (value === null ? null : String(value)),
}
const nullableText: Codec<string | null> = {
  absent: null,
  read: (text) => text,
  write: (value) => value,
}

const CODECS: { [K in SyncStateKey]: Codec<SyncStateValues[K]> } = {
  hlc: {
    absent: null,
    read: (text) => (HLC.test(text) ? text : undefined),
    write: (value) => value,
  },
  nextSeq: { absent: 1, read: wholeNumber(1), write: String },
  lastPassAt: nullableTime,
  problem: nullableText,
  notices: {
    absent: [],
    read: (text) => {
      try {
        const value: unknown = JSON.parse(text)
        return Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? (value as string[])
          : undefined
      } catch {
        return undefined
      }
    },
    write: (value) => (value.length === 0 ? null : JSON.stringify(value)),
  },
  snapshotSeq: { absent: 0, read: wholeNumber(0), write: String },
  fileSizeLimit: { absent: DEFAULT_FILE_SIZE_LIMIT, read: wholeNumber(0), write: String },
}

/** This library's device as `sync_device` holds it (one row once sync is set up). */
export interface SyncDeviceRow {
  id: string
  name: string
  /** The sync folder; null when it was forgotten (syncing stopped). */
  folder: string | null
  createdAt: number
}

/**
 * Typed access to `sync_state` and `sync_device`. A stored value that is not what its key
 * holds (a damaged library) is refused with a sentence rather than read as a default, since a
 * wrong operation number or clock would make other devices skip this one's changes.
 */
export function createSyncState(db: Db) {
  const get = db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck()
  const put = db.prepare<[string, string], never>(`
    INSERT INTO sync_state (key, value) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
  const remove = db.prepare<[string], never>('DELETE FROM sync_state WHERE key = ?')
  const device = db.prepare<
    [],
    { id: string; name: string; folder: string | null; created_at: number }
  >('SELECT id, name, folder, created_at FROM sync_device LIMIT 1')
  const clearDevice = db.prepare<[], never>('DELETE FROM sync_device')
  const insertDevice = db.prepare<[string, string, string | null, number], never>(
    'INSERT INTO sync_device (id, name, folder, created_at) VALUES (?, ?, ?, ?)',
  )
  const pending = db.prepare<[], number>('SELECT count(*) FROM sync_pending').pluck()

  const state = {
    get<K extends SyncStateKey>(key: K): SyncStateValues[K] {
      const codec = CODECS[key]
      const text = get.get(key)
      if (text === undefined) return codec.absent
      const value = codec.read(text)
      if (value === undefined) {
        throw new Error(
          `The library's sync state is damaged: '${key}' holds ${JSON.stringify(text.slice(0, 80))}.`,
        )
      }
      return value
    },
    /** Null (and an empty list) removes the key, so it reads as its default again. */
    set<K extends SyncStateKey>(key: K, value: SyncStateValues[K]): void {
      const text = CODECS[key].write(value)
      if (text === null) remove.run(key)
      else put.run(key, text)
    },
    /** This library's device, null before sync is set up. */
    device(): SyncDeviceRow | null {
      const row = device.get()
      return row
        ? { id: row.id, name: row.name, folder: row.folder, createdAt: row.created_at }
        : null
    },
    /**
     * Makes `row` this library's device (replacing the one there was). From then on the
     * capture triggers record local changes.
     */
    setDevice(row: SyncDeviceRow): void {
      if (!DEVICE_ID.test(row.id)) {
        throw new Error(`A device id is 16 lowercase letters and digits, not "${row.id}".`)
      }
      db.transaction(() => {
        clearDevice.run()
        insertDevice.run(row.id, row.name, row.folder, row.createdAt)
      })()
    },
    /** Local changes not yet turned into operations. */
    pendingCount: (): number => pending.get()!,
  }
  return state
}
export type SyncState = ReturnType<typeof createSyncState>
