import type { Database } from 'better-sqlite3'

/**
 * Annotations on the pages of a paper's PDF (abstract highlights stay in `highlights`; one model
 * shows both). Each keeps the file it is placed on (`sha256`, no foreign key: an annotation
 * outlives a removed file and is then shown detached), its position in PDF coordinates as JSON
 * ({ pageIndex, rects, nextPageRects? }: one rectangle per line, points, origin bottom-left, as
 * Zotero stores them), the exact quote with the text around it (to place it again on a new
 * version of the PDF) and a sort key (page, then place in the page's text, then height on the
 * page) that orders them as they are read. An area's picture (PNG, rendered when it was drawn)
 * is kept apart so lists of annotations stay light. Ids are never reused (AUTOINCREMENT), so
 * undoing a delete brings an annotation back under its own id.
 *
 * The search view gains their quotes and comments in its `notes` column, beside the note and the
 * abstract highlights, and triggers keep the index current as for highlights. The colours are
 * spelled out: a shipped migration must not change when the app's constants do.
 */
export function migration0010PdfAnnotations(db: Database): void {
  db.exec(`
    CREATE TABLE pdf_annotations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      paper_id INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('highlight', 'underline', 'note', 'area')),
      color TEXT NOT NULL CHECK (color IN ('yellow', 'green', 'blue', 'pink')),
      comment TEXT,
      page_index INTEGER NOT NULL CHECK (page_index >= 0),
      position TEXT NOT NULL CHECK (json_valid(position)),
      quote TEXT NOT NULL,
      prefix TEXT NOT NULL,
      suffix TEXT NOT NULL,
      sort_key TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (type IN ('note', 'area') OR quote <> '')
    );
    CREATE INDEX pdf_annotations_paper ON pdf_annotations (paper_id, sort_key);

    CREATE TABLE pdf_annotation_images (
      annotation_id INTEGER PRIMARY KEY REFERENCES pdf_annotations (id) ON DELETE CASCADE,
      png BLOB NOT NULL
    );

    DROP VIEW paper_search_source;
    CREATE VIEW paper_search_source AS
    SELECT p.id, p.title, p.abstract,
      trim(coalesce((SELECT body FROM notes WHERE paper_id = p.id), '') || ' ' || coalesce(
        (SELECT group_concat(quote || coalesce(' ' || comment, ''), ' ')
         FROM highlights WHERE paper_id = p.id), '') || ' ' || coalesce(
        (SELECT group_concat(quote || coalesce(' ' || comment, ''), ' ')
         FROM pdf_annotations WHERE paper_id = p.id), '')) AS notes,
      coalesce((SELECT group_concat(t.name, ' ') FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
                WHERE pt.paper_id = p.id), '') AS tags
    FROM papers p;

    CREATE TRIGGER paper_search_annotation_insert AFTER INSERT ON pdf_annotations BEGIN
      DELETE FROM paper_search WHERE rowid = new.paper_id;
      INSERT INTO paper_search (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source WHERE id = new.paper_id;
    END;
    CREATE TRIGGER paper_search_annotation_update AFTER UPDATE OF quote, comment ON pdf_annotations
    BEGIN
      DELETE FROM paper_search WHERE rowid = new.paper_id;
      INSERT INTO paper_search (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source WHERE id = new.paper_id;
    END;
    CREATE TRIGGER paper_search_annotation_delete AFTER DELETE ON pdf_annotations BEGIN
      DELETE FROM paper_search WHERE rowid = old.paper_id;
      INSERT INTO paper_search (rowid, title, abstract, notes, tags)
      SELECT id, title, abstract, notes, tags FROM paper_search_source WHERE id = old.paper_id;
    END;
  `)
}
