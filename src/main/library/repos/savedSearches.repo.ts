import type { Db } from '../db/openLibrary'

export interface SavedSearchRow {
  id: number
  name: string
  query: string
  created_at: number
  rule_tag: string | null
  rule_to_read: 0 | 1
  rule_download: 0 | 1
}

/** A saved search's rule as stored: what it does to new fetched papers matching it. */
export interface RuleColumns {
  tag: string | null
  toRead: boolean
  download: boolean
}

export function createSavedSearchesRepo(db: Db) {
  const list = db.prepare<[], SavedSearchRow>(`
    SELECT id, name, query, created_at, rule_tag, rule_to_read, rule_download
    FROM saved_searches ORDER BY name COLLATE NOCASE`)
  // A name already taken (in any case) is replaced: the new spelling, query and time win.
  const save = db.prepare<[string, string, number], never>(`
    INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET
      name = excluded.name, query = excluded.query, created_at = excluded.created_at`)
  const remove = db.prepare<[number], never>('DELETE FROM saved_searches WHERE id = ?')
  const setRule = db.prepare<[string | null, number, number, number], never>(
    'UPDATE saved_searches SET rule_tag = ?, rule_to_read = ?, rule_download = ? WHERE id = ?',
  )

  return {
    list: () => list.all(),
    save: (name: string, query: string, at: number) => save.run(name, query, at),
    /** False when there was no such saved search. */
    remove: (id: number) => remove.run(id).changes > 0,
    /** Null clears the rule. False when there was no such saved search. */
    setRule: (id: number, rule: RuleColumns | null) =>
      setRule.run(rule?.tag ?? null, rule?.toRead ? 1 : 0, rule?.download ? 1 : 0, id).changes > 0,
  }
}

export type SavedSearchesRepo = ReturnType<typeof createSavedSearchesRepo>
