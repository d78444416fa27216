import type { Database } from 'better-sqlite3'

/**
 * Sync through a folder (docs/sync-format.md). Nothing here runs until sync is set up: the
 * triggers record what changed only while `sync_device` holds this library's device, and never
 * while remote operations are being applied (`sync_applying` holds a row inside that
 * transaction).
 *
 * - `sync_device`: this library's device (one row): its id, name, the folder, when it was set up.
 * - `sync_state`: small values (the last clock issued, the next operation number, the last
 *   pass, what the last pass saw).
 * - `sync_pending`: what changed locally since the last pass, one row per thing; a pass turns
 *   them into operations.
 * - `sync_outbox`: operations made but not yet known to be in the folder (crash-safe writing).
 * - `sync_peers`: every other device seen, and how far its operations have been applied.
 * - `sync_status_changes`: each status change's global id and clock (history is their union; the
 *   current status is the latest clock's).
 * - `sync_tag_clocks`: per paper and tag, whether it is on and the clock that said so.
 * - `sync_note_versions`: the versions of each note (a graph by parents) for three-way merges;
 *   `sync_note_conflicts`: papers whose note holds an unresolved merge conflict.
 * - `sync_records`: highlights, PDF annotations, saved searches and subscriptions by global id,
 *   with each field's last value and clock (a delete is the field `deleted`), and the paper of
 *   a highlight or annotation (its row may be gone).
 * - `sync_wanted_files`: attached PDFs another device announced that are not here yet.
 */
export function migration0012Sync(db: Database): void {
  db.exec(`
    CREATE TABLE sync_device (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      folder TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sync_applying (busy INTEGER PRIMARY KEY);
    CREATE TABLE sync_pending (
      entity TEXT NOT NULL,
      ref TEXT NOT NULL,
      PRIMARY KEY (entity, ref)
    ) WITHOUT ROWID;
    CREATE TABLE sync_outbox (
      seq INTEGER PRIMARY KEY,
      line TEXT NOT NULL
    );
    CREATE TABLE sync_peers (
      device TEXT PRIMARY KEY,
      name TEXT,
      applied_seq INTEGER NOT NULL DEFAULT 0,
      last_seen_at INTEGER,
      max_hlc TEXT
    );
    CREATE TABLE sync_status_changes (
      gid TEXT PRIMARY KEY,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      history_id INTEGER REFERENCES status_history (id) ON DELETE SET NULL,
      hlc TEXT NOT NULL
    );
    CREATE INDEX sync_status_changes_paper ON sync_status_changes (paper_id, hlc);
    CREATE UNIQUE INDEX sync_status_changes_history ON sync_status_changes (history_id);
    CREATE TABLE sync_tag_clocks (
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      name_key TEXT NOT NULL,
      name TEXT NOT NULL,
      present INTEGER NOT NULL,
      hlc TEXT NOT NULL,
      PRIMARY KEY (paper_id, name_key)
    ) WITHOUT ROWID;
    CREATE TABLE sync_note_versions (
      gid TEXT PRIMARY KEY,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      parents TEXT NOT NULL CHECK (json_valid(parents)),
      body TEXT NOT NULL,
      hlc TEXT NOT NULL
    );
    CREATE INDEX sync_note_versions_paper ON sync_note_versions (paper_id, hlc);
    CREATE TABLE sync_note_conflicts (
      paper_id INTEGER PRIMARY KEY REFERENCES papers (id) ON DELETE CASCADE,
      since INTEGER NOT NULL
    );
    CREATE TABLE sync_records (
      gid TEXT PRIMARY KEY,
      type TEXT NOT NULL
        CHECK (type IN ('highlight', 'annotation', 'savedSearch', 'subscription')),
      local_id INTEGER,
      paper_id INTEGER REFERENCES papers (id) ON DELETE CASCADE,
      fields TEXT NOT NULL CHECK (json_valid(fields)),
      clocks TEXT NOT NULL CHECK (json_valid(clocks))
    );
    CREATE UNIQUE INDEX sync_records_local ON sync_records (type, local_id);
    CREATE TABLE sync_wanted_files (
      sha256 TEXT NOT NULL,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      size INTEGER NOT NULL,
      problem TEXT,
      PRIMARY KEY (sha256, paper_id)
    ) WITHOUT ROWID;
  `)
  createCaptureTriggers(db)
}

/** The condition of every capture trigger: sync is set up, and this is not a remote change. */
const CAPTURING = `EXISTS (SELECT 1 FROM sync_device) AND NOT EXISTS (SELECT 1 FROM sync_applying)`

/**
 * One trigger that records `(entity, ref)` as changed. `ON CONFLICT DO NOTHING` rather than
 * `INSERT OR IGNORE`: when an upsert (a note saved again) fires the trigger, SQLite applies the
 * upsert's conflict rule to the trigger's statements, and OR IGNORE would fail.
 */
function capture(name: string, event: string, entity: string, ref: string, extra = ''): string {
  return `
    CREATE TRIGGER sync_capture_${name} ${event}
    WHEN ${CAPTURING}${extra} BEGIN
      INSERT INTO sync_pending (entity, ref) VALUES ('${entity}', ${ref}) ON CONFLICT DO NOTHING;
    END;`
}

function createCaptureTriggers(db: Database): void {
  const paperColumns =
    'title, abstract, arxiv_id, links, submitted_by, author_count, upvotes, authors, categories, published_at'
  db.exec(
    [
      // A paper as imports made it: its fields, its appearances in digests, its sources.
      capture('paper_insert', 'AFTER INSERT ON papers', 'paper', 'new.id'),
      capture('paper_update', `AFTER UPDATE OF ${paperColumns} ON papers`, 'paper', 'new.id'),
      capture('appearance', 'AFTER INSERT ON digest_papers', 'paper', 'new.paper_id'),
      capture('source', 'AFTER INSERT ON paper_sources', 'paper', 'new.paper_id'),
      capture('status', 'AFTER INSERT ON status_history', 'status', 'new.id'),
      capture('note_insert', 'AFTER INSERT ON notes', 'note', 'new.paper_id'),
      capture('note_update', 'AFTER UPDATE ON notes', 'note', 'new.paper_id'),
      capture('note_delete', 'AFTER DELETE ON notes', 'note', 'old.paper_id'),
      capture('tag_attach', 'AFTER INSERT ON paper_tags', 'tags', 'new.paper_id'),
      capture('tag_detach', 'AFTER DELETE ON paper_tags', 'tags', 'old.paper_id'),
      capture('highlight_insert', 'AFTER INSERT ON highlights', 'highlight', 'new.id'),
      capture('highlight_update', 'AFTER UPDATE ON highlights', 'highlight', 'new.id'),
      capture('highlight_delete', 'AFTER DELETE ON highlights', 'highlight', 'old.id'),
      capture('annotation_insert', 'AFTER INSERT ON pdf_annotations', 'annotation', 'new.id'),
      capture('annotation_update', 'AFTER UPDATE ON pdf_annotations', 'annotation', 'new.id'),
      capture('annotation_delete', 'AFTER DELETE ON pdf_annotations', 'annotation', 'old.id'),
      capture(
        'annotation_image',
        'AFTER INSERT ON pdf_annotation_images',
        'annotation',
        'new.annotation_id',
      ),
      capture(
        'annotation_image_update',
        'AFTER UPDATE ON pdf_annotation_images',
        'annotation',
        'new.annotation_id',
      ),
      capture('search_insert', 'AFTER INSERT ON saved_searches', 'savedSearch', 'new.id'),
      capture('search_update', 'AFTER UPDATE ON saved_searches', 'savedSearch', 'new.id'),
      capture('search_delete', 'AFTER DELETE ON saved_searches', 'savedSearch', 'old.id'),
      capture('subscription_insert', 'AFTER INSERT ON subscriptions', 'subscription', 'new.id'),
      // Only what the person chose; the fetch state (cursor, failures) is each device's own.
      capture(
        'subscription_update',
        'AFTER UPDATE OF kind, query, since ON subscriptions',
        'subscription',
        'new.id',
      ),
      capture('subscription_delete', 'AFTER DELETE ON subscriptions', 'subscription', 'old.id'),
      // Attached files only: a download's origin is its URL, and each device downloads its own.
      capture(
        'file',
        'AFTER INSERT ON paper_files',
        'file',
        `new.paper_id || ':' || new.file_id`,
        ` AND new.origin NOT LIKE 'http://%' AND new.origin NOT LIKE 'https://%'`,
      ),
      // A tag renamed or deleted changes the tags of every paper that carries it.
      `CREATE TRIGGER sync_capture_tag_rename AFTER UPDATE OF name ON tags
       WHEN ${CAPTURING} BEGIN
         INSERT INTO sync_pending (entity, ref)
         SELECT 'tags', paper_id FROM paper_tags WHERE tag_id = new.id ON CONFLICT DO NOTHING;
       END;`,
      `CREATE TRIGGER sync_capture_tag_delete BEFORE DELETE ON tags
       WHEN ${CAPTURING} BEGIN
         INSERT INTO sync_pending (entity, ref)
         SELECT 'tags', paper_id FROM paper_tags WHERE tag_id = old.id ON CONFLICT DO NOTHING;
       END;`,
    ].join('\n'),
  )
}
