import type { Db } from '../db/openLibrary'
import type { HighlightColor } from '../../../shared/models'

export interface HighlightRow {
  id: number
  paper_id: number
  quote: string
  prefix: string
  suffix: string
  /** Where the quote stood in the abstract when the highlight was made. */
  start_offset: number
  end_offset: number
  color: HighlightColor
  comment: string | null
  created_at: number
  updated_at: number
}

export type NewHighlight = Omit<HighlightRow, 'id' | 'updated_at'>

const COLUMNS = `id, paper_id, quote, prefix, suffix, start_offset, end_offset, color, comment,
  created_at, updated_at`

export function createHighlightsRepo(db: Db) {
  const insert = db.prepare<[NewHighlight], never>(`
    INSERT INTO highlights (paper_id, quote, prefix, suffix, start_offset, end_offset, color,
      comment, created_at, updated_at)
    VALUES (@paper_id, @quote, @prefix, @suffix, @start_offset, @end_offset, @color, @comment,
      @created_at, @created_at)`)
  const restore = db.prepare<[HighlightRow], never>(`
    INSERT INTO highlights (id, paper_id, quote, prefix, suffix, start_offset, end_offset, color,
      comment, created_at, updated_at)
    VALUES (@id, @paper_id, @quote, @prefix, @suffix, @start_offset, @end_offset, @color, @comment,
      @created_at, @updated_at)`)
  const one = db.prepare<[number], HighlightRow>(`SELECT ${COLUMNS} FROM highlights WHERE id = ?`)
  const forPaper = db.prepare<[number], HighlightRow>(
    `SELECT ${COLUMNS} FROM highlights WHERE paper_id = ? ORDER BY id`,
  )
  const update = db.prepare<[HighlightColor, string | null, number, number], never>(
    'UPDATE highlights SET color = ?, comment = ?, updated_at = ? WHERE id = ?',
  )
  const remove = db.prepare<[number], never>('DELETE FROM highlights WHERE id = ?')

  return {
    insert: (highlight: NewHighlight) => Number(insert.run(highlight).lastInsertRowid),
    /** Writes a deleted highlight back under its own id. */
    restore: (highlight: HighlightRow) => restore.run(highlight),
    get: (id: number) => one.get(id) ?? null,
    forPaper: (paperId: number) => forPaper.all(paperId),
    update: (id: number, color: HighlightColor, comment: string | null, at: number) =>
      update.run(color, comment, at, id),
    remove: (id: number) => remove.run(id).changes > 0,
  }
}

export type HighlightsRepo = ReturnType<typeof createHighlightsRepo>
