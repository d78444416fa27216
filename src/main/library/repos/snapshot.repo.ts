import type { PaperTableRow } from './papers.repo'
import type { Db } from '../db/openLibrary'
import type { ReadingStatus, SourceKind } from '../../../shared/models'
import type { HighlightRow } from './highlights.repo'
import type { PdfAnnotationRow } from '../annotations/annotations.repo'

/** A PDF annotation as stored (its picture apart). */
export type PdfAnnotationTableRow = Omit<PdfAnnotationRow, 'has_image'>

/** An area's picture. */
export interface PdfAnnotationImageRow {
  annotation_id: number
  png: Uint8Array
}

export interface ImportFileRow {
  id: number
  file_name: string
  content_hash: string
  imported_at: number
  source: SourceKind
}

export interface DigestRow {
  id: number
  date: string
  source_file: string
  content_hash: string
  imported_at: number
}

export interface AppearanceRow {
  digest_id: number
  paper_id: number
  position: number
}

/** A file a paper came from (provenance). */
export interface PaperSourceRow {
  paper_id: number
  import_file_id: number
}

export interface TagRow {
  id: number
  name: string
}

export interface PaperTagRow {
  paper_id: number
  tag_id: number
}

export interface NoteRow {
  paper_id: number
  body: string
  updated_at: number
}

export interface StatusChangeRow {
  id: number
  paper_id: number
  from_status: ReadingStatus
  to_status: ReadingStatus
  changed_at: number
}

/** Every stored row of the library, table by table, each table in id order. */
export interface LibraryRows {
  importFiles: ImportFileRow[]
  digests: DigestRow[]
  appearances: AppearanceRow[]
  tags: TagRow[]
  papers: Array<PaperTableRow & { title_key: string }>
  paperSources: PaperSourceRow[]
  paperTags: PaperTagRow[]
  notes: NoteRow[]
  statusHistory: StatusChangeRow[]
  highlights: HighlightRow[]
  pdfAnnotations: PdfAnnotationTableRow[]
  pdfAnnotationImages: PdfAnnotationImageRow[]
}

/** The whole library at once, for the JSON export and for loading one into an empty library. */
export function createSnapshotRepo(db: Db) {
  const select = {
    importFiles: db.prepare<[], ImportFileRow>(
      'SELECT id, file_name, content_hash, imported_at, source FROM import_files ORDER BY id',
    ),
    digests: db.prepare<[], DigestRow>(
      'SELECT id, date, source_file, content_hash, imported_at FROM digests ORDER BY id',
    ),
    appearances: db.prepare<[], AppearanceRow>(
      'SELECT digest_id, paper_id, position FROM digest_papers ORDER BY digest_id, position, paper_id',
    ),
    tags: db.prepare<[], TagRow>('SELECT id, name FROM tags ORDER BY id'),
    papers: db.prepare<[], PaperTableRow & { title_key: string }>(`
      SELECT id, title, abstract, title_key, arxiv_id, links, submitted_by, author_count, upvotes,
        authors, categories, published_at, status, added_at
      FROM papers ORDER BY id`),
    paperSources: db.prepare<[], PaperSourceRow>(
      'SELECT paper_id, import_file_id FROM paper_sources ORDER BY paper_id, import_file_id',
    ),
    paperTags: db.prepare<[], PaperTagRow>(`
      SELECT pt.paper_id, pt.tag_id FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
      ORDER BY pt.paper_id, t.name COLLATE NOCASE`),
    notes: db.prepare<[], NoteRow>(
      'SELECT paper_id, body, updated_at FROM notes ORDER BY paper_id',
    ),
    statusHistory: db.prepare<[], StatusChangeRow>(`
      SELECT id, paper_id, from_status, to_status, changed_at FROM status_history
      ORDER BY paper_id, id`),
    highlights: db.prepare<[], HighlightRow>(`
      SELECT id, paper_id, quote, prefix, suffix, start_offset, end_offset, color, comment,
        created_at, updated_at
      FROM highlights ORDER BY paper_id, id`),
    pdfAnnotations: db.prepare<[], PdfAnnotationTableRow>(`
      SELECT id, paper_id, sha256, type, color, comment, page_index, position, quote, prefix,
        suffix, sort_key, created_at, updated_at
      FROM pdf_annotations ORDER BY paper_id, sort_key, id`),
    pdfAnnotationImages: db.prepare<[], PdfAnnotationImageRow>(
      'SELECT annotation_id, png FROM pdf_annotation_images ORDER BY annotation_id',
    ),
  }
  const insert = {
    importFiles: db.prepare<[ImportFileRow], never>(`
      INSERT INTO import_files (id, file_name, content_hash, imported_at, source)
      VALUES (@id, @file_name, @content_hash, @imported_at, @source)`),
    digests: db.prepare<[DigestRow], never>(`
      INSERT INTO digests (id, date, source_file, content_hash, imported_at)
      VALUES (@id, @date, @source_file, @content_hash, @imported_at)`),
    tags: db.prepare<[TagRow], never>('INSERT INTO tags (id, name) VALUES (@id, @name)'),
    papers: db.prepare<[PaperTableRow & { title_key: string }], never>(`
      INSERT INTO papers (id, title, abstract, title_key, arxiv_id, links, submitted_by,
        author_count, upvotes, authors, categories, published_at, status, added_at)
      VALUES (@id, @title, @abstract, @title_key, @arxiv_id, @links, @submitted_by,
        @author_count, @upvotes, @authors, @categories, @published_at, @status, @added_at)`),
    paperSources: db.prepare<[PaperSourceRow], never>(
      'INSERT INTO paper_sources (paper_id, import_file_id) VALUES (@paper_id, @import_file_id)',
    ),
    appearances: db.prepare<[AppearanceRow], never>(
      'INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (@digest_id, @paper_id, @position)',
    ),
    paperTags: db.prepare<[PaperTagRow], never>(
      'INSERT INTO paper_tags (paper_id, tag_id) VALUES (@paper_id, @tag_id)',
    ),
    notes: db.prepare<[NoteRow], never>(
      'INSERT INTO notes (paper_id, body, updated_at) VALUES (@paper_id, @body, @updated_at)',
    ),
    statusHistory: db.prepare<[StatusChangeRow], never>(`
      INSERT INTO status_history (id, paper_id, from_status, to_status, changed_at)
      VALUES (@id, @paper_id, @from_status, @to_status, @changed_at)`),
    highlights: db.prepare<[HighlightRow], never>(`
      INSERT INTO highlights (id, paper_id, quote, prefix, suffix, start_offset, end_offset,
        color, comment, created_at, updated_at)
      VALUES (@id, @paper_id, @quote, @prefix, @suffix, @start_offset, @end_offset,
        @color, @comment, @created_at, @updated_at)`),
    pdfAnnotations: db.prepare<[PdfAnnotationTableRow], never>(`
      INSERT INTO pdf_annotations (id, paper_id, sha256, type, color, comment, page_index,
        position, quote, prefix, suffix, sort_key, created_at, updated_at)
      VALUES (@id, @paper_id, @sha256, @type, @color, @comment, @page_index, @position, @quote,
        @prefix, @suffix, @sort_key, @created_at, @updated_at)`),
    pdfAnnotationImages: db.prepare<[PdfAnnotationImageRow], never>(
      'INSERT INTO pdf_annotation_images (annotation_id, png) VALUES (@annotation_id, @png)',
    ),
  }
  const counts = db.prepare<[], { papers: number; digests: number; rows: number }>(`
    SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM digests) AS digests,
      (SELECT count(*) FROM papers) + (SELECT count(*) FROM digests)
        + (SELECT count(*) FROM import_files) + (SELECT count(*) FROM tags) AS rows`)

  return {
    read: (): LibraryRows => ({
      importFiles: select.importFiles.all(),
      digests: select.digests.all(),
      appearances: select.appearances.all(),
      tags: select.tags.all(),
      papers: select.papers.all(),
      paperSources: select.paperSources.all(),
      paperTags: select.paperTags.all(),
      notes: select.notes.all(),
      statusHistory: select.statusHistory.all(),
      highlights: select.highlights.all(),
      pdfAnnotations: select.pdfAnnotations.all(),
      pdfAnnotationImages: select.pdfAnnotationImages.all(),
    }),
    /** Inserts every row with its own id, parents first; the caller holds the transaction. */
    write: (rows: LibraryRows) => {
      for (const row of rows.importFiles) insert.importFiles.run(row)
      for (const row of rows.digests) insert.digests.run(row)
      for (const row of rows.tags) insert.tags.run(row)
      for (const row of rows.papers) insert.papers.run(row)
      for (const row of rows.appearances) insert.appearances.run(row)
      for (const row of rows.paperSources) insert.paperSources.run(row)
      for (const row of rows.paperTags) insert.paperTags.run(row)
      for (const row of rows.notes) insert.notes.run(row)
      for (const row of rows.statusHistory) insert.statusHistory.run(row)
      for (const row of rows.highlights) insert.highlights.run(row)
      for (const row of rows.pdfAnnotations) insert.pdfAnnotations.run(row)
      for (const row of rows.pdfAnnotationImages) insert.pdfAnnotationImages.run(row)
    },
    /** `rows` is zero only for a library with nothing in it at all. */
    counts: () => counts.get()!,
  }
}

export type SnapshotRepo = ReturnType<typeof createSnapshotRepo>
