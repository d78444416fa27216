import { MarginError } from '../../../shared/errors'
import type { RequestOf } from '../../../shared/ipc'
import type {
  HighlightColor,
  NewPdfAnnotation,
  PaperDetail,
  PdfAnnotation,
  PdfFile,
} from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { commentOrNull } from '../highlights/comment'
import { annotationRow, toPdfAnnotations } from './annotationDto'
import { createAnnotationsRepo } from './annotations.repo'
import { pdfSortKey, SORT_KEY } from './sortKey'
import { checkComment, checkPlacement, checkShape } from './validation'

export interface AnnotationsLibraryDeps {
  db: Db
  now: () => number
  /** Throws NOT_FOUND for an unknown paper. */
  requirePaper: (paperId: number) => unknown
  /** The paper as the window shows it. */
  detail: (paperId: number) => PaperDetail
  /** The paper's PDFs, first added first (the last is the current one). */
  files: (paperId: number) => PdfFile[]
}

export type AnnotationsLibrary = ReturnType<typeof createAnnotationsLibrary>

/**
 * `library.annotations`: annotations on the pages of a paper's PDFs. Each change answers with the
 * paper as the window shows it.
 */
export function createAnnotationsLibrary({
  db,
  now,
  requirePaper,
  detail,
  files,
}: AnnotationsLibraryDeps) {
  const repo = createAnnotationsRepo(db)
  const requireAnnotation = (id: number) => {
    const row = repo.get(id)
    if (!row) throw new MarginError('NOT_FOUND', `There is no annotation with id ${id}.`)
    return row
  }

  return {
    repo,

    /** Annotates a page of one of the paper's PDFs, as the reader measured it. */
    create: (request: NewPdfAnnotation): PaperDetail => {
      const { paperId, sha256, type, color, position, quote, prefix, suffix, offset, image } =
        request
      checkShape(request)
      db.transaction(() => {
        requirePaper(paperId)
        checkPlacement(paperId, sha256, position, files(paperId))
        const at = now()
        const id = repo.insert({
          id: null,
          paper_id: paperId,
          sha256,
          type,
          color,
          comment: commentOrNull(request.comment),
          page_index: position.pageIndex,
          position: JSON.stringify(position),
          quote,
          prefix,
          suffix,
          sort_key: pdfSortKey(position.pageIndex, offset, position.rects),
          created_at: at,
          updated_at: at,
        })
        if (image) repo.setImage(id, image)
      })()
      return detail(paperId)
    },

    /** Changes what is given: a colour, a comment (null or empty removes it), or both. */
    update: (
      id: number,
      { color, comment }: { color?: HighlightColor; comment?: string | null },
    ): PaperDetail => {
      checkComment(comment)
      const row = db.transaction(() => {
        const row = requireAnnotation(id)
        const newComment = comment === undefined ? row.comment : commentOrNull(comment)
        repo.update(id, color ?? row.color, newComment, now())
        return row
      })()
      return detail(row.paper_id)
    },

    delete: (id: number): PaperDetail => {
      const row = db.transaction(() => {
        const row = requireAnnotation(id)
        repo.remove(id)
        return row
      })()
      return detail(row.paper_id)
    },

    /**
     * Undo of a delete: the annotation back as it was, under its own id, with its picture. Its
     * file may have gone meanwhile; it then comes back detached.
     */
    restore: ({ annotation: a, image }: RequestOf<'annotations:restore'>): PaperDetail => {
      checkShape({ ...a, image })
      if (!SORT_KEY.test(a.sortKey)) {
        throw new MarginError('INVALID_ARGUMENT', `"${a.sortKey}" is not an annotation's sort key.`)
      }
      db.transaction(() => {
        requirePaper(a.paperId)
        if (repo.get(a.id)) {
          throw new MarginError(
            'INVALID_ARGUMENT',
            `Annotation ${a.id} is already there; only a deleted annotation can be restored.`,
          )
        }
        repo.insert(annotationRow(a.paperId, { ...a, comment: commentOrNull(a.comment) }))
        if (image) repo.setImage(a.id, image)
      })()
      return detail(a.paperId)
    },

    /** An area's picture (PNG), or null when it has none. */
    image: (id: number): Uint8Array | null => {
      requireAnnotation(id)
      return repo.image(id)
    },

    /** The paper's annotations, on its current PDF in reading order, then detached ones. */
    forPaper: (paperId: number): PdfAnnotation[] => {
      requirePaper(paperId)
      return toPdfAnnotations(repo.forPaper(paperId), files(paperId))
    },
  }
}
