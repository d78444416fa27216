import type { Db } from '../db/openLibrary'
import { preparedOnce } from '../db/preparedOnce'

/**
 * The triggers on inserts into papers, whose work a bulk write that adds many papers does
 * itself, once for all of them (addedPapers below), instead of once per paper: with any
 * trigger on papers SQLite spends ~25 µs more on each insert of a paper's ~2 KB row (100,000
 * inserts: 1.9 s without a trigger, 3.7 s with one whose WHEN is false, 4.2 s with these four).
 */
export const PAPER_INSERT_TRIGGERS = [
  'paper_index_insert',
  'paper_index_insert_queued',
  'paper_categories_insert',
  'sync_capture_paper_insert',
] as const

const statementsOf = preparedOnce((db: Db) => ({
  defer: db.prepare<[], never>('INSERT INTO index_deferral (deferring) VALUES (1)'),
  undefer: db.prepare<[], never>('DELETE FROM index_deferral'),
  lastPaper: db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM papers').pluck(),
  markAdded: db.prepare<[number], never>('UPDATE index_deferral SET new_after = ?'),
  triggerNames: db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
    .pluck(),
  insertTriggers: db.prepare<[], { name: string; sql: string }>(`
    SELECT name, sql FROM sqlite_schema
    WHERE type = 'trigger' AND tbl_name = 'papers' AND sql LIKE '%INSERT ON papers%'
    ORDER BY name`),
  // What PAPER_INSERT_TRIGGERS do, for every paper after `after`.
  queueAdded: db.prepare<[number], never>(`
    INSERT INTO index_queue (paper_id, is_new) SELECT id, 1 FROM papers WHERE id > ? ORDER BY id
    ON CONFLICT DO UPDATE SET is_new = 1`),
  categorizeAdded: db.prepare<[number], never>(`
    INSERT OR IGNORE INTO paper_categories (category, paper_id)
    SELECT c.value, p.id FROM papers p, json_each(p.categories) c
    WHERE p.id > ? AND p.categories <> '[]'`),
  captureAdded: db.prepare<[number], never>(`
    INSERT INTO sync_pending (entity, ref)
    SELECT 'paper', id FROM papers
    WHERE id > ? AND EXISTS (SELECT 1 FROM sync_device) AND NOT EXISTS (SELECT 1 FROM sync_applying)
    ORDER BY id ON CONFLICT DO NOTHING`),
  // In rowid order: FTS5 appends to the index it builds in memory instead of starting anew.
  indexText: db.prepare<[], never>(`
    INSERT INTO paper_search (rowid, title, abstract, notes, tags)
    SELECT s.id, s.title, s.abstract, s.notes, s.tags
    FROM index_queue q CROSS JOIN paper_search_source s ON s.id = q.paper_id
    ORDER BY q.paper_id`),
  indexTitles: db.prepare<[], never>(`
    INSERT INTO paper_titles (rowid, title)
    SELECT p.id, p.title FROM index_queue q CROSS JOIN papers p ON p.id = q.paper_id
    WHERE q.is_new ORDER BY q.paper_id`),
  indexAuthors: db.prepare<[], never>(`
    INSERT INTO paper_authors (rowid, authors)
    SELECT p.id, p.authors FROM index_queue q CROSS JOIN papers p ON p.id = q.paper_id
    WHERE q.is_new ORDER BY q.paper_id`),
  clear: db.prepare<[], never>('DELETE FROM index_queue'),
}))

type Statements = ReturnType<typeof statementsOf>

/** What a bulk write can tell withBulkIndexing while it runs. */
export interface BulkWrite {
  /**
   * Papers are about to be added (any number), and none deleted until the write ends: the
   * triggers on inserts into papers are dropped until then and their work done for all the
   * papers added at the end (the papers after the largest id before: SQLite numbers an added
   * row one past the largest). Once is enough; call it outside a savepoint the write may roll
   * back, else the triggers come back with the rollback and the papers after it pay for them.
   */
  addingPapers: () => void
}

/** The bulk write under way on each connection, which a nested one joins. */
const underWay = new WeakMap<Db, BulkWrite & { finish: () => void }>()

/**
 * Runs `write`, a bulk write (an import's commit slice, a JSON export loading, a sync batch),
 * with the full-text indexes fed once at its end, as one INSERT … SELECT per index in rowid
 * order, instead of by a trigger per row: the triggers only queue the papers it touches, having
 * taken the changed ones' old entries out (migration 0013). All in one transaction (a savepoint
 * of the caller's): what `write` wrote and its index entries commit together or not at all, so
 * no search ever sees one without the other; dropped triggers are back before it commits.
 * Nested inside another, it leaves the indexing to the outer one.
 */
export function withBulkIndexing<T>(db: Db, write: (bulk: BulkWrite) => T): T {
  const s = statementsOf(db)
  return db.transaction(() => {
    const outer = underWay.get(db)
    if (outer) return write(outer)
    s.defer.run()
    const bulk = papersAdded(db, s)
    underWay.set(db, bulk)
    try {
      const result = write(bulk)
      bulk.finish()
      s.indexText.run()
      s.indexTitles.run()
      s.indexAuthors.run()
      s.clear.run()
      s.undefer.run()
      return result
    } finally {
      underWay.delete(db)
    }
  })()
}

/**
 * addingPapers drops PAPER_INSERT_TRIGGERS (only when the schema's triggers on inserts into
 * papers are exactly those, so a trigger added later is never skipped); finish puts back any
 * missing and does their work for the papers added since.
 */
function papersAdded(db: Db, s: Statements): BulkWrite & { finish: () => void } {
  let after: number | null = null
  let dropped: Array<{ name: string; sql: string }> = []
  return {
    addingPapers: () => {
      if (after !== null) return
      after = s.lastPaper.get() ?? 0
      // The other triggers (a note, a tag of a paper added here) know these papers have no entry.
      s.markAdded.run(after)
      const triggers = s.insertTriggers.all()
      const known = new Set<string>(PAPER_INSERT_TRIGGERS)
      if (triggers.length !== known.size || triggers.some(({ name }) => !known.has(name))) return
      for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`)
      dropped = triggers
    },
    finish: () => {
      if (after === null) return
      const present = new Set(s.triggerNames.all())
      for (const { name, sql } of dropped) if (!present.has(name)) db.exec(sql)
      s.queueAdded.run(after)
      s.categorizeAdded.run(after)
      s.captureAdded.run(after)
    },
  }
}
