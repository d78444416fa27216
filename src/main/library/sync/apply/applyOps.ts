import type { Db } from '../../db/openLibrary'
import { validTagName } from '../../tags/tagName'
import type { ApplyResult, SyncContext } from '../contracts'
import type { OpBody, OpOf, PaperKey } from '../ops'
import { preparedOnce } from '../../db/preparedOnce'
import { withBulkIndexing } from '../../search/bulkIndexing'
import { createNoteApplier } from './applyNotes'
import { createPaperApplier } from './applyPaper'
import { createRecordApplier } from './records'

/**
 * What applying a batch did, and the operations it had to put aside: those about a paper this
 * library does not have (yet). Another device's operation can arrive before the `paper` operation
 * of the device that imported the paper; the caller keeps these and applies them again after
 * later batches (every rule here is order-free, so late is as good as on time).
 */
export interface AppliedOps extends ApplyResult {
  deferred: OpBody[]
}

function statements(db: Db) {
  return {
    markApplying: db.prepare<[], never>('INSERT OR IGNORE INTO sync_applying (busy) VALUES (1)'),
    unmarkApplying: db.prepare<[], never>('DELETE FROM sync_applying'),
    statusKnown: db
      .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM sync_status_changes WHERE gid = ?)')
      .pluck(),
    addHistory: db.prepare<[number, string, string, number], never>(
      'INSERT INTO status_history (paper_id, from_status, to_status, changed_at) VALUES (?, ?, ?, ?)',
    ),
    addStatusChange: db.prepare<[string, number, number, string], never>(
      'INSERT INTO sync_status_changes (gid, paper_id, history_id, hlc) VALUES (?, ?, ?, ?)',
    ),
    latestStatusClock: db
      .prepare<[number], string | null>(
        'SELECT max(hlc) FROM sync_status_changes WHERE paper_id = ?',
      )
      .pluck(),
    // A change made here that capture has not numbered yet: it will be later than all of these.
    localStatusPending: db
      .prepare<[number], number>(
        `
        SELECT EXISTS (SELECT 1 FROM status_history h WHERE h.paper_id = ? AND NOT EXISTS (
          SELECT 1 FROM sync_status_changes c WHERE c.history_id = h.id))`,
      )
      .pluck(),
    setStatus: db.prepare<[string, number, string], never>(
      'UPDATE papers SET status = ? WHERE id = ? AND status <> ?',
    ),
    tagClock: db.prepare<[number, string], { present: 0 | 1; hlc: string }>(
      'SELECT present, hlc FROM sync_tag_clocks WHERE paper_id = ? AND name_key = lower(?)',
    ),
    setTagClock: db.prepare<[number, string, string, number, string], never>(`
      INSERT INTO sync_tag_clocks (paper_id, name_key, name, present, hlc)
      VALUES (?, lower(?), ?, ?, ?)
      ON CONFLICT (paper_id, name_key) DO UPDATE SET
        name = excluded.name, present = excluded.present, hlc = excluded.hlc`),
    hasTag: db
      .prepare<[number, string], number>(
        `
        SELECT EXISTS (SELECT 1 FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
          WHERE pt.paper_id = ? AND t.name = ?)`,
      )
      .pluck(),
    tagsPending: db
      .prepare<[string], number>(
        "SELECT EXISTS (SELECT 1 FROM sync_pending WHERE entity = 'tags' AND ref = ?)",
      )
      .pluck(),
    createTag: db.prepare<[string], never>('INSERT OR IGNORE INTO tags (name) VALUES (?)'),
    attachTag: db.prepare<[number, string], never>(`
      INSERT OR IGNORE INTO paper_tags (paper_id, tag_id)
      SELECT ?, id FROM tags WHERE name = ?`),
    detachTag: db.prepare<[number, string], never>(
      'DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)',
    ),
    pdfFile: db.prepare<[string], number>('SELECT id FROM pdf_files WHERE sha256 = ?').pluck(),
    attachFile: db.prepare<[number, number, string, number], never>(
      'INSERT OR IGNORE INTO paper_files (paper_id, file_id, origin, added_at) VALUES (?, ?, ?, ?)',
    ),
    wantFile: db.prepare<[string, number, string, number, string | null], never>(`
      INSERT OR IGNORE INTO sync_wanted_files (sha256, paper_id, name, size, problem)
      VALUES (?, ?, ?, ?, ?)`),
  }
}
type Statements = ReturnType<typeof statements>

const statementsOf = preparedOnce(statements)

/** Whether a tag name is one this library could have made (else the operation is skipped). */
function acceptableTag(name: string): boolean {
  try {
    return validTagName(name) === name
  } catch {
    return false
  }
}

/**
 * Applies other devices' operations (or a snapshot's entries), per the merge rules of
 * docs/sync-format.md, inside the caller's transaction (or its own: a savepoint when nested),
 * with `sync_applying` holding a row so the capture triggers ignore these writes. Idempotent:
 * applying the same operations again, in any order, changes nothing. The clock moves past every
 * operation's. Operations about a paper this library lacks are returned in `deferred`.
 */
export function applyOps(ctx: SyncContext, ops: readonly OpBody[]): AppliedOps {
  const s = statementsOf(ctx.db)
  const batch = (some: readonly OpBody[]) =>
    ctx.db.transaction(() => {
      const marked = s.markApplying.run().changes > 0
      try {
        return withBulkIndexing(ctx.db, () => applyIn(ctx, s, some))
      } finally {
        if (marked) s.unmarkApplying.run()
      }
    })()
  try {
    return batch(ops)
  } catch (error) {
    if (!refused(error)) throw error
  }
  // An operation the library's constraints refuse (it passed the format's checks, yet something
  // here will not take it): the batch was rolled back; again one by one, and only that one is
  // skipped, so it never holds up the operations after it.
  const total = emptyResult()
  for (const op of ops) {
    try {
      const result = batch([op])
      for (const key of COUNTS) total[key] += result[key]
      total.deferred.push(...result.deferred)
    } catch (error) {
      if (!refused(error)) throw error
      total.skipped += 1
    }
  }
  return total
}

const COUNTS = [
  'applied',
  'papersAdded',
  'notesMerged',
  'conflicts',
  'skipped',
  'filesWanted',
] as const satisfies ReadonlyArray<keyof ApplyResult>

/** SQLite refused a row (a CHECK, UNIQUE, NOT NULL or trigger constraint): the data, not the disk. */
const refused = (error: unknown): boolean =>
  typeof (error as { code?: unknown })?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT')

const emptyResult = (): AppliedOps => ({
  applied: 0,
  papersAdded: 0,
  notesMerged: 0,
  conflicts: 0,
  skipped: 0,
  filesWanted: 0,
  deferred: [],
})

function applyIn(ctx: SyncContext, s: Statements, ops: readonly OpBody[]): AppliedOps {
  const result = emptyResult()
  const papers = createPaperApplier(ctx.db, ctx.paperKeys)
  const notes = createNoteApplier(ctx.db, ctx.now)
  const records = createRecordApplier(ctx.db)
  /** Paper keys found in this batch (a snapshot names each paper in several operations). */
  const found = new Map<string, number>()
  const paperOf = (key: PaperKey): number | null => {
    const text = `${key.arxivId ?? ''}\u0000${key.titleKey}`
    let id: number | null | undefined = found.get(text)
    if (id === undefined) {
      id = ctx.paperKeys.find(key)
      if (id !== null) found.set(text, id)
    }
    return id
  }
  const defer = (op: OpBody) => {
    result.skipped += 1
    result.deferred.push(op)
  }

  const apply: { [K in OpBody['kind']]: (op: OpOf<K>) => void } = {
    paper(op) {
      papers.apply(op)
      // Keys may have moved (an arXiv id learnt, a longer title): find again from here on.
      found.clear()
      result.applied += 1
    },

    status(op) {
      const paperId = paperOf(op.paper)
      if (paperId === null) return defer(op)
      result.applied += 1
      if (s.statusKnown.get(op.id) === 1) return
      const latest = s.latestStatusClock.get(paperId) ?? null
      const historyId = Number(s.addHistory.run(paperId, op.from, op.to, op.at).lastInsertRowid)
      s.addStatusChange.run(op.id, paperId, historyId, op.hlc)
      if ((latest === null || op.hlc > latest) && s.localStatusPending.get(paperId) !== 1) {
        s.setStatus.run(op.to, paperId, op.to)
      }
    },

    tag(op) {
      if (!acceptableTag(op.name)) {
        result.skipped += 1
        return
      }
      const paperId = paperOf(op.paper)
      if (paperId === null) return defer(op)
      result.applied += 1
      const clock = s.tagClock.get(paperId, op.name)
      if (clock && clock.hlc >= op.hlc) return
      const had = s.hasTag.get(paperId, op.name) === 1
      // Changed here and not yet sent: that change is the newer one, capture sends it next.
      const changedHere = s.tagsPending.get(String(paperId)) === 1 && had !== (clock?.present === 1)
      s.setTagClock.run(paperId, op.name, op.name, op.present ? 1 : 0, op.hlc)
      if (changedHere || had === op.present) return
      if (op.present) {
        s.createTag.run(op.name)
        s.attachTag.run(paperId, op.name)
      } else s.detachTag.run(paperId, op.name)
    },

    note(op) {
      const paperId = paperOf(op.paper)
      if (paperId === null) return defer(op)
      result.applied += 1
      notes.apply(op, paperId)
    },

    record(op) {
      let paperId: number | null = null
      if (op.paper !== null) {
        paperId = paperOf(op.paper)
        if (paperId === null) return defer(op)
      }
      result.applied += 1
      records.apply(op, paperId)
    },

    file(op) {
      const paperId = paperOf(op.paper)
      if (paperId === null) return defer(op)
      result.applied += 1
      const fileId = s.pdfFile.get(op.sha256)
      if (fileId !== undefined) {
        s.attachFile.run(paperId, fileId, op.name, ctx.now())
        return
      }
      const problem = op.copied
        ? null
        : `${op.name} is larger than the other device's size limit for copying PDFs into the sync folder; attach it there, or raise that device's limit.`
      result.filesWanted += s.wantFile.run(op.sha256, paperId, op.name, op.size, problem).changes
    },
  }

  for (const op of ops) {
    // Papers waiting to be inserted together go in before anything looks for a paper.
    if (op.kind !== 'paper') result.papersAdded += papers.flush()
    ctx.clock.receive(op.hlc)
    if (op.kind === 'record' && op.clocks) {
      for (const clock of Object.values(op.clocks)) ctx.clock.receive(clock)
    }
    ;(apply[op.kind] as (op: OpBody) => void)(op)
  }
  result.papersAdded += papers.flush()
  const noted = notes.finish()
  result.notesMerged = noted.merged
  result.conflicts = noted.conflicts
  records.finish()
  return result
}
