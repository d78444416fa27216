import type { Database } from 'better-sqlite3'

/**
 * What the library follows while online. A subscription is the Hugging Face daily papers list
 * (`hf-daily`) or an arXiv category or API query (`arxiv`, its text in `query`), fetched from
 * `since` on. `cursor` is how far it got (hf-daily: the last day fetched; arxiv: the newest
 * submission time seen, ISO); the last success, the last failure (a sentence) and when the next
 * attempt is due are kept so the window can say them after a restart.
 *
 * `http_validators` remembers each URL's ETag and Last-Modified for conditional requests.
 * A saved search can carry a rule that acts on new papers matching it as they arrive: add a
 * tag, set To read, queue the PDF download.
 */
export function migration0011Subscriptions(db: Database): void {
  db.exec(`
    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('hf-daily', 'arxiv')),
      query TEXT CHECK ((kind = 'arxiv') = (query IS NOT NULL AND query <> '')),
      since TEXT NOT NULL,
      cursor TEXT,
      created_at INTEGER NOT NULL,
      last_success_at INTEGER,
      last_failure TEXT,
      last_failure_at INTEGER,
      next_attempt_at INTEGER
    );
    CREATE UNIQUE INDEX subscriptions_unique ON subscriptions (kind, coalesce(query, ''));

    CREATE TABLE http_validators (
      url TEXT PRIMARY KEY,
      etag TEXT,
      last_modified TEXT,
      updated_at INTEGER NOT NULL
    );

    ALTER TABLE saved_searches ADD COLUMN rule_tag TEXT;
    ALTER TABLE saved_searches ADD COLUMN rule_to_read INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE saved_searches ADD COLUMN rule_download INTEGER NOT NULL DEFAULT 0;
  `)
}
