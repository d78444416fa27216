import type { Database } from 'better-sqlite3'

/**
 * A full-text index of titles alone, read from papers (external content). Search lists title
 * matches first; asking the full index for them with a column filter reads every abstract match
 * of the words, while this index holds only the short title lists.
 */
export function migration0005TitleSearch(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE paper_titles USING fts5(
      title,
      content = 'papers', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    INSERT INTO paper_titles (paper_titles) VALUES ('rebuild');

    CREATE TRIGGER paper_titles_insert AFTER INSERT ON papers BEGIN
      INSERT INTO paper_titles (rowid, title) VALUES (new.id, new.title);
    END;
    CREATE TRIGGER paper_titles_update AFTER UPDATE OF title ON papers BEGIN
      INSERT INTO paper_titles (paper_titles, rowid, title) VALUES ('delete', old.id, old.title);
      INSERT INTO paper_titles (rowid, title) VALUES (new.id, new.title);
    END;
    CREATE TRIGGER paper_titles_delete AFTER DELETE ON papers BEGIN
      INSERT INTO paper_titles (paper_titles, rowid, title) VALUES ('delete', old.id, old.title);
    END;
  `)
}
