import { MarginError } from '../../../shared/errors'
import type { RequestOf } from '../../../shared/ipc'
import type { Highlight, PaperDetail } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import type { PaperRow } from '../repos/papers.repo'
import type { HighlightsRepo } from '../repos/highlights.repo'
import { commentOrNull } from './comment'
import { quoteSelector } from './quoteSelector'

/** Highlights of papers' abstracts: made on a range, edited, deleted, and restored by undo. */
export function createHighlightsLibrary({
  db,
  highlights,
  now,
  requirePaper,
  detail,
}: {
  db: Db
  highlights: HighlightsRepo
  now: () => number
  requirePaper: (id: number) => Pick<PaperRow, 'abstract'>
  detail: (id: number) => PaperDetail
}) {
  const requireHighlight = (id: number) => {
    const row = highlights.get(id)
    if (!row) throw new MarginError('NOT_FOUND', `There is no highlight with id ${id}.`)
    return row
  }

  return {
    /** Highlights a range of the paper's abstract; an empty comment is no comment. */
    createHighlight: ({
      paperId,
      start,
      end,
      color,
      comment,
    }: RequestOf<'highlights:create'>): PaperDetail => {
      db.transaction(() => {
        const selector = quoteSelector(requirePaper(paperId).abstract, start, end)
        highlights.insert({
          paper_id: paperId,
          quote: selector.quote,
          prefix: selector.prefix,
          suffix: selector.suffix,
          start_offset: selector.start,
          end_offset: selector.end,
          color,
          comment: commentOrNull(comment),
          created_at: now(),
        })
      })()
      return detail(paperId)
    },

    /** Changes what is given: a colour, a comment (null or empty removes it), or both. */
    updateHighlight: (
      id: number,
      { color, comment }: Omit<RequestOf<'highlights:update'>, 'id'>,
    ): PaperDetail => {
      const row = db.transaction(() => {
        const row = requireHighlight(id)
        const newComment = comment === undefined ? row.comment : commentOrNull(comment)
        highlights.update(id, color ?? row.color, newComment, now())
        return row
      })()
      return detail(row.paper_id)
    },

    /** Undo of a delete: the highlight back as it was, under its own id. */
    restoreHighlight: (highlight: Highlight): PaperDetail => {
      db.transaction(() => {
        requirePaper(highlight.paperId)
        if (highlights.get(highlight.id)) {
          throw new MarginError(
            'INVALID_ARGUMENT',
            `Highlight ${highlight.id} is already there; only a deleted highlight can be restored.`,
          )
        }
        if (highlight.quote.trim() === '') {
          throw new MarginError('INVALID_ARGUMENT', 'A highlight marks text; its quote is empty.')
        }
        // Where it was placed when deleted (else the start of the abstract) is where to look first.
        const start = highlight.anchor?.start ?? 0
        highlights.restore({
          id: highlight.id,
          paper_id: highlight.paperId,
          quote: highlight.quote,
          prefix: highlight.prefix,
          suffix: highlight.suffix,
          start_offset: start,
          end_offset: start + highlight.quote.length,
          color: highlight.color,
          comment: commentOrNull(highlight.comment),
          created_at: highlight.createdAt,
          updated_at: highlight.updatedAt,
        })
      })()
      return detail(highlight.paperId)
    },

    deleteHighlight: (id: number): PaperDetail => {
      const row = db.transaction(() => {
        const row = requireHighlight(id)
        highlights.remove(id)
        return row
      })()
      return detail(row.paper_id)
    },
  }
}
