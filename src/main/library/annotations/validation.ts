import { MarginError } from '../../../shared/errors'
import type { PdfAnnotationType, PdfFile, PdfPosition, PdfRect } from '../../../shared/models'
import { ANNOTATION_LIMITS as LIMITS } from './limits'

/** What every annotation must be, new or restored: its shape, text sizes and picture. */
export interface AnnotationShape {
  type: PdfAnnotationType
  position: PdfPosition
  quote: string
  prefix: string
  suffix: string
  comment?: string | null
  image?: Uint8Array
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function checkShape({
  type,
  position,
  quote,
  prefix,
  suffix,
  comment,
  image,
}: AnnotationShape): void {
  checkPosition(type, position)
  if ((type === 'highlight' || type === 'underline') && quote.trim() === '') {
    invalid(`A ${type} marks text; select words to ${type}.`)
  }
  if (quote.length > LIMITS.quoteChars) {
    invalid(
      `The selection has ${quote.length} characters; an annotation quotes at most ${LIMITS.quoteChars}. Select less text.`,
    )
  }
  if (prefix.length > LIMITS.contextChars || suffix.length > LIMITS.contextChars) {
    invalid(
      `An annotation keeps at most ${LIMITS.contextChars} characters of text before and after its quote.`,
    )
  }
  checkComment(comment)
  if (image !== undefined) checkImage(type, image)
}

export function checkComment(comment: string | null | undefined): void {
  if (comment && comment.length > LIMITS.commentChars) {
    invalid(
      `The comment has ${comment.length} characters; a comment holds at most ${LIMITS.commentChars}.`,
    )
  }
}

/** The file must be one of the paper's PDFs, and the annotation's pages must be in it. */
export function checkPlacement(
  paperId: number,
  sha256: string,
  position: PdfPosition,
  files: readonly PdfFile[],
): void {
  const file = files.find((f) => f.sha256 === sha256)
  if (!file) {
    throw new MarginError(
      'NOT_FOUND',
      `Paper #${paperId} has no PDF with SHA-256 ${sha256}; annotate one of its own PDFs.`,
    )
  }
  const lastPage = position.pageIndex + (position.nextPageRects ? 1 : 0)
  if (lastPage >= file.pageCount) {
    invalid(
      `Page ${lastPage + 1} is not in this PDF, which has ${file.pageCount} page${file.pageCount === 1 ? '' : 's'}.`,
    )
  }
}

function checkPosition(type: PdfAnnotationType, position: PdfPosition): void {
  const { pageIndex, rects, nextPageRects } = position
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex > LIMITS.pageIndex) {
    invalid(`${pageIndex} is not a page index: pages are counted from 0.`)
  }
  const all = [...rects, ...(nextPageRects ?? [])]
  if (rects.length === 0) invalid('An annotation needs at least one rectangle on its page.')
  if (nextPageRects?.length === 0) invalid('Rectangles on the next page, when given, are not none.')
  if (all.length > LIMITS.rects) {
    invalid(
      `An annotation has at most ${LIMITS.rects} rectangles (one per line); it has ${all.length}.`,
    )
  }
  if ((type === 'note' || type === 'area') && (rects.length !== 1 || nextPageRects)) {
    invalid(`A${type === 'area' ? 'n area' : ' note'} is one rectangle on one page.`)
  }
  for (const rect of all) checkRect(rect)
}

function checkRect(rect: PdfRect): void {
  const [x1, y1, x2, y2] = rect
  if (rect.length !== 4 || !rect.every(Number.isFinite)) {
    invalid(`[${rect.join(', ')}] is not a rectangle: it has four finite numbers.`)
  }
  if (rect.some((v) => Math.abs(v) > LIMITS.coordinate)) {
    invalid(
      `[${rect.join(', ')}] lies off any page: PDF coordinates stay within ${LIMITS.coordinate} points.`,
    )
  }
  if (x1 > x2 || y1 > y2) {
    invalid(`[${rect.join(', ')}] is not a rectangle: it is written [left, bottom, right, top].`)
  }
}

function checkImage(type: PdfAnnotationType, image: Uint8Array): void {
  if (type !== 'area') invalid('Only an area annotation has a picture.')
  if (image.length > LIMITS.imageBytes) {
    invalid(
      `The area's picture is ${image.length} bytes; a picture is at most ${LIMITS.imageBytes} bytes. Draw a smaller area.`,
    )
  }
  if (!PNG_SIGNATURE.every((byte, i) => image[i] === byte)) {
    invalid("The area's picture is not a PNG image.")
  }
}

function invalid(message: string): never {
  throw new MarginError('INVALID_ARGUMENT', message)
}
