import type { Database } from 'better-sqlite3'

// The colours are spelled out rather than read from HIGHLIGHT_COLORS: a shipped migration must
// not change when the app's constants do.
export function migration0002Highlights(db: Database): void {
  db.exec(`
    CREATE TABLE highlights (
      id INTEGER PRIMARY KEY,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      quote TEXT NOT NULL CHECK (quote <> ''),
      prefix TEXT NOT NULL,
      suffix TEXT NOT NULL,
      start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
      end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
      color TEXT NOT NULL CHECK (color IN ('yellow', 'green', 'blue', 'pink')),
      comment TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX highlights_paper ON highlights (paper_id);
  `)
}
