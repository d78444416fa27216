import type { Db } from '../db/openLibrary'
import type { HighlightColor, PdfAnnotationType } from '../../../shared/models'

export interface PdfAnnotationRow {
  id: number
  paper_id: number
  sha256: string
  type: PdfAnnotationType
  color: HighlightColor
  comment: string | null
  page_index: number
  /** JSON of PdfPosition. */
  position: string
  quote: string
  prefix: string
  suffix: string
  sort_key: string
  created_at: number
  updated_at: number
  /** 1 when an area has its picture in pdf_annotation_images. */
  has_image: 0 | 1
}

/** A row to write; `id` null takes a new one, a number brings one back under its own id. */
export type PdfAnnotationInsert = Omit<PdfAnnotationRow, 'id' | 'has_image'> & { id: number | null }

/** Where re-anchoring put an annotation: on another file, page, text. */
export interface PdfAnnotationPlace {
  sha256: string
  pageIndex: number
  /** JSON of PdfPosition. */
  position: string
  prefix: string
  suffix: string
  sortKey: string
}

const COLUMNS = `a.id, a.paper_id, a.sha256, a.type, a.color, a.comment, a.page_index, a.position,
  a.quote, a.prefix, a.suffix, a.sort_key, a.created_at, a.updated_at,
  EXISTS (SELECT 1 FROM pdf_annotation_images i WHERE i.annotation_id = a.id) AS has_image`

/** SQL for pdf_annotations and pdf_annotation_images; nothing else. */
export function createAnnotationsRepo(db: Db) {
  const insert = db.prepare<[PdfAnnotationInsert], never>(`
    INSERT INTO pdf_annotations (id, paper_id, sha256, type, color, comment, page_index,
      position, quote, prefix, suffix, sort_key, created_at, updated_at)
    VALUES (@id, @paper_id, @sha256, @type, @color, @comment, @page_index, @position, @quote,
      @prefix, @suffix, @sort_key, @created_at, @updated_at)`)
  const one = db.prepare<[number], PdfAnnotationRow>(
    `SELECT ${COLUMNS} FROM pdf_annotations a WHERE a.id = ?`,
  )
  const forPaper = db.prepare<[number], PdfAnnotationRow>(
    `SELECT ${COLUMNS} FROM pdf_annotations a WHERE a.paper_id = ? ORDER BY a.sort_key, a.id`,
  )
  const all = db.prepare<[], PdfAnnotationRow>(
    `SELECT ${COLUMNS} FROM pdf_annotations a ORDER BY a.paper_id, a.sort_key, a.id`,
  )
  const update = db.prepare<[HighlightColor, string | null, number, number], never>(
    'UPDATE pdf_annotations SET color = ?, comment = ?, updated_at = ? WHERE id = ?',
  )
  const remove = db.prepare<[number], never>('DELETE FROM pdf_annotations WHERE id = ?')
  const place = db.prepare<[PdfAnnotationPlace & { id: number }], never>(`
    UPDATE pdf_annotations SET sha256 = @sha256, page_index = @pageIndex, position = @position,
      prefix = @prefix, suffix = @suffix, sort_key = @sortKey
    WHERE id = @id`)
  const image = db
    .prepare<[number], Buffer>('SELECT png FROM pdf_annotation_images WHERE annotation_id = ?')
    .pluck()
  const setImage = db.prepare<[number, Uint8Array], never>(`
    INSERT INTO pdf_annotation_images (annotation_id, png) VALUES (?, ?)
    ON CONFLICT (annotation_id) DO UPDATE SET png = excluded.png`)
  const counts = db.prepare<[], { annotations: number; papers: number }>(`
    SELECT (SELECT count(*) FROM highlights) + (SELECT count(*) FROM pdf_annotations)
        AS annotations,
      (SELECT count(*) FROM (SELECT paper_id FROM highlights
                             UNION SELECT paper_id FROM pdf_annotations)) AS papers`)

  return {
    insert: (row: PdfAnnotationInsert) => Number(insert.run(row).lastInsertRowid),
    get: (id: number) => one.get(id) ?? null,
    /** In sort key order. */
    forPaper: (paperId: number) => forPaper.all(paperId),
    /** Every annotation of the library, per paper in sort key order (exports). */
    all: () => all.all(),
    update: (id: number, color: HighlightColor, comment: string | null, at: number) =>
      update.run(color, comment, at, id),
    remove: (id: number) => remove.run(id).changes > 0,
    /** Moves an annotation (re-anchoring); what the person changed, and when, stays. */
    place: (id: number, to: PdfAnnotationPlace) => place.run({ ...to, id }).changes > 0,
    /** An area's picture (PNG), or null. */
    image: (id: number): Uint8Array | null => {
      const png = image.get(id)
      // A plain Uint8Array, as the contract says (better-sqlite3 gives a Buffer).
      return png ? new Uint8Array(png.buffer, png.byteOffset, png.byteLength) : null
    },
    setImage: (id: number, png: Uint8Array) => setImage.run(id, png),
    /** Abstract highlights and PDF annotations together, and how many papers have any. */
    counts: () => counts.get()!,
  }
}

export type AnnotationsRepo = ReturnType<typeof createAnnotationsRepo>
