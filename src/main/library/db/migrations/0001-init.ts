import type { Database } from 'better-sqlite3'

export function migration0001Init(db: Database): void {
  db.exec(`
    CREATE TABLE papers (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      abstract TEXT NOT NULL,
      title_key TEXT NOT NULL,
      arxiv_id TEXT UNIQUE,
      links TEXT NOT NULL DEFAULT '[]',
      submitted_by TEXT,
      author_count INTEGER,
      upvotes INTEGER,
      status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'to-read', 'reading', 'read', 'not-reading')),
      added_at INTEGER NOT NULL
    );
    CREATE INDEX papers_title_key ON papers (title_key);
    CREATE INDEX papers_status ON papers (status);

    CREATE TABLE import_files (
      id INTEGER PRIMARY KEY,
      file_name TEXT NOT NULL,
      content_hash TEXT NOT NULL UNIQUE,
      imported_at INTEGER NOT NULL
    );

    CREATE TABLE digests (
      id INTEGER PRIMARY KEY,
      date TEXT NOT NULL UNIQUE,
      source_file TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      imported_at INTEGER NOT NULL
    );

    CREATE TABLE digest_papers (
      digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      PRIMARY KEY (digest_id, paper_id)
    ) WITHOUT ROWID;
    CREATE INDEX digest_papers_paper ON digest_papers (paper_id);

    CREATE TABLE status_history (
      id INTEGER PRIMARY KEY,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      changed_at INTEGER NOT NULL
    );
    CREATE INDEX status_history_paper ON status_history (paper_id, changed_at);

    CREATE TABLE notes (
      paper_id INTEGER PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
      body TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );

    CREATE TABLE paper_tags (
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (paper_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX paper_tags_tag ON paper_tags (tag_id);
  `)
}
