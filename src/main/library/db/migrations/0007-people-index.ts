import type { Database } from 'better-sqlite3'

/**
 * Indexes for the author: and cat: filters, which otherwise read every paper's JSON lists (a
 * rare name took 300 ms at 100,000 papers). Author names go into a trigram index (external
 * content on papers.authors, the JSON text as stored), which finds any part of a name of three
 * or more characters in any case. Categories get a table of (category, paper), so a category or
 * an archive (cs: every cs.*) is a range of its key.
 */
export function migration0007PeopleIndex(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE paper_authors USING fts5(
      authors,
      content = 'papers', content_rowid = 'id',
      tokenize = 'trigram'
    );
    INSERT INTO paper_authors (paper_authors) VALUES ('rebuild');

    CREATE TRIGGER paper_authors_insert AFTER INSERT ON papers BEGIN
      INSERT INTO paper_authors (rowid, authors) VALUES (new.id, new.authors);
    END;
    CREATE TRIGGER paper_authors_update AFTER UPDATE OF authors ON papers BEGIN
      INSERT INTO paper_authors (paper_authors, rowid, authors) VALUES ('delete', old.id, old.authors);
      INSERT INTO paper_authors (rowid, authors) VALUES (new.id, new.authors);
    END;
    CREATE TRIGGER paper_authors_delete AFTER DELETE ON papers BEGIN
      INSERT INTO paper_authors (paper_authors, rowid, authors) VALUES ('delete', old.id, old.authors);
    END;

    CREATE TABLE paper_categories (
      category TEXT NOT NULL COLLATE NOCASE,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      PRIMARY KEY (category, paper_id)
    ) WITHOUT ROWID;
    CREATE INDEX paper_categories_paper ON paper_categories (paper_id);
    INSERT OR IGNORE INTO paper_categories (category, paper_id)
      SELECT c.value, p.id FROM papers p, json_each(p.categories) c;

    CREATE TRIGGER paper_categories_insert AFTER INSERT ON papers BEGIN
      INSERT OR IGNORE INTO paper_categories (category, paper_id)
        SELECT value, new.id FROM json_each(new.categories);
    END;
    CREATE TRIGGER paper_categories_update AFTER UPDATE OF categories ON papers BEGIN
      DELETE FROM paper_categories WHERE paper_id = new.id;
      INSERT OR IGNORE INTO paper_categories (category, paper_id)
        SELECT value, new.id FROM json_each(new.categories);
    END;
  `)
}
