import type { Database } from 'better-sqlite3'

/** Brings paper `id` up to date in the search index (the trigger bodies below). */
function reindex(id: string): string {
  return `
    DELETE FROM paper_search WHERE rowid = ${id};
    INSERT INTO paper_search (rowid, title, abstract, notes, tags)
    SELECT id, title, abstract, notes, tags FROM paper_search_source WHERE id = ${id};`
}

/**
 * The full-text index of papers (rowid = paper id), its vocabulary and saved searches. The
 * `notes` column holds the note and every highlight's quote and comment. Triggers keep the
 * index current on every write, so nothing ever rebuilds it.
 */
export function migration0003Search(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE paper_search USING fts5(
      title, abstract, notes, tags,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE VIRTUAL TABLE paper_search_terms USING fts5vocab(paper_search, 'row');

    CREATE VIEW paper_search_source AS
    SELECT p.id, p.title, p.abstract,
      trim(coalesce((SELECT body FROM notes WHERE paper_id = p.id), '') || ' ' || coalesce(
        (SELECT group_concat(quote || coalesce(' ' || comment, ''), ' ')
         FROM highlights WHERE paper_id = p.id), '')) AS notes,
      coalesce((SELECT group_concat(t.name, ' ') FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
                WHERE pt.paper_id = p.id), '') AS tags
    FROM papers p;

    INSERT INTO paper_search (rowid, title, abstract, notes, tags)
    SELECT id, title, abstract, notes, tags FROM paper_search_source;

    CREATE TRIGGER paper_search_paper_insert AFTER INSERT ON papers BEGIN ${reindex('new.id')} END;
    CREATE TRIGGER paper_search_paper_update AFTER UPDATE OF title, abstract ON papers
    BEGIN ${reindex('new.id')} END;
    CREATE TRIGGER paper_search_paper_delete AFTER DELETE ON papers
    BEGIN DELETE FROM paper_search WHERE rowid = old.id; END;

    CREATE TRIGGER paper_search_note_insert AFTER INSERT ON notes BEGIN ${reindex('new.paper_id')} END;
    CREATE TRIGGER paper_search_note_update AFTER UPDATE ON notes BEGIN ${reindex('new.paper_id')} END;
    CREATE TRIGGER paper_search_note_delete AFTER DELETE ON notes BEGIN ${reindex('old.paper_id')} END;

    CREATE TRIGGER paper_search_highlight_insert AFTER INSERT ON highlights
    BEGIN ${reindex('new.paper_id')} END;
    CREATE TRIGGER paper_search_highlight_update AFTER UPDATE OF quote, comment ON highlights
    BEGIN ${reindex('new.paper_id')} END;
    CREATE TRIGGER paper_search_highlight_delete AFTER DELETE ON highlights
    BEGIN ${reindex('old.paper_id')} END;

    CREATE TRIGGER paper_search_tag_attach AFTER INSERT ON paper_tags
    BEGIN ${reindex('new.paper_id')} END;
    CREATE TRIGGER paper_search_tag_detach AFTER DELETE ON paper_tags
    BEGIN ${reindex('old.paper_id')} END;
    CREATE TRIGGER paper_search_tag_rename AFTER UPDATE OF name ON tags BEGIN
      DELETE FROM paper_search WHERE rowid IN (SELECT paper_id FROM paper_tags WHERE tag_id = new.id);
      INSERT INTO paper_search (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source
      WHERE id IN (SELECT paper_id FROM paper_tags WHERE tag_id = new.id);
    END;

    CREATE TABLE saved_searches (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      query TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
  `)
}
