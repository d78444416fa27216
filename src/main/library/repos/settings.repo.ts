import type { Db } from '../db/openLibrary'

/** Small app-wide values by key (the download queue's pause, the fetch interval). */
export function createSettingsRepo(db: Db) {
  const get = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck()
  const set = db.prepare<[string, string], never>(`
    INSERT INTO settings (key, value) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
  return {
    get: (key: string): string | undefined => get.get(key),
    set: (key: string, value: string) => set.run(key, value),
  }
}
