import type { Database } from 'better-sqlite3'

/**
 * What the richer sources tell about a paper (authors and categories as JSON arrays, the day it
 * was published), which format each imported file was, and which files each paper came from
 * (provenance). Existing papers are traced to the file that created each digest they are in.
 */
export function migration0006Sources(db: Database): void {
  db.exec(`
    ALTER TABLE papers ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE papers ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE papers ADD COLUMN published_at TEXT;
    ALTER TABLE import_files ADD COLUMN source TEXT NOT NULL DEFAULT 'text-digest';

    CREATE TABLE paper_sources (
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      import_file_id INTEGER NOT NULL REFERENCES import_files (id) ON DELETE CASCADE,
      PRIMARY KEY (paper_id, import_file_id)
    ) WITHOUT ROWID;
    CREATE INDEX paper_sources_file ON paper_sources (import_file_id);

    INSERT OR IGNORE INTO paper_sources (paper_id, import_file_id)
      SELECT dp.paper_id, f.id FROM digest_papers dp
        JOIN digests d ON d.id = dp.digest_id
        JOIN import_files f ON f.content_hash = d.content_hash;
  `)
}
