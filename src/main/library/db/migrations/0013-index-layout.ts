import type { Database } from 'better-sqlite3'
import type { MigrationProgress } from './progress'

/** A bulk write is under way: the triggers queue papers instead of indexing them (see below). */
const DEFERRING = 'EXISTS (SELECT 1 FROM index_deferral)'
const NOT_DEFERRING = `NOT ${DEFERRING}`

/**
 * Papers added by a bulk write that dropped the triggers on inserts into papers (their ids are
 * above `new_after`, see search/bulkIndexing.ts): not queued yet, and no index holds them.
 */
function addedUnqueued(id: string): string {
  return `EXISTS (SELECT 1 FROM index_deferral WHERE ${id} > new_after)`
}

/** Paper `id` is queued or about to be: its index entry is already taken out, or it has none yet. */
function queued(id: string): string {
  return `(EXISTS (SELECT 1 FROM index_queue WHERE paper_id = ${id}) OR ${addedUnqueued(id)})`
}

/** Paper `id` was added during the bulk write under way: no index holds it yet. */
function pendingNew(id: string): string {
  return `(EXISTS (SELECT 1 FROM index_queue WHERE paper_id = ${id} AND is_new) OR ${addedUnqueued(id)})`
}

const SEARCH_COLUMNS = 'title, abstract, notes, tags'
const NOTE_PRESENT = 'EXISTS (SELECT 1 FROM notes WHERE paper_id = new.paper_id)'
const TAG_PRESENT =
  'EXISTS (SELECT 1 FROM paper_tags WHERE paper_id = new.paper_id AND tag_id = new.tag_id)'

/**
 * Paper `id`'s text changes with `event` on `table`. Before it, the paper's entry is taken out
 * of paper_search with the text it was indexed with (the view still shows it) and the paper is
 * queued, unless it is queued already (taken out, or not indexed yet: an upsert fires the
 * insert's and the update's triggers, a paper may change twice in a bulk write). After it, the
 * paper is indexed with its new text and leaves the queue, unless a bulk write is under way:
 * then it stays queued for the bulk write's end. `unlessPresent`: the row an insert would add
 * is there already, so an INSERT OR IGNORE will skip it and fire no AFTER trigger (the BEFORE
 * trigger fires all the same) or an upsert will update it (whose triggers do the work). A tag
 * renamed onto another tag's name is refused or ignored likewise: its BEFORE trigger waits for
 * a rename that will happen.
 */
function textChange(
  name: string,
  event: string,
  table: string,
  id: string,
  unlessPresent = 'FALSE',
): string {
  return `
    CREATE TRIGGER ${name}_before BEFORE ${event} ON ${table}
    WHEN NOT ${queued(id)} AND NOT ${unlessPresent} BEGIN
      INSERT INTO paper_search (paper_search, rowid, ${SEARCH_COLUMNS})
      SELECT 'delete', id, ${SEARCH_COLUMNS} FROM paper_search_source WHERE id = ${id};
      INSERT INTO index_queue (paper_id, is_new) VALUES (${id}, 0);
    END;
    CREATE TRIGGER ${name} AFTER ${event} ON ${table} WHEN ${NOT_DEFERRING} BEGIN
      INSERT INTO paper_search (rowid, ${SEARCH_COLUMNS})
      SELECT id, ${SEARCH_COLUMNS} FROM paper_search_source WHERE id = ${id};
      DELETE FROM index_queue WHERE paper_id = ${id};
    END;`
}

/** Papers whose full text the rebuild writes per transaction step, between progress reports. */
const REBUILD_STEP = 5_000

/**
 * The full-text indexes read their text from the tables that hold it instead of keeping a copy,
 * and bulk writes feed them once per transaction instead of once per row:
 *
 * - `paper_search` reads its text from the view `paper_search_source` (external content):
 *   before a change the paper's entry is deleted with the text the view still shows, after it
 *   the new text is indexed (textChange). A contentless table would need no old text, but FTS5
 *   never takes a contentless row's deletion out of the totals bm25 ranks by, so ranking drifted
 *   with every note saved. Without prefix indexes: a word being typed is searched as its
 *   completions from the vocabulary (matchExpression.ts); they tripled the index's size and
 *   its writing time.
 * - `paper_titles` keeps reading titles from papers (external content), without prefix indexes.
 * - While `index_deferral` holds a row (only inside a bulk write's transaction, see
 *   search/bulkIndexing.ts), the triggers leave the papers touched in `index_queue` (is_new:
 *   added during it, so no index holds them yet; else taken out of paper_search) and the bulk
 *   write indexes them all before it commits. A bulk write that only adds papers may drop the
 *   triggers on inserts into papers while it runs (their cost per row is most of an import's):
 *   `new_after` then says which papers it added. Otherwise every write indexes at once, as before. Either way a committed library
 *   never has a stale index.
 * - `papers_status` and the three indexes of one status's list orders go: each order's index
 *   holds the status last, so a status's list is read from it in order, skipping the others'
 *   papers (the Inbox, most of a library, reads as fast; a status of a few papers reads the
 *   whole index, ~3 MB at 100,000 papers, instead of its part). A fifth of the indexes' size.
 * - The indexes of the list's orders hold each column the other way round and are read
 *   backwards (the list asks newest first): a paper of a newer digest, the usual import, is then
 *   appended at their end, which packs their pages, instead of going in at their start, which
 *   split pages and left half of each empty. The rowid that ends each index, read backwards,
 *   makes the last tie-break the newest id (no two listed papers tie before it: a digest's date
 *   and a position in it are one paper's).
 * - A paper with no categories skips the categories trigger (most digests name none).
 * - `papers_title_key` indexes the first 32 characters of the key instead of all of it (a third
 *   of its size): papers whose keys begin alike are few, and the lookup compares the whole key
 *   of each (TITLE_KEY_MATCH in papers.repo.ts).
 */
export function migration0013IndexLayout(db: Database, progress: MigrationProgress): void {
  db.exec(`
    DROP TABLE paper_search_terms;
    DROP TABLE paper_search;
    DROP TABLE paper_titles;
    DROP INDEX papers_status;
    DROP INDEX papers_title_key;
    DROP INDEX papers_listed;
    DROP INDEX papers_status_listed;
    DROP INDEX papers_published;
    DROP INDEX papers_status_published;
    DROP INDEX papers_upvotes;
    DROP INDEX papers_status_upvotes;
    DROP TRIGGER paper_categories_insert;
    DROP TRIGGER paper_search_paper_insert;
    DROP TRIGGER paper_search_paper_update;
    DROP TRIGGER paper_search_paper_delete;
    DROP TRIGGER paper_search_note_insert;
    DROP TRIGGER paper_search_note_update;
    DROP TRIGGER paper_search_note_delete;
    DROP TRIGGER paper_search_highlight_insert;
    DROP TRIGGER paper_search_highlight_update;
    DROP TRIGGER paper_search_highlight_delete;
    DROP TRIGGER paper_search_annotation_insert;
    DROP TRIGGER paper_search_annotation_update;
    DROP TRIGGER paper_search_annotation_delete;
    DROP TRIGGER paper_search_tag_attach;
    DROP TRIGGER paper_search_tag_detach;
    DROP TRIGGER paper_search_tag_rename;
    DROP TRIGGER paper_titles_insert;
    DROP TRIGGER paper_titles_update;
    DROP TRIGGER paper_titles_delete;
    DROP TRIGGER paper_authors_insert;
    DROP TRIGGER paper_authors_update;
    DROP TRIGGER paper_authors_delete;

    CREATE TABLE index_deferral (
      deferring INTEGER PRIMARY KEY CHECK (deferring = 1),
      new_after INTEGER
    );
    CREATE TABLE index_queue (
      paper_id INTEGER PRIMARY KEY,
      is_new INTEGER NOT NULL
    );

    CREATE VIRTUAL TABLE paper_search USING fts5(
      title, abstract, notes, tags,
      content = 'paper_search_source', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE paper_search_terms USING fts5vocab(paper_search, 'row');
    CREATE VIRTUAL TABLE paper_titles USING fts5(
      title,
      content = 'papers', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE INDEX papers_title_key ON papers (substr(title_key, 1, 32));
    CREATE INDEX papers_listed ON papers (listed_date, listed_position DESC, status);
    CREATE INDEX papers_published ON papers (
      published_at IS NULL DESC, published_at, listed_date, listed_position DESC, status);
    CREATE INDEX papers_upvotes ON papers (
      upvotes IS NULL DESC, upvotes, listed_date, listed_position DESC, status);

    CREATE TRIGGER paper_categories_insert AFTER INSERT ON papers WHEN new.categories <> '[]'
    BEGIN
      INSERT OR IGNORE INTO paper_categories (category, paper_id)
        SELECT value, new.id FROM json_each(new.categories);
    END;
  `)
  rebuildIndexes(db, progress)
  db.exec(`
    CREATE TRIGGER paper_index_insert AFTER INSERT ON papers WHEN ${NOT_DEFERRING} BEGIN
      INSERT INTO paper_search (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source WHERE id = new.id;
      INSERT INTO paper_titles (rowid, title) VALUES (new.id, new.title);
      INSERT INTO paper_authors (rowid, authors) VALUES (new.id, new.authors);
    END;
    CREATE TRIGGER paper_index_insert_queued AFTER INSERT ON papers WHEN ${DEFERRING} BEGIN
      INSERT INTO index_queue (paper_id, is_new) VALUES (new.id, 1)
        ON CONFLICT DO UPDATE SET is_new = 1;
    END;
    ${textChange('paper_search_paper_update', 'UPDATE OF title, abstract', 'papers', 'new.id')}
    CREATE TRIGGER paper_titles_update AFTER UPDATE OF title ON papers
    WHEN NOT ${pendingNew('new.id')} BEGIN
      INSERT INTO paper_titles (paper_titles, rowid, title) VALUES ('delete', old.id, old.title);
      INSERT INTO paper_titles (rowid, title) VALUES (new.id, new.title);
    END;
    CREATE TRIGGER paper_authors_update AFTER UPDATE OF authors ON papers
    WHEN NOT ${pendingNew('new.id')} BEGIN
      INSERT INTO paper_authors (paper_authors, rowid, authors) VALUES ('delete', old.id, old.authors);
      INSERT INTO paper_authors (rowid, authors) VALUES (new.id, new.authors);
    END;
    CREATE TRIGGER paper_index_delete_before BEFORE DELETE ON papers
    WHEN NOT ${queued('old.id')} BEGIN
      INSERT INTO paper_search (paper_search, rowid, ${SEARCH_COLUMNS})
      SELECT 'delete', id, ${SEARCH_COLUMNS} FROM paper_search_source WHERE id = old.id;
      INSERT INTO index_queue (paper_id, is_new) VALUES (old.id, 0);
    END;
    CREATE TRIGGER paper_index_delete AFTER DELETE ON papers BEGIN
      INSERT INTO paper_titles (paper_titles, rowid, title)
        SELECT 'delete', old.id, old.title WHERE NOT ${pendingNew('old.id')};
      INSERT INTO paper_authors (paper_authors, rowid, authors)
        SELECT 'delete', old.id, old.authors WHERE NOT ${pendingNew('old.id')};
      DELETE FROM index_queue WHERE paper_id = old.id;
    END;

    ${textChange('paper_search_note_insert', 'INSERT', 'notes', 'new.paper_id', NOTE_PRESENT)}
    ${textChange('paper_search_note_update', 'UPDATE', 'notes', 'new.paper_id')}
    ${textChange('paper_search_note_delete', 'DELETE', 'notes', 'old.paper_id')}
    ${textChange('paper_search_highlight_insert', 'INSERT', 'highlights', 'new.paper_id')}
    ${textChange('paper_search_highlight_update', 'UPDATE OF quote, comment', 'highlights', 'new.paper_id')}
    ${textChange('paper_search_highlight_delete', 'DELETE', 'highlights', 'old.paper_id')}
    ${textChange('paper_search_annotation_insert', 'INSERT', 'pdf_annotations', 'new.paper_id')}
    ${textChange('paper_search_annotation_update', 'UPDATE OF quote, comment', 'pdf_annotations', 'new.paper_id')}
    ${textChange('paper_search_annotation_delete', 'DELETE', 'pdf_annotations', 'old.paper_id')}
    ${textChange('paper_search_tag_attach', 'INSERT', 'paper_tags', 'new.paper_id', TAG_PRESENT)}
    ${textChange('paper_search_tag_detach', 'DELETE', 'paper_tags', 'old.paper_id')}

    CREATE TRIGGER paper_search_tag_rename_before BEFORE UPDATE OF name ON tags
    WHEN NOT EXISTS (SELECT 1 FROM tags WHERE name = new.name AND id <> old.id) BEGIN
      INSERT INTO paper_search (paper_search, rowid, ${SEARCH_COLUMNS})
      SELECT 'delete', s.id, s.title, s.abstract, s.notes, s.tags
      FROM paper_tags pt CROSS JOIN paper_search_source s ON s.id = pt.paper_id
      WHERE pt.tag_id = old.id AND NOT ${queued('pt.paper_id')};
      INSERT INTO index_queue (paper_id, is_new)
        SELECT paper_id, 0 FROM paper_tags WHERE tag_id = old.id ORDER BY paper_id
        ON CONFLICT DO NOTHING;
    END;
    CREATE TRIGGER paper_search_tag_rename AFTER UPDATE OF name ON tags WHEN ${NOT_DEFERRING} BEGIN
      INSERT INTO paper_search (rowid, ${SEARCH_COLUMNS})
      SELECT s.id, s.title, s.abstract, s.notes, s.tags
      FROM paper_tags pt CROSS JOIN paper_search_source s ON s.id = pt.paper_id
      WHERE pt.tag_id = new.id;
      DELETE FROM index_queue WHERE paper_id IN (SELECT paper_id FROM paper_tags WHERE tag_id = new.id);
    END;
  `)
}

/**
 * Writes every paper into the new paper_search and paper_titles (paper_authors is kept), in
 * steps of REBUILD_STEP papers with a progress report after each.
 */
function rebuildIndexes(db: Database, progress: MigrationProgress): void {
  const total = db.prepare<[], number>('SELECT count(*) FROM papers').pluck().get() ?? 0
  const step = db.prepare<[number, number], never>(`
    INSERT INTO paper_search (rowid, title, abstract, notes, tags)
    SELECT id, title, abstract, notes, tags FROM paper_search_source
    WHERE id > ? ORDER BY id LIMIT ?`)
  const lastOfStep = db.prepare<[number, number], number>(
    'SELECT max(id) FROM (SELECT id FROM papers WHERE id > ? ORDER BY id LIMIT ?)',
  )
  let after = 0
  let done = 0
  progress(0, total)
  while (done < total) {
    const last = lastOfStep.pluck().get(after, REBUILD_STEP)
    if (last === null || last === undefined) break
    step.run(after, REBUILD_STEP)
    done = Math.min(total, done + REBUILD_STEP)
    after = last
    progress(done, total)
  }
  db.exec("INSERT INTO paper_titles (paper_titles) VALUES ('rebuild')")
}
