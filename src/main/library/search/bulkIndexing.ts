import type { Db } from '../db/openLibrary'
import { preparedOnce } from '../db/preparedOnce'

const statementsOf = preparedOnce((db: Db) => ({
  deferring: db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM index_deferral)').pluck(),
  defer: db.prepare<[], never>('INSERT INTO index_deferral (deferring) VALUES (1)'),
  undefer: db.prepare<[], never>('DELETE FROM index_deferral'),
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

/**
 * Runs `write`, a bulk write (an import's commit slice, a JSON export loading, a sync batch),
 * with the full-text indexes fed once at its end, as one INSERT … SELECT per index in rowid
 * order, instead of by a trigger per row: the triggers only queue the papers it touches, having
 * taken the changed ones' old entries out (migration 0013). All in one transaction (a savepoint of the caller's): what `write` wrote and
 * its index entries commit together or not at all, so no search ever sees one without the
 * other. Nested inside another, it leaves the indexing to the outer one.
 */
export function withBulkIndexing<T>(db: Db, write: () => T): T {
  const s = statementsOf(db)
  return db.transaction(() => {
    if (s.deferring.get() === 1) return write()
    s.defer.run()
    const result = write()
    s.indexText.run()
    s.indexTitles.run()
    s.indexAuthors.run()
    s.clear.run()
    s.undefer.run()
    return result
  })()
}
