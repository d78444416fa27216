import type { ReadingStatus } from '../../../../shared/models'
import { hasConflictMarkers } from '../../../../shared/noteTextMerge'
import type { Db } from '../../db/openLibrary'
import type { EmitPending, SyncContext } from '../contracts'
import {
  opLineSchema,
  SYNC_FORMAT_VERSION,
  SYNC_LIMITS,
  type OpBody,
  type OpLine,
  type PaperKey,
  type RecordType,
} from '../ops'
import { materializeNote, prunableVersions } from '../apply/noteMerge'
import { preparedOnce } from '../../db/preparedOnce'
import { createNoteVersions } from './noteVersions'
import { createPaperOpReader } from './paperOp'
import { createRecordClocks, type StoredRecord } from './recordClocks'
import { createRecordReader, sameValue } from './recordFields'
import { createSyncState } from './syncState'

/** The order operations of one pass are written in: papers before what refers to them. */
const ENTITY_ORDER = [
  'paper',
  'file',
  'status',
  'tags',
  'note',
  'highlight',
  'annotation',
  'savedSearch',
  'subscription',
] as const
type Entity = (typeof ENTITY_ORDER)[number]

/** `ref` as numbers to sort by: a paper or row id, or `<paper id>:<file id>`. */
const refNumbers = (ref: string): number[] => ref.split(':').map(Number)

function compareNumbers(left: number[], right: number[]): number {
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

function statements(db: Db) {
  return {
    state: createSyncState(db),
    papers: createPaperOpReader(db),
    records: createRecordReader(db),
    recordClocks: createRecordClocks(db),
    noteVersions: createNoteVersions(db),
    pending: db.prepare<[], { entity: string; ref: string }>(
      'SELECT entity, ref FROM sync_pending',
    ),
    // Everything read is done with: nothing else writes inside the transaction.
    clearPending: db.prepare<[], never>('DELETE FROM sync_pending'),
    outbox: db.prepare<[number, string], never>(
      'INSERT INTO sync_outbox (seq, line) VALUES (?, ?)',
    ),
    file: db.prepare<[number, number], { origin: string; sha256: string; size: number }>(`
      SELECT pf.origin, f.sha256, f.size FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id
      WHERE pf.paper_id = ? AND pf.file_id = ?`),
    statusChange: db.prepare<
      [number],
      {
        paper_id: number
        from_status: ReadingStatus
        to_status: ReadingStatus
        changed_at: number
        known: 0 | 1
      }
    >(`
      SELECT paper_id, from_status, to_status, changed_at,
        EXISTS (SELECT 1 FROM sync_status_changes WHERE history_id = h.id) AS known
      FROM status_history h WHERE id = ?`),
    insertStatusChange: db.prepare<[string, number, number, string], never>(
      'INSERT INTO sync_status_changes (gid, paper_id, history_id, hlc) VALUES (?, ?, ?, ?)',
    ),
    tagsNow: db.prepare<[number], { name: string; name_key: string }>(`
      SELECT t.name, lower(t.name) AS name_key FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
      WHERE pt.paper_id = ?`),
    tagClocks: db.prepare<[number], { name_key: string; name: string; present: 0 | 1 }>(
      'SELECT name_key, name, present FROM sync_tag_clocks WHERE paper_id = ?',
    ),
    setTagClock: db.prepare<[number, string, string, number, string], never>(`
      INSERT INTO sync_tag_clocks (paper_id, name_key, name, present, hlc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (paper_id, name_key) DO UPDATE SET
        name = excluded.name, present = excluded.present, hlc = excluded.hlc`),
    note: db.prepare<[number], string>('SELECT body FROM notes WHERE paper_id = ?').pluck(),
    flagConflict: db.prepare<[number, number], never>(
      'INSERT OR IGNORE INTO sync_note_conflicts (paper_id, since) VALUES (?, ?)',
    ),
    unflagConflict: db.prepare<[number], never>(
      'DELETE FROM sync_note_conflicts WHERE paper_id = ?',
    ),
  }
}
type Statements = ReturnType<typeof statements>

const statementsOf = preparedOnce(statements)

/**
 * Turns what changed locally (`sync_pending`) into operations, in one immediate transaction:
 * each numbered from sync_state 'nextSeq' and stamped by the clock, its line stored in
 * `sync_outbox` (the folder layer adds the checksum when it writes it), the sync clock tables
 * brought up to date with it, the pending rows removed, the next number and the clock saved.
 * A change to something that is gone since is dropped, except a record (a tombstone) and a note
 * (a version with an empty body). An operation that would break the format's limits (a note of
 * more than a million characters, …) is not made; a sentence in sync_state 'notices' says so.
 */
export const emitPending: EmitPending = (ctx) => {
  const s = statementsOf(ctx.db)
  return ctx.db.transaction(() => emitIn(ctx, s)).immediate()
}

function emitIn(ctx: SyncContext, s: Statements): OpLine[] {
  const pending = s.pending.all()
  if (pending.length === 0) return []
  const order = pending.map(({ entity, ref }) => ({
    entity,
    ref,
    rank: ENTITY_ORDER.indexOf(entity as Entity),
    numbers: refNumbers(ref),
  }))
  order.sort((a, b) => a.rank - b.rank || compareNumbers(a.numbers, b.numbers))

  const dev = ctx.deviceId
  let seq = s.state.get('nextSeq')
  const lines: OpLine[] = []
  const notices: string[] = []
  const keyOf = (paperId: number | null): PaperKey | null =>
    paperId === null ? null : ctx.paperKeys.keyOf(paperId)
  /** The id the next operation takes. */
  const nextId = () => `${dev}:${seq}`

  /**
   * Numbers and stores operation `body` (made with nextId()); false when it breaks the format,
   * in which case nothing of it may be recorded.
   */
  const emit = (body: OpBody, what: string): boolean => {
    const line = { v: SYNC_FORMAT_VERSION, dev, seq, ...body } as OpLine
    const checked = opLineSchema.safeParse(line)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
      notices.push(`${what} was not synced: ${issue?.message ?? 'it breaks the format'}${where}.`)
      return false
    }
    s.outbox.run(seq, JSON.stringify(line))
    lines.push(line)
    seq += 1
    return true
  }

  const capture: Record<Entity, (ref: string) => void> = {
    paper: (ref) => {
      const payload = s.papers.one(Number(ref))
      if (!payload) return
      emit({ kind: 'paper', id: nextId(), hlc: ctx.clock.tick(), ...payload }, `Paper ${ref}`)
    },

    file: (ref) => {
      const [paperId, fileId] = refNumbers(ref) as [number, number]
      const file = s.file.get(paperId, fileId)
      const paper = keyOf(paperId)
      if (!file || !paper) return
      emit(
        {
          kind: 'file',
          id: nextId(),
          hlc: ctx.clock.tick(),
          paper,
          sha256: file.sha256,
          size: file.size,
          name: file.origin,
          copied: file.size <= s.state.get('fileSizeLimit'),
        },
        `The PDF ${file.origin} of paper ${paperId}`,
      )
    },

    status: (ref) => {
      const historyId = Number(ref)
      const change = s.statusChange.get(historyId)
      if (!change || change.known) return
      const paper = keyOf(change.paper_id)
      if (!paper) return
      const id = nextId()
      const hlc = ctx.clock.tick()
      const made = emit(
        {
          kind: 'status',
          id,
          hlc,
          paper,
          from: change.from_status,
          to: change.to_status,
          at: change.changed_at,
        },
        `A status change of paper ${change.paper_id}`,
      )
      if (made) s.insertStatusChange.run(id, change.paper_id, historyId, hlc)
    },

    tags: (ref) => {
      const paperId = Number(ref)
      const paper = keyOf(paperId)
      if (!paper) return
      const now = new Map(s.tagsNow.all(paperId).map((tag) => [tag.name_key, tag.name]))
      const clocks = new Map(s.tagClocks.all(paperId).map((row) => [row.name_key, row]))
      const changes: Array<{ key: string; name: string; present: boolean }> = []
      for (const [key, name] of now) {
        if (clocks.get(key)?.present !== 1) changes.push({ key, name, present: true })
      }
      for (const [key, row] of clocks) {
        if (row.present === 1 && !now.has(key))
          changes.push({ key, name: row.name, present: false })
      }
      changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      for (const { key, name, present } of changes) {
        const hlc = ctx.clock.tick()
        const made = emit(
          { kind: 'tag', id: nextId(), hlc, paper, name, present },
          `The tag "${name}" of paper ${paperId}`,
        )
        if (made) s.setTagClock.run(paperId, key, name, present ? 1 : 0, hlc)
      }
    },

    note: (ref) => {
      const paperId = Number(ref)
      const paper = keyOf(paperId)
      if (!paper) return
      const body = s.note.get(paperId) ?? ''
      const versions = s.noteVersions.of(paperId)
      const { body: synced, heads } =
        versions.length > 0 ? materializeNote(versions) : { body: '', heads: [] }
      if (synced === body) return
      const id = nextId()
      const hlc = ctx.clock.tick()
      const parents = [...heads].sort()
      const made = emit(
        { kind: 'note', id, hlc, paper, parents, body },
        `The note of paper ${paperId}`,
      )
      if (!made) return
      const version = { gid: id, paperId, parents, body, hlc }
      s.noteVersions.add(version)
      for (const gid of prunableVersions([...versions, version], SYNC_LIMITS.noteVersions)) {
        s.noteVersions.remove(gid)
      }
      // Conflicted while the text holds both sides of an edit (taking the markers out resolves it).
      if (hasConflictMarkers(body)) s.flagConflict.run(paperId, ctx.now())
      else s.unflagConflict.run(paperId)
    },

    highlight: (ref) => captureRecord('highlight', Number(ref)),
    annotation: (ref) => captureRecord('annotation', Number(ref)),
    savedSearch: (ref) => captureRecord('savedSearch', Number(ref)),
    subscription: (ref) => captureRecord('subscription', Number(ref)),
  }

  /**
   * A record: all its fields when it is new, the fields that differ from what sync last said
   * when it changed, `deleted: true` when its row is gone.
   */
  const captureRecord = (type: RecordType, localId: number) => {
    const current = s.records.one(type, localId)
    const stored = s.recordClocks.byLocalId(type, localId)
    const what = `A ${type} (${localId})`
    /** Says `fields` of a record sync knows, at a new clock. */
    const change = (
      record: StoredRecord,
      fields: Record<string, unknown>,
      paperId: number | null,
    ) => {
      const hlc = ctx.clock.tick()
      const paper = keyOf(paperId)
      const made = emit({ kind: 'record', id: record.gid, hlc, type, paper, fields }, what)
      if (made) s.recordClocks.change(record, fields, hlc, paperId)
    }
    // A row made at another time than the record sync knows by its id took that id (the ids of
    // deleted rows are used again): that record is gone, and this is a new one.
    const replaced =
      current !== null &&
      stored !== null &&
      !sameValue(stored.fields.createdAt, current.fields.createdAt)
    if (stored && (!current || replaced)) {
      if (stored.fields.deleted !== true) change(stored, { deleted: true }, stored.paperId)
      if (replaced) s.recordClocks.forgetLocalId(stored.gid)
    }
    if (!current) return
    if (stored && !replaced) {
      const fields = Object.fromEntries(
        Object.entries(current.fields).filter(
          ([name, value]) => !sameValue(value, stored.fields[name]),
        ),
      )
      if (Object.keys(fields).length > 0) change(stored, fields, current.paperId)
      return
    }
    const id = nextId()
    const hlc = ctx.clock.tick()
    const paper = keyOf(current.paperId)
    const made = emit({ kind: 'record', id, hlc, type, paper, fields: current.fields }, what)
    if (!made) return
    s.recordClocks.create({
      gid: id,
      type,
      localId,
      paperId: current.paperId,
      fields: current.fields,
      hlc,
    })
  }

  for (const { entity, ref, rank } of order) {
    if (rank >= 0) capture[entity as Entity](ref)
  }
  s.clearPending.run()
  s.state.set('nextSeq', seq)
  s.state.set('hlc', ctx.clock.last())
  if (notices.length > 0) s.state.set('notices', [...s.state.get('notices'), ...notices])
  return lines
}
