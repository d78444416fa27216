import type { Db } from '../db/openLibrary'

export interface SavedSearchRow {
  id: number
  name: string
  query: string
  created_at: number
}

export function createSavedSearchesRepo(db: Db) {
  const list = db.prepare<[], SavedSearchRow>(
    'SELECT id, name, query, created_at FROM saved_searches ORDER BY name COLLATE NOCASE',
  )
  // A name already taken (in any case) is replaced: the new spelling, query and time win.
  const save = db.prepare<[string, string, number], never>(`
    INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET
      name = excluded.name, query = excluded.query, created_at = excluded.created_at`)
  const remove = db.prepare<[number], never>('DELETE FROM saved_searches WHERE id = ?')

  return {
    list: () => list.all(),
    save: (name: string, query: string, at: number) => save.run(name, query, at),
    /** False when there was no such saved search. */
    remove: (id: number) => remove.run(id).changes > 0,
  }
}
