import type { ReadingStatus } from '../../../../shared/models'
import type { DumpState } from '../contracts'
import { formatHlc, maxHlc } from '../hlc'
import type { OpBody, PaperKey, RecordType } from '../ops'
import { createPaperOpReader } from './paperOp'
import { createSyncState } from './syncState'

/** Rows read at a time: no statement stays open between two entries. */
const PAGE = 500

interface Keyed {
  arxiv_id: string | null
  title_key: string
}
const keyOf = (row: Keyed): PaperKey => ({ arxivId: row.arxiv_id, titleKey: row.title_key })

const parsed = <T>(json: string, fallback: T): T => {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

/**
 * The library's whole state as operations, for a snapshot: every paper (with its appearances
 * and sources), every attached PDF, every status change with its global id and clock, every tag
 * clock (removed tags too), every kept note version, every record with each field's clock.
 * Papers come first, so a device that joins has them before what refers to them.
 *
 * Streamed a page at a time with no statement left open between entries, so the caller may
 * await (write files) and the library may be written meanwhile; entries read after such a write
 * may include it, which is harmless: applying an operation again changes nothing. Sync's own
 * tables are read rather than the library's rows for statuses, tags, notes and records, so the
 * entries say exactly what operations said.
 */
export const dumpState: DumpState = function* (ctx) {
  const { db } = ctx
  const device = ctx.deviceId
  const hlc = ctx.clock.last() ?? formatHlc({ wall: ctx.now(), counter: 0, device })
  const limit = createSyncState(db).get('fileSizeLimit')
  let entry = 0
  /** Papers, tags and files are found by their keys, not their ids: any unique id does. */
  const entryId = () => `${device}:d${++entry}`

  const papers = createPaperOpReader(db)
  for (let after = 0; ;) {
    const page = papers.page(after, PAGE)
    if (page.length === 0) break
    for (const { op } of page) yield { kind: 'paper', id: entryId(), hlc, ...op }
    after = page.at(-1)!.paperId
  }

  const files = db.prepare<
    [number, number, number],
    Keyed & { paper_id: number; file_id: number; origin: string; sha256: string; size: number }
  >(`
    SELECT pf.paper_id, pf.file_id, pf.origin, f.sha256, f.size, p.arxiv_id, p.title_key
    FROM paper_files pf JOIN pdf_files f ON f.id = pf.file_id JOIN papers p ON p.id = pf.paper_id
    WHERE pf.origin NOT LIKE 'http://%' AND pf.origin NOT LIKE 'https://%'
      AND (pf.paper_id, pf.file_id) > (?, ?)
    ORDER BY pf.paper_id, pf.file_id LIMIT ?`)
  for (let after: [number, number] = [0, 0]; ;) {
    const page = files.all(...after, PAGE)
    if (page.length === 0) break
    for (const row of page) {
      yield {
        kind: 'file',
        id: entryId(),
        hlc,
        paper: keyOf(row),
        sha256: row.sha256,
        size: row.size,
        name: row.origin,
        copied: row.size <= limit,
      }
    }
    const last = page.at(-1)!
    after = [last.paper_id, last.file_id]
  }

  const statuses = db.prepare<
    [string, number],
    Keyed & {
      gid: string
      hlc: string
      from_status: ReadingStatus
      to_status: ReadingStatus
      changed_at: number
    }
  >(`
    SELECT c.gid, c.hlc, h.from_status, h.to_status, h.changed_at, p.arxiv_id, p.title_key
    FROM sync_status_changes c JOIN status_history h ON h.id = c.history_id
      JOIN papers p ON p.id = c.paper_id
    WHERE c.gid > ? ORDER BY c.gid LIMIT ?`)
  yield* pages(
    statuses,
    '',
    (row) => row.gid,
    (row) => ({
      kind: 'status',
      id: row.gid,
      hlc: row.hlc,
      paper: keyOf(row),
      from: row.from_status,
      to: row.to_status,
      at: row.changed_at,
    }),
  )

  const tags = db.prepare<
    [number, string, number],
    Keyed & { paper_id: number; name_key: string; name: string; present: 0 | 1; hlc: string }
  >(`
    SELECT c.paper_id, c.name_key, c.name, c.present, c.hlc, p.arxiv_id, p.title_key
    FROM sync_tag_clocks c JOIN papers p ON p.id = c.paper_id
    WHERE (c.paper_id, c.name_key) > (?, ?) ORDER BY c.paper_id, c.name_key LIMIT ?`)
  for (let after: [number, string] = [0, '']; ;) {
    const page = tags.all(...after, PAGE)
    if (page.length === 0) break
    for (const row of page) {
      yield {
        kind: 'tag',
        id: entryId(),
        hlc: row.hlc,
        paper: keyOf(row),
        name: row.name,
        present: row.present === 1,
      }
    }
    const last = page.at(-1)!
    after = [last.paper_id, last.name_key]
  }

  const notes = db.prepare<
    [string, number],
    Keyed & { gid: string; parents: string; body: string; hlc: string }
  >(`
    SELECT v.gid, v.parents, v.body, v.hlc, p.arxiv_id, p.title_key
    FROM sync_note_versions v JOIN papers p ON p.id = v.paper_id
    WHERE v.gid > ? ORDER BY v.gid LIMIT ?`)
  yield* pages(
    notes,
    '',
    (row) => row.gid,
    (row) => ({
      kind: 'note',
      id: row.gid,
      hlc: row.hlc,
      paper: keyOf(row),
      parents: parsed<string[]>(row.parents, []),
      body: row.body,
    }),
  )

  // A highlight's or annotation's paper: the one sync remembers, else its row's.
  const records = db.prepare<
    [string, number],
    {
      gid: string
      type: RecordType
      fields: string
      clocks: string
      arxiv_id: string | null
      title_key: string | null
    }
  >(`
    SELECT r.gid, r.type, r.fields, r.clocks, p.arxiv_id, p.title_key
    FROM sync_records r
      LEFT JOIN highlights h ON r.type = 'highlight' AND h.id = r.local_id
      LEFT JOIN pdf_annotations a ON r.type = 'annotation' AND a.id = r.local_id
      LEFT JOIN papers p ON p.id = coalesce(r.paper_id, h.paper_id, a.paper_id)
    WHERE r.gid > ? ORDER BY r.gid LIMIT ?`)
  for (let after = ''; ;) {
    const page = records.all(after, PAGE)
    if (page.length === 0) break
    for (const row of page) {
      const ofPaper = row.type === 'highlight' || row.type === 'annotation'
      // Without its paper, a highlight's or annotation's operation cannot be written.
      if (ofPaper && row.title_key === null) continue
      const clocks = parsed<Record<string, string>>(row.clocks, {})
      yield {
        kind: 'record',
        id: row.gid,
        hlc: Object.values(clocks).reduce<string | null>(maxHlc, null) ?? hlc,
        type: row.type,
        paper: ofPaper ? { arxivId: row.arxiv_id, titleKey: row.title_key! } : null,
        fields: parsed<Record<string, unknown>>(row.fields, {}),
        clocks,
      }
    }
    after = page.at(-1)!.gid
  }
}

/** Every row of a statement paged by one text key, each as an entry. */
function* pages<Row>(
  statement: { all: (after: string, limit: number) => Row[] },
  start: string,
  keyOfRow: (row: Row) => string,
  entry: (row: Row) => OpBody,
): Generator<OpBody> {
  for (let after = start; ;) {
    const page = statement.all(after, PAGE)
    if (page.length === 0) return
    for (const row of page) yield entry(row)
    after = keyOfRow(page.at(-1)!)
  }
}
