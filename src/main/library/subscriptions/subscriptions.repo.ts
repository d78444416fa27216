import type { SubscriptionKind } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { createSettingsRepo } from '../repos/settings.repo'

export interface SubscriptionRow {
  id: number
  kind: SubscriptionKind
  query: string | null
  since: string
  cursor: string | null
  created_at: number
  last_success_at: number | null
  last_failure: string | null
  last_failure_at: number | null
  next_attempt_at: number | null
}

const INTERVAL_KEY = 'subscriptions.intervalHours'

/** SQL of the subscriptions (what the library follows while online) and their interval (settings). */
export function createSubscriptionsRepo(db: Db) {
  const list = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id')
  const get = db.prepare<[number], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?')
  const find = db.prepare<[SubscriptionKind, string], SubscriptionRow>(
    "SELECT * FROM subscriptions WHERE kind = ? AND coalesce(query, '') = ?",
  )
  const insert = db.prepare<[SubscriptionKind, string | null, string, number], never>(
    'INSERT INTO subscriptions (kind, query, since, created_at) VALUES (?, ?, ?, ?)',
  )
  const remove = db.prepare<[number], never>('DELETE FROM subscriptions WHERE id = ?')
  const setCursor = db.prepare<[string, number], never>(
    'UPDATE subscriptions SET cursor = ? WHERE id = ?',
  )
  const succeeded = db.prepare<[number, number | null, number], never>(`
    UPDATE subscriptions
    SET last_success_at = ?, last_failure = NULL, last_failure_at = NULL, next_attempt_at = ?
    WHERE id = ?`)
  const failed = db.prepare<[string, number, number | null, number], never>(`
    UPDATE subscriptions SET last_failure = ?, last_failure_at = ?, next_attempt_at = ?
    WHERE id = ?`)
  const setNextAttempt = db.prepare<[number | null, number], never>(
    'UPDATE subscriptions SET next_attempt_at = ? WHERE id = ?',
  )
  const settings = createSettingsRepo(db)

  return {
    list: (): SubscriptionRow[] => list.all(),
    get: (id: number): SubscriptionRow | undefined => get.get(id),
    /** The subscription of this kind and query (null for hf-daily), if there is one. */
    find: (kind: SubscriptionKind, query: string | null): SubscriptionRow | undefined =>
      find.get(kind, query ?? ''),
    insert: (kind: SubscriptionKind, query: string | null, since: string, at: number): number =>
      Number(insert.run(kind, query, since, at).lastInsertRowid),
    /** False when there was no such subscription. */
    remove: (id: number): boolean => remove.run(id).changes > 0,
    /** How far fetching got: hf-daily the last day fetched, arxiv the newest submission seen. */
    setCursor: (id: number, cursor: string) => setCursor.run(cursor, id),
    succeeded: (id: number, at: number, nextAttemptAt: number | null) =>
      succeeded.run(at, nextAttemptAt, id),
    failed: (id: number, message: string, at: number, nextAttemptAt: number | null) =>
      failed.run(message, at, nextAttemptAt, id),
    setNextAttempt: (id: number, at: number | null) => setNextAttempt.run(at, id),
    /** Hours between two passes, or null when never set. */
    intervalHours: (): number | null => {
      const value = settings.get(INTERVAL_KEY)
      return value === undefined ? null : Number(value)
    },
    setIntervalHours: (hours: number) => settings.set(INTERVAL_KEY, String(hours)),
  }
}

export type SubscriptionsRepo = ReturnType<typeof createSubscriptionsRepo>
