import type { Db } from '../db/openLibrary'

export function createNotesRepo(db: Db) {
  const upsert = db.prepare<[number, string, number], never>(`
    INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (paper_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`)
  const remove = db.prepare<[number], never>('DELETE FROM notes WHERE paper_id = ?')

  return {
    save: (paperId: number, body: string, at: number) => upsert.run(paperId, body, at),
    remove: (paperId: number) => remove.run(paperId),
  }
}

export type NotesRepo = ReturnType<typeof createNotesRepo>
