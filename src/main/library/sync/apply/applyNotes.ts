import { hasConflictMarkers, mergeNoteTexts, minuteOf } from '../../../../shared/noteTextMerge'
import type { Db } from '../../db/openLibrary'
import { hlcWall } from '../hlc'
import { SYNC_LIMITS, type OpOf } from '../ops'
import { preparedOnce } from '../../db/preparedOnce'
import { editTime, materializeNote, prunableVersions, type NoteVersion } from './noteMerge'
import { listColumn } from './paperJoin'

interface VersionRow {
  gid: string
  parents: string
  body: string
  hlc: string
}

const toVersion = (row: VersionRow): NoteVersion => ({
  gid: row.gid,
  parents: listColumn(row.parents),
  body: row.body,
  hlc: row.hlc,
})

function statements(db: Db) {
  return {
    exists: db
      .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM sync_note_versions WHERE gid = ?)')
      .pluck(),
    versions: db.prepare<[number], VersionRow>(
      'SELECT gid, parents, body, hlc FROM sync_note_versions WHERE paper_id = ?',
    ),
    insert: db.prepare<[string, number, string, string, string], never>(
      'INSERT INTO sync_note_versions (gid, paper_id, parents, body, hlc) VALUES (?, ?, ?, ?, ?)',
    ),
    remove: db.prepare<[string], never>('DELETE FROM sync_note_versions WHERE gid = ?'),
    note: db.prepare<[number], { body: string; updated_at: number }>(
      'SELECT body, updated_at FROM notes WHERE paper_id = ?',
    ),
    save: db.prepare<[number, string, number], never>(`
      INSERT INTO notes (paper_id, body, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (paper_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`),
    removeNote: db.prepare<[number], never>('DELETE FROM notes WHERE paper_id = ?'),
    pending: db
      .prepare<[string], number>(
        "SELECT EXISTS (SELECT 1 FROM sync_pending WHERE entity = 'note' AND ref = ?)",
      )
      .pluck(),
    flag: db.prepare<[number, number], never>(
      'INSERT OR IGNORE INTO sync_note_conflicts (paper_id, since) VALUES (?, ?)',
    ),
    unflag: db.prepare<[number], never>('DELETE FROM sync_note_conflicts WHERE paper_id = ?'),
  }
}

const statementsOf = preparedOnce(statements)

/** A note edited here and not yet made into a version: its text, and what it was edited from. */
interface LocalEdit {
  text: string
  at: number
  base: string
}

/**
 * Applies `note` operations: each version is added to its paper's set (present: nothing), and
 * at `finish()` each paper touched gets the text its versions make (written to `notes`, '' removes
 * the note), its conflict flag, and its versions pruned. A note edited here since the last pass
 * (still in `sync_pending`) is not overwritten: the edit is merged into the new text against the
 * text it was edited from, so capture sends it next as a version after all of them.
 */
export function createNoteApplier(db: Db, now: () => number) {
  const s = statementsOf(db)
  /** Papers touched in this batch, with the local edit when there is one. */
  const touched = new Map<number, LocalEdit | null>()

  return {
    /** Adds one version; false when it was there already. */
    apply(op: OpOf<'note'>, paperId: number): boolean {
      if (s.exists.get(op.id) === 1) return false
      if (!touched.has(paperId)) {
        let edit: LocalEdit | null = null
        if (s.pending.get(String(paperId)) === 1) {
          const note = s.note.get(paperId)
          edit = {
            text: note?.body ?? '',
            at: note?.updated_at ?? now(),
            base: materializeNote(s.versions.all(paperId).map(toVersion)).body,
          }
        }
        touched.set(paperId, edit)
      }
      s.insert.run(op.id, paperId, JSON.stringify(op.parents), op.body, op.hlc)
      return true
    },

    /** Writes the text of every note touched; how many changed by merging, how many conflict. */
    finish(): { merged: number; conflicts: number } {
      let merged = 0
      let conflicts = 0
      for (const [paperId, edit] of touched) {
        const versions = s.versions.all(paperId).map(toVersion)
        const note = materializeNote(versions)
        // Versions were added, so there is a newest.
        const newest = versions.reduce((a, b) => (b.hlc > a ? b.hlc : a), versions[0]!.hlc)
        let text = note.body
        let at = hlcWall(newest)
        if (edit && edit.text !== edit.base) {
          text = mergeNoteTexts(edit.base, edit.text, note.body, {
            ours: minuteOf(edit.at),
            theirs: editTime(newest),
          })
          at = Math.max(edit.at, at)
        }
        const current = s.note.get(paperId)?.body ?? ''
        if (text !== current) {
          if (text === '') s.removeNote.run(paperId)
          else s.save.run(paperId, text, at)
          if (note.heads.length > 1 || edit) merged += 1
        }
        if (hasConflictMarkers(text)) {
          s.flag.run(paperId, now())
          conflicts += 1
        } else s.unflag.run(paperId)
        for (const gid of prunableVersions(versions, SYNC_LIMITS.noteVersions)) s.remove.run(gid)
      }
      touched.clear()
      return { merged, conflicts }
    },
  }
}
export type NoteApplier = ReturnType<typeof createNoteApplier>
