import type { DetachedReason, PdfAnnotation, PdfFile, PdfPosition } from '../../../shared/models'
import type { PdfAnnotationRow } from './annotations.repo'

/**
 * The annotation as the window shows it, with why it is not drawn on the paper's current PDF
 * (its newest file, the last of `files`), if it is not.
 */
export function toPdfAnnotation(row: PdfAnnotationRow, files: readonly PdfFile[]): PdfAnnotation {
  const position = JSON.parse(row.position) as PdfPosition
  return {
    id: row.id,
    paperId: row.paper_id,
    sha256: row.sha256,
    type: row.type,
    color: row.color,
    comment: row.comment,
    position,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    sortKey: row.sort_key,
    hasImage: row.has_image === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    detached: detachedReason(row.sha256, position, files),
  }
}

/** A paper's annotations: those on its current PDF in reading order, then detached ones. */
export function toPdfAnnotations(
  rows: readonly PdfAnnotationRow[],
  files: readonly PdfFile[],
): PdfAnnotation[] {
  return rows
    .map((row) => toPdfAnnotation(row, files))
    .sort(
      (a, b) =>
        Number(a.detached !== null) - Number(b.detached !== null) ||
        compare(a.sortKey, b.sortKey) ||
        a.id - b.id,
    )
}

function detachedReason(
  sha256: string,
  position: PdfPosition,
  files: readonly PdfFile[],
): DetachedReason | null {
  const current = files.at(-1)
  if (!current || !files.some((file) => file.sha256 === sha256)) return 'file-removed'
  if (current.sha256 !== sha256) return 'earlier-version'
  const lastPage = position.pageIndex + (position.nextPageRects?.length ? 1 : 0)
  return lastPage < current.pageCount ? null : 'page-missing'
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The fields an annotation shares with its stored row (a restore, a JSON export's entry). */
export type AnnotationFields = Pick<
  PdfAnnotation,
  | 'id'
  | 'sha256'
  | 'type'
  | 'color'
  | 'comment'
  | 'position'
  | 'quote'
  | 'prefix'
  | 'suffix'
  | 'sortKey'
  | 'createdAt'
  | 'updatedAt'
>

/** The row that stores annotation `a` of paper `paperId` as it was (its own id, its times). */
export function annotationRow(paperId: number, a: AnnotationFields) {
  return {
    id: a.id,
    paper_id: paperId,
    sha256: a.sha256,
    type: a.type,
    color: a.color,
    comment: a.comment,
    page_index: a.position.pageIndex,
    position: JSON.stringify(a.position),
    quote: a.quote,
    prefix: a.prefix,
    suffix: a.suffix,
    sort_key: a.sortKey,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  }
}
