import type { Db } from '../../db/openLibrary'

/** A version of a paper's note as `sync_note_versions` keeps it. */
export interface NoteVersion {
  gid: string
  paperId: number
  parents: string[]
  body: string
  hlc: string
}

/** The versions no other version of the same note names as a parent, oldest clock first. */
export function noteHeads(versions: readonly NoteVersion[]): NoteVersion[] {
  const named = new Set(versions.flatMap((version) => version.parents))
  return versions
    .filter((version) => !named.has(version.gid))
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.gid < b.gid ? -1 : 1))
}

/**
 * The text the versions give, when capture can tell it without merging: '' without versions,
 * the body of the only head. Null when heads meet (apply/ merges them and writes the result in
 * `notes`; a local edit after that is a new version after all of them).
 */
export function plainNoteText(versions: readonly NoteVersion[]): string | null {
  const heads = noteHeads(versions)
  if (heads.length === 0) return ''
  return heads.length === 1 ? heads[0]!.body : null
}

function parentsOf(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

/** `sync_note_versions` for capture: a note's versions, and a new one. */
export function createNoteVersions(db: Db) {
  const of = db.prepare<[number], { gid: string; parents: string; body: string; hlc: string }>(
    'SELECT gid, parents, body, hlc FROM sync_note_versions WHERE paper_id = ? ORDER BY hlc, gid',
  )
  const insert = db.prepare<[string, number, string, string, string], never>(
    'INSERT INTO sync_note_versions (gid, paper_id, parents, body, hlc) VALUES (?, ?, ?, ?, ?)',
  )
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
  }
}
