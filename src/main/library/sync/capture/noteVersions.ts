import type { Db } from '../../db/openLibrary'

/** A version of a paper's note as `sync_note_versions` keeps it. */
export interface NoteVersion {
  gid: string
  paperId: number
  parents: string[]
  body: string
  hlc: string
}

function parentsOf(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/** `sync_note_versions` for capture: a note's versions, a new one, one pruned. */
export function createNoteVersions(db: Db) {
  const of = db.prepare<[number], { gid: string; parents: string; body: string; hlc: string }>(
    'SELECT gid, parents, body, hlc FROM sync_note_versions WHERE paper_id = ? ORDER BY hlc, gid',
  )
  const insert = db.prepare<[string, number, string, string, string], never>(
    'INSERT INTO sync_note_versions (gid, paper_id, parents, body, hlc) VALUES (?, ?, ?, ?, ?)',
  )
  const remove = db.prepare<[string], never>('DELETE FROM sync_note_versions WHERE gid = ?')
  return {
    of: (paperId: number): NoteVersion[] =>
      of.all(paperId).map((row) => ({
        gid: row.gid,
        paperId,
        parents: parentsOf(row.parents),
        body: row.body,
        hlc: row.hlc,
      })),
    add: (version: NoteVersion) =>
      insert.run(
        version.gid,
        version.paperId,
        JSON.stringify(version.parents),
        version.body,
        version.hlc,
      ),
    remove: (gid: string) => remove.run(gid),
  }
}
