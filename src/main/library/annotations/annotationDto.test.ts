import { describe, expect, it } from 'vitest'
import type { PdfFile, PdfPosition } from '../../../shared/models'
import type { PdfAnnotationRow } from './annotations.repo'
import { toPdfAnnotation, toPdfAnnotations } from './annotationDto'

const V1 = '1'.repeat(64)
const V2 = '2'.repeat(64)
const file = (sha256: string, pageCount: number): PdfFile => ({
  sha256,
  size: 1000,
  pageCount,
  origin: `${sha256.slice(0, 1)}.pdf`,
  addedAt: 0,
  textState: 'done',
  textProblem: null,
})

function row(
  id: number,
  sha256: string,
  position: PdfPosition,
  sortKey = '00000|000000|99000',
): PdfAnnotationRow {
  return {
    id,
    paper_id: 1,
    sha256,
    type: 'highlight',
    color: 'yellow',
    comment: null,
    page_index: position.pageIndex,
    position: JSON.stringify(position),
    quote: 'a quote',
    prefix: '',
    suffix: '',
    sort_key: sortKey,
    created_at: 0,
    updated_at: 0,
    has_image: 0,
  }
}

const on = (pageIndex: number, nextPage = false): PdfPosition => ({
  pageIndex,
  rects: [[1, 1, 2, 2]],
  ...(nextPage && { nextPageRects: [[1, 700, 2, 710]] }),
})

describe('why an annotation is detached', () => {
  const files = [file(V1, 10), file(V2, 3)]
  const reason = (sha256: string, position: PdfPosition, of = files) =>
    toPdfAnnotation(row(1, sha256, position), of).detached

  it('is placed on a page of the newest file', () => {
    expect(reason(V2, on(2))).toBeNull()
    expect(reason(V2, on(1, true))).toBeNull()
  })

  it('is on an earlier version while it is on a file the paper still holds', () => {
    expect(reason(V1, on(0))).toBe('earlier-version')
    expect(reason(V1, on(8))).toBe('earlier-version')
  })

  it('has lost its file when the paper holds no file of that content, or none at all', () => {
    expect(reason('3'.repeat(64), on(0))).toBe('file-removed')
    expect(reason(V2, on(0), [])).toBe('file-removed')
  })

  it('has lost its page when the newest file has fewer pages', () => {
    expect(reason(V2, on(3))).toBe('page-missing')
    expect(reason(V2, on(2, true))).toBe('page-missing')
  })

  it('lists placed ones by sort key, then detached ones by sort key', () => {
    const list = toPdfAnnotations(
      [
        row(1, V1, on(0), '00000|000000|99000'),
        row(2, V2, on(2), '00002|000000|99000'),
        row(3, V2, on(9), '00001|000000|99000'),
        row(4, V2, on(0), '00000|000050|99000'),
      ],
      files,
    )
    expect(list.map((a) => [a.id, a.detached])).toEqual([
      [4, null],
      [2, null],
      [1, 'earlier-version'],
      [3, 'page-missing'],
    ])
  })
})
