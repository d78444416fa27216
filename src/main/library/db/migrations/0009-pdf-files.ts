import type { Database } from 'better-sqlite3'

/**
 * PDFs of papers. The bytes live beside the database in files/, named by their SHA-256; a row
 * of `pdf_files` is one distinct content, `paper_files` says which papers hold it (origin: the
 * arXiv URL with its version, or the attached file's name). Page text is stored once, in
 * `pdf_pages`; its full-text index reads it from there (external content), so the text is not
 * kept twice. `reading_positions` is where the reader was in a paper; `pdf_downloads` is the
 * persistent queue of arXiv downloads, and `settings` holds small app-wide values (the queue's
 * pause).
 */
export function migration0009PdfFiles(db: Database): void {
  db.exec(`
    CREATE TABLE pdf_files (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      page_count INTEGER NOT NULL,
      text_state TEXT NOT NULL DEFAULT 'pending'
        CHECK (text_state IN ('pending', 'done', 'failed')),
      text_problem TEXT,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE paper_files (
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      file_id INTEGER NOT NULL REFERENCES pdf_files (id),
      origin TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (paper_id, file_id)
    ) WITHOUT ROWID;
    CREATE INDEX paper_files_file ON paper_files (file_id);

    CREATE TABLE pdf_pages (
      id INTEGER PRIMARY KEY,
      file_id INTEGER NOT NULL REFERENCES pdf_files (id) ON DELETE CASCADE,
      page INTEGER NOT NULL,
      text TEXT NOT NULL,
      UNIQUE (file_id, page)
    );

    CREATE VIRTUAL TABLE pdf_page_search USING fts5(
      text,
      content = 'pdf_pages',
      content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER pdf_page_search_insert AFTER INSERT ON pdf_pages BEGIN
      INSERT INTO pdf_page_search (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER pdf_page_search_delete AFTER DELETE ON pdf_pages BEGIN
      INSERT INTO pdf_page_search (pdf_page_search, rowid, text) VALUES ('delete', old.id, old.text);
    END;

    CREATE TABLE reading_positions (
      paper_id INTEGER PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
      page INTEGER NOT NULL,
      page_offset REAL NOT NULL DEFAULT 0,
      page_count INTEGER NOT NULL,
      zoom TEXT NOT NULL DEFAULT 'fit-width',
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE pdf_downloads (
      id INTEGER PRIMARY KEY,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'done', 'failed', 'cancelled')),
      problem TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX pdf_downloads_state ON pdf_downloads (state, id);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `)
}
