import type { Db } from '../../db/openLibrary'
import { createRecordReader, sameValue, type RecordReader } from '../capture/recordFields'
import type { OpOf, RecordType } from '../ops'
import { preparedOnce } from '../../db/preparedOnce'

/**
 * Records (highlights, PDF annotations, saved searches, subscriptions) by global id, field by
 * field (last writer wins per field, by clock), and the domain rows they make.
 *
 * - A field is taken when its clock (`clocks[field]`, else the operation's) is newer than the one
 *   stored; at the same clock (the same change, from a snapshot and a segment) the larger JSON
 *   wins, so the order of arrival never matters.
 * - `deleted` is a field like the others: a tombstone, which a later `deleted: false` lifts.
 * - The domain row exists while the record has every field its table needs and is not deleted.
 *   A record that lacks some (a change arrived before the record itself) waits, `local_id` NULL.
 * - A local change not yet made into an operation (its row is in `sync_pending`) is newer than
 *   anything that arrives: the columns it changed are left as they are (sync_records takes the
 *   other device's value, so capture sees the difference and sends the local one), and a row the
 *   person deleted is not brought back.
 * - Saved searches are unique by name (in any case) in a library: of records with one name the
 *   smaller gid keeps it and the others get " (2)", " (3)"… A search made here and not yet synced
 *   gives way to them the same way. Subscriptions are unique by kind and query: records of one
 *   subscription (followed on two devices) share one row, which follows the record changed last;
 *   when that record is deleted, so is the row.
 */

type Fields = Record<string, unknown>

interface RecordRow {
  gid: string
  type: RecordType
  local_id: number | null
  fields: string
  clocks: string
}

export interface StoredRecordState {
  gid: string
  type: RecordType
  localId: number | null
  fields: Fields
  clocks: Record<string, string>
}

/** The fields each table needs before a row can be written. */
const REQUIRED: Record<RecordType, readonly string[]> = {
  highlight: [
    'quote',
    'prefix',
    'suffix',
    'start',
    'end',
    'color',
    'comment',
    'createdAt',
    'updatedAt',
  ],
  annotation: [
    'sha256',
    'type',
    'color',
    'comment',
    'position',
    'quote',
    'prefix',
    'suffix',
    'sortKey',
    'createdAt',
    'updatedAt',
  ],
  savedSearch: ['name', 'query', 'createdAt'],
  subscription: ['kind', 'query', 'since', 'createdAt'],
}

/** The `sync_pending` entity of each record type (capture's trigger names). */
const ENTITY: Record<RecordType, string> = {
  highlight: 'highlight',
  annotation: 'annotation',
  savedSearch: 'savedSearch',
  subscription: 'subscription',
}

const parseObject = (json: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

const toState = (row: RecordRow): StoredRecordState => ({
  gid: row.gid,
  type: row.type,
  localId: row.local_id,
  fields: parseObject(row.fields),
  clocks: parseObject(row.clocks) as Record<string, string>,
})

/** Whether the record can make a row: every needed field, and a shape its table accepts. */
export function completeRecord(type: RecordType, fields: Fields): boolean {
  if (!REQUIRED[type].every((name) => name in fields)) return false
  switch (type) {
    case 'highlight':
      return (fields.end as number) > (fields.start as number) && fields.quote !== ''
    case 'annotation':
      return fields.type === 'note' || fields.type === 'area' || fields.quote !== ''
    case 'subscription':
      return (fields.kind === 'arxiv') === (typeof fields.query === 'string' && fields.query !== '')
    default:
      return true
  }
}

/** What a field-by-field join of an operation into the stored record gives. */
export interface RecordJoin {
  fields: Fields
  clocks: Record<string, string>
  /** The fields whose value the operation changed. */
  taken: string[]
  /** Whether anything (a value or only a clock) is new. */
  changed: boolean
}

/** Joins an operation's fields into a stored record (or none): pure. */
export function joinRecordFields(
  stored: Pick<StoredRecordState, 'fields' | 'clocks'> | null,
  op: Pick<OpOf<'record'>, 'fields' | 'clocks' | 'hlc'>,
): RecordJoin {
  const fields: Fields = { ...stored?.fields }
  const clocks: Record<string, string> = { ...stored?.clocks }
  const taken: string[] = []
  let changed = stored === null
  for (const [name, value] of Object.entries(op.fields)) {
    if (value === undefined) continue
    const clock = op.clocks?.[name] ?? op.hlc
    const current = clocks[name]
    const newer =
      current === undefined ||
      clock > current ||
      (clock === current &&
        !sameValue(value, fields[name]) &&
        JSON.stringify(value) > JSON.stringify(fields[name] ?? null))
    if (!newer) continue
    if (!sameValue(value, fields[name]) || current === undefined) taken.push(name)
    fields[name] = value
    clocks[name] = clock
    changed = true
  }
  return { fields, clocks, taken, changed }
}

/**
 * An id for a row another device's record brings, above every id a record still names: a row
 * deleted here whose delete is not sent yet keeps its id in sync_records, and SQLite would give
 * that id to the new row (these tables reuse ids), which would then be taken for the deleted one
 * and its delete never sent. Annotations and subscriptions never reuse ids (AUTOINCREMENT).
 */
const unusedId = (table: string, type: RecordType) =>
  `(SELECT max(coalesce((SELECT max(id) FROM ${table}), 0),
     coalesce((SELECT max(local_id) FROM sync_records WHERE type = '${type}'), 0)) + 1)`

function statements(db: Db) {
  return {
    reader: createRecordReader(db),
    record: db.prepare<[string], RecordRow>(
      'SELECT gid, type, local_id, fields, clocks FROM sync_records WHERE gid = ?',
    ),
    ofType: db.prepare<[RecordType], RecordRow>(
      'SELECT gid, type, local_id, fields, clocks FROM sync_records WHERE type = ? ORDER BY gid',
    ),
    save: db.prepare<
      [{ gid: string; type: RecordType; fields: string; clocks: string; paperId: number | null }],
      never
    >(`
      INSERT INTO sync_records (gid, type, local_id, fields, clocks, paper_id)
      VALUES (@gid, @type, NULL, @fields, @clocks, @paperId)
      ON CONFLICT (gid) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks
        , paper_id = coalesce(sync_records.paper_id, excluded.paper_id)`),
    setLocalId: db.prepare<[number | null, string], never>(
      'UPDATE sync_records SET local_id = ? WHERE gid = ?',
    ),
    releaseRow: db.prepare<[RecordType, number], never>(
      'UPDATE sync_records SET local_id = NULL WHERE type = ? AND local_id = ?',
    ),
    pending: db
      .prepare<[string, string], number>(
        'SELECT EXISTS (SELECT 1 FROM sync_pending WHERE entity = ? AND ref = ?)',
      )
      .pluck(),
    highlight: {
      insert: db.prepare<[number, ...unknown[]], never>(`
        INSERT INTO highlights (id, paper_id, quote, prefix, suffix, start_offset, end_offset,
          color, comment, created_at, updated_at)
        VALUES (${unusedId('highlights', 'highlight')}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      update: db.prepare<unknown[], never>(`
        UPDATE highlights SET quote = ?, prefix = ?, suffix = ?, start_offset = ?, end_offset = ?,
          color = ?, comment = ?, created_at = ?, updated_at = ? WHERE id = ?`),
      remove: db.prepare<[number], never>('DELETE FROM highlights WHERE id = ?'),
    },
    annotation: {
      insert: db.prepare<unknown[], never>(`
        INSERT INTO pdf_annotations (paper_id, sha256, type, color, comment, page_index, position,
          quote, prefix, suffix, sort_key, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      update: db.prepare<unknown[], never>(`
        UPDATE pdf_annotations SET sha256 = ?, type = ?, color = ?, comment = ?, page_index = ?,
          position = ?, quote = ?, prefix = ?, suffix = ?, sort_key = ?, created_at = ?,
          updated_at = ? WHERE id = ?`),
      remove: db.prepare<[number], never>('DELETE FROM pdf_annotations WHERE id = ?'),
      setImage: db.prepare<[number, Buffer], never>(`
        INSERT INTO pdf_annotation_images (annotation_id, png) VALUES (?, ?)
        ON CONFLICT (annotation_id) DO UPDATE SET png = excluded.png`),
      removeImage: db.prepare<[number], never>(
        'DELETE FROM pdf_annotation_images WHERE annotation_id = ?',
      ),
    },
    savedSearch: {
      rows: db.prepare<[], { id: number; name: string }>('SELECT id, name FROM saved_searches'),
      insert: db.prepare<[string, string, number, string | null, number, number], never>(`
        INSERT INTO saved_searches (id, name, query, created_at, rule_tag, rule_to_read,
          rule_download)
        VALUES (${unusedId('saved_searches', 'savedSearch')}, ?, ?, ?, ?, ?, ?)`),
      update: db.prepare<[string, number, string | null, number, number, number], never>(`
        UPDATE saved_searches SET query = ?, created_at = ?, rule_tag = ?, rule_to_read = ?,
          rule_download = ? WHERE id = ?`),
      rename: db.prepare<[string, number], never>(
        'UPDATE saved_searches SET name = ? WHERE id = ?',
      ),
      remove: db.prepare<[number], never>('DELETE FROM saved_searches WHERE id = ?'),
    },
    subscription: {
      rows: db.prepare<[], { id: number; kind: string; query: string | null }>(
        'SELECT id, kind, query FROM subscriptions',
      ),
      insert: db.prepare<[string, string | null, string, number], never>(
        'INSERT INTO subscriptions (kind, query, since, created_at) VALUES (?, ?, ?, ?)',
      ),
      update: db.prepare<[string, number, number], never>(
        'UPDATE subscriptions SET since = ?, created_at = ? WHERE id = ?',
      ),
      remove: db.prepare<[number], never>('DELETE FROM subscriptions WHERE id = ?'),
    },
  }
}

const statementsOf = preparedOnce(statements)

/** The values a row is written with: the record's, but a column changed here and not yet sent stays. */
function valuesToWrite(
  fields: Fields,
  before: Fields,
  local: Fields | null,
  pending: boolean,
): Fields {
  if (!local || !pending) return fields
  const out: Fields = { ...fields }
  for (const [name, value] of Object.entries(local)) {
    if (name !== 'deleted' && !sameValue(value, before[name])) out[name] = value
  }
  return out
}

const highlightValues = (v: Fields) => [
  v.quote,
  v.prefix,
  v.suffix,
  v.start,
  v.end,
  v.color,
  v.comment,
  v.createdAt,
  v.updatedAt,
]

const annotationValues = (v: Fields) => {
  const position = v.position as { pageIndex: number }
  return [
    v.sha256,
    v.type,
    v.color,
    v.comment,
    position.pageIndex,
    JSON.stringify(position),
    v.quote,
    v.prefix,
    v.suffix,
    v.sortKey,
    v.createdAt,
    v.updatedAt,
  ]
}

/** Applies records' operations to one library; `finish()` settles saved searches and subscriptions. */
export function createRecordApplier(db: Db) {
  const s = statementsOf(db)
  /** Record `gid` is row `localId` now (whoever held that row before, a stale link, lets go). */
  const link = (type: RecordType, localId: number | null, gid: string) => {
    if (localId !== null) s.releaseRow.run(type, localId)
    s.setLocalId.run(localId, gid)
  }
  const isPending = (type: RecordType, localId: number) =>
    s.pending.get(ENTITY[type], String(localId)) === 1

  /** A highlight's or annotation's row as the record now says (`paperId`: where a new one goes). */
  const writePaperRecord = (
    type: 'highlight' | 'annotation',
    state: StoredRecordState,
    before: Fields,
    paperId: number,
    reader: RecordReader,
  ) => {
    const table = s[type]
    const { fields, localId } = state
    if (fields.deleted === true) {
      if (localId !== null) {
        table.remove.run(localId)
        link(type, null, state.gid)
      }
      return
    }
    if (!completeRecord(type, fields)) return
    const pending = localId !== null && isPending(type, localId)
    const local = localId === null ? null : reader.one(type, localId)
    // Deleted here and not yet said: the delete is the newer change.
    if (localId !== null && !local && pending) return
    const values = valuesToWrite(fields, before, local?.fields ?? null, pending)
    let id = local ? localId! : null
    if (type === 'highlight') {
      if (id === null) {
        id = Number(s.highlight.insert.run(paperId, ...highlightValues(values)).lastInsertRowid)
      } else s.highlight.update.run(...highlightValues(values), id)
    } else {
      if (id === null) {
        id = Number(s.annotation.insert.run(paperId, ...annotationValues(values)).lastInsertRowid)
      } else s.annotation.update.run(...annotationValues(values), id)
      if (typeof values.image === 'string') {
        s.annotation.setImage.run(id, Buffer.from(values.image, 'base64'))
      } else s.annotation.removeImage.run(id)
    }
    if (id !== localId) link(type, id, state.gid)
  }

  return {
    /**
     * Joins one record operation. `paperId`: the local paper of a highlight or annotation (the
     * caller found it; null for the library's own records). Returns whether anything was taken.
     */
    apply(op: OpOf<'record'>, paperId: number | null): boolean {
      const row = s.record.get(op.id)
      const stored = row ? toState(row) : null
      // A forged operation may name another type for a known gid: it is not this record's.
      if (stored && stored.type !== op.type) return false
      const join = joinRecordFields(stored, op)
      if (!join.changed) return false
      s.save.run({
        gid: op.id,
        type: op.type,
        fields: JSON.stringify(join.fields),
        clocks: JSON.stringify(join.clocks),
        paperId,
      })
      const state: StoredRecordState = {
        gid: op.id,
        type: op.type,
        localId: stored?.localId ?? null,
        fields: join.fields,
        clocks: join.clocks,
      }
      if (stored && join.taken.length === 0) return true
      if (state.type === 'highlight' || state.type === 'annotation') {
        if (paperId === null) return true
        writePaperRecord(state.type, state, stored?.fields ?? {}, paperId, s.reader)
      } else {
        if (state.localId !== null && state.type === 'savedSearch') {
          const pending = isPending(state.type, state.localId)
          const local = s.reader.one(state.type, state.localId)
          if (local && completeRecord(state.type, join.fields) && join.fields.deleted !== true) {
            const v = valuesToWrite(join.fields, stored?.fields ?? {}, local.fields, pending)
            s.savedSearch.update.run(
              v.query as string,
              v.createdAt as number,
              (v.ruleTag as string | null | undefined) ?? null,
              v.ruleToRead === true ? 1 : 0,
              v.ruleDownload === true ? 1 : 0,
              state.localId,
            )
          }
        }
      }
      return true
    },

    /**
     * Settles saved searches' names and subscriptions' rows after a batch, also after local
     * changes alone (an empty batch): cheap, they are few.
     */
    finish() {
      settleSavedSearches()
      settleSubscriptions()
    },
  }

  function settleSavedSearches() {
    const records = s.ofType.all('savedSearch').map(toState)
    const linked = new Map<number, StoredRecordState>()
    for (const record of records) if (record.localId !== null) linked.set(record.localId, record)
    const rows = new Map(s.savedSearch.rows.all().map((row) => [row.id, row]))
    /** Live records with the name they claim and how recently it was given (a change here not yet sent: now). */
    const live: Array<{ record: StoredRecordState; name: string; named: string }> = []

    for (const record of records) {
      const row = record.localId === null ? undefined : rows.get(record.localId)
      const alive = record.fields.deleted !== true && completeRecord('savedSearch', record.fields)
      if (!alive) {
        if (row) {
          s.savedSearch.remove.run(row.id)
          rows.delete(row.id)
        }
        if (record.localId !== null) link(record.type, null, record.gid)
        continue
      }
      const pending = record.localId !== null && isPending('savedSearch', record.localId)
      if (record.localId !== null && !row && pending) continue
      // A name given here and not yet sent is the record's (capture sends it next, newest of all).
      const renamedHere =
        row !== undefined &&
        pending &&
        !row.name.startsWith(TEMPORARY) &&
        row.name !== record.fields.name
      live.push({
        record,
        name: renamedHere ? row.name : String(record.fields.name),
        named: renamedHere ? NOW : (record.clocks.name ?? ''),
      })
    }
    // Searches made here and not synced yet: named now.
    const unsynced = [...rows.values()].filter((row) => !linked.has(row.id))

    // Of searches with one name (in any case), the one named last keeps it (at the same clock,
    // the smaller gid); the others, newest first, get the first free " (2)", " (3)"…
    const claims = [
      ...live.map(({ record, name, named }) => ({
        gid: record.gid,
        rowId: record.localId,
        name,
        named,
      })),
      ...unsynced.map((row) => ({ gid: '', rowId: row.id, name: row.name, named: NOW })),
    ].sort((a, b) =>
      a.named !== b.named
        ? a.named > b.named
          ? -1
          : 1
        : a.gid < b.gid
          ? -1
          : a.gid > b.gid
            ? 1
            : 0,
    )
    const key = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase())
    const taken = new Set<string>()
    const winners = new Set<(typeof claims)[number]>()
    for (const claim of claims) {
      if (taken.has(key(claim.name))) continue
      taken.add(key(claim.name))
      winners.add(claim)
    }
    const assigned = new Map<string, string>()
    const renames = new Map<number, string>()
    for (const claim of claims) {
      let name = claim.name
      if (!winners.has(claim)) {
        name = freeName(claim.name, taken, key)
        taken.add(key(name))
      }
      if (claim.gid !== '') assigned.set(claim.gid, name)
      else if (name !== claim.name) renames.set(claim.rowId!, name)
    }
    // Rows of live records: create the missing ones under a temporary name, then name them all.
    for (const { record } of live) {
      const row = record.localId === null ? undefined : rows.get(record.localId)
      const name = assigned.get(record.gid)!
      if (row) {
        if (row.name !== name) renames.set(row.id, name)
        continue
      }
      const f = record.fields
      const id = Number(
        s.savedSearch.insert.run(
          `${TEMPORARY}${record.gid}`,
          String(f.query),
          f.createdAt as number,
          (f.ruleTag as string | null | undefined) ?? null,
          f.ruleToRead === true ? 1 : 0,
          f.ruleDownload === true ? 1 : 0,
        ).lastInsertRowid,
      )
      link('savedSearch', id, record.gid)
      renames.set(id, name)
    }
    for (const id of renames.keys()) s.savedSearch.rename.run(`${TEMPORARY}${id}`, id)
    for (const [id, name] of renames) s.savedSearch.rename.run(name, id)
  }

  function settleSubscriptions() {
    const records = s.ofType.all('subscription').map(toState)
    const rows = s.subscription.rows.all()
    const keyOf = (kind: unknown, query: unknown) => `${String(kind)}\u0000${String(query ?? '')}`
    const rowByKey = new Map(rows.map((row) => [keyOf(row.kind, row.query), row]))
    const rowIds = new Set(rows.map((row) => row.id))
    const latest = (record: StoredRecordState) =>
      Object.values(record.clocks).reduce((a, b) => (a > b ? a : b), '')
    const groups = new Map<string, StoredRecordState[]>()
    for (const record of records) {
      if (!completeRecord('subscription', record.fields)) continue
      const key = keyOf(record.fields.kind, record.fields.query)
      const group = groups.get(key)
      if (group) group.push(record)
      else groups.set(key, [record])
    }
    for (const [key, group] of groups) {
      const owner = group.reduce((a, b) => {
        const [la, lb] = [latest(a), latest(b)]
        return la > lb || (la === lb && a.gid > b.gid) ? a : b
      })
      const row = rowByKey.get(key)
      const linkedRow = group.find((r) => r.localId !== null && rowIds.has(r.localId))
      const pendingHere = row !== undefined && isPending('subscription', row.id)
      // A row deleted here and not yet sent: the delete is the newer change.
      const deletedHere = group.some(
        (r) => r.localId !== null && !rowIds.has(r.localId) && isPending('subscription', r.localId),
      )
      // Links to rows that are gone let go, but not one deleted here: capture announces that delete.
      for (const record of group) {
        const gone = record.localId !== null && !rowIds.has(record.localId)
        if (gone && !isPending('subscription', record.localId!)) link(record.type, null, record.gid)
      }
      if (owner.fields.deleted === true || (deletedHere && !row)) {
        if (row && !pendingHere) {
          s.subscription.remove.run(row.id)
          for (const record of group)
            if (record.localId === row.id) link(record.type, null, record.gid)
        }
        continue
      }
      const f = owner.fields
      if (row) {
        // Followed here too (synced or not): one row, the owner's; a change here not yet sent stays.
        if (!pendingHere) s.subscription.update.run(String(f.since), f.createdAt as number, row.id)
        if (linkedRow?.gid !== owner.gid || owner.localId !== row.id) {
          for (const record of group)
            if (record.localId === row.id) link(record.type, null, record.gid)
          link('subscription', row.id, owner.gid)
        }
      } else {
        const id = Number(
          s.subscription.insert.run(
            String(f.kind),
            (f.query as string | null) ?? null,
            String(f.since),
            f.createdAt as number,
          ).lastInsertRowid,
        )
        link('subscription', id, owner.gid)
      }
    }
  }
}
export type RecordApplier = ReturnType<typeof createRecordApplier>

/** Names given to rows for a moment while names move between them (no real name starts so). */
const TEMPORARY = '\u0001sync '
/** Sorts after every clock: a change made here and not yet sent is newer than all received. */
const NOW = '\uffff'

function freeName(name: string, taken: Set<string>, key: (name: string) => string): string {
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`
    if (!taken.has(key(candidate))) return candidate
  }
}
