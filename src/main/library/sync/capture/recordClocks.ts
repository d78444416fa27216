import type { Db } from '../../db/openLibrary'
import type { RecordType } from '../ops'

/** A record as `sync_records` holds it: each field's last value and the clock that set it. */
export interface StoredRecord {
  gid: string
  type: RecordType
  localId: number | null
  /** The paper of a highlight or annotation, when the library knows it (see below). */
  paperId: number | null
  fields: Record<string, unknown>
  clocks: Record<string, string>
}

interface RecordWrite {
  gid: string
  type: RecordType
  localId: number | null
  paperId: number | null
  fields: string
  clocks: string
}

interface RecordColumns {
  gid: string
  type: RecordType
  local_id: number | null
  paper_id: number | null
  fields: string
  clocks: string
}

const object = (json: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(json)
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

const toStoredRecord = (row: RecordColumns): StoredRecord => ({
  gid: row.gid,
  type: row.type,
  localId: row.local_id,
  paperId: row.paper_id,
  fields: object(row.fields),
  clocks: object(row.clocks) as Record<string, string>,
})

/** `sync_records` for capture: a record by its local row, a new one, a change. */
export function createRecordClocks(db: Db) {
  const byLocalId = db.prepare<[string, number], RecordColumns>(`
    SELECT gid, type, local_id, paper_id, fields, clocks
    FROM sync_records WHERE type = ? AND local_id = ?`)
  const forget = db.prepare<[string], never>(
    'UPDATE sync_records SET local_id = NULL WHERE gid = ?',
  )
  const insert = db.prepare<[RecordWrite], never>(`
    INSERT INTO sync_records (gid, type, local_id, fields, clocks, paper_id)
    VALUES (@gid, @type, @localId, @fields, @clocks, @paperId)`)
  const update = db.prepare<[Omit<RecordWrite, 'type' | 'localId'>], never>(`
    UPDATE sync_records SET fields = @fields, clocks = @clocks
      , paper_id = coalesce(@paperId, paper_id)
    WHERE gid = @gid`)

  return {
    byLocalId: (type: RecordType, localId: number): StoredRecord | null => {
      const row = byLocalId.get(type, localId)
      return row ? toStoredRecord(row) : null
    },
    /** The record's row is another record's now (an id used again): it has no row any more. */
    forgetLocalId: (gid: string) => forget.run(gid),
    /** A new record: every field at clock `hlc`. */
    create(record: {
      gid: string
      type: RecordType
      localId: number | null
      paperId: number | null
      fields: Record<string, unknown>
      hlc: string
    }) {
      const clocks = Object.fromEntries(
        Object.keys(record.fields).map((name) => [name, record.hlc]),
      )
      insert.run({
        gid: record.gid,
        type: record.type,
        localId: record.localId,
        paperId: record.paperId,
        fields: JSON.stringify(record.fields),
        clocks: JSON.stringify(clocks),
      })
    },
    /** `fields` changed at clock `hlc`. */
    change(
      stored: StoredRecord,
      fields: Record<string, unknown>,
      hlc: string,
      paperId: number | null,
    ) {
      const merged = { ...stored.fields, ...fields }
      const clocks = { ...stored.clocks }
      for (const name of Object.keys(fields)) clocks[name] = hlc
      update.run({
        gid: stored.gid,
        paperId,
        fields: JSON.stringify(merged),
        clocks: JSON.stringify(clocks),
      })
    },
  }
}
