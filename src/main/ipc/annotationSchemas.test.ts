import { describe, expect, it } from 'vitest'
import { PNG_BYTES } from '../library/testing/annotatedPaper'
import { REQUEST_SCHEMAS } from './requestSchemas'

const create = {
  paperId: 1,
  sha256: 'a'.repeat(64),
  type: 'area',
  color: 'yellow',
  position: { pageIndex: 0, rects: [[10, 10, 20, 20]] },
  quote: '',
  prefix: '',
  suffix: '',
  offset: 0,
  image: PNG_BYTES,
}
const accepts = (request: unknown) =>
  REQUEST_SCHEMAS['annotations:create'].safeParse(request).success
const at = (rects: unknown) => ({ ...create, position: { pageIndex: 0, rects } })

describe('annotation requests over IPC', () => {
  it('take what the reader measures', () => {
    expect(accepts(create)).toBe(true)
  })

  it('refuse rectangles that are not finite, off any page or too many', () => {
    expect(accepts(at([[0, 0, Infinity, 1]]))).toBe(false)
    expect(accepts(at([[0, 0, Number.NaN, 1]]))).toBe(false)
    expect(accepts(at([[0, 0, 1e9, 1]]))).toBe(false)
    expect(accepts(at([[0, 0, 1]]))).toBe(false)
    expect(accepts(at(Array.from({ length: 501 }, () => [0, 0, 1, 1])))).toBe(false)
    expect(accepts(at([]))).toBe(false)
  })

  it('refuse oversized text and pictures, and fields the contract does not have', () => {
    expect(accepts({ ...create, quote: 'q'.repeat(20_001) })).toBe(false)
    expect(accepts({ ...create, prefix: 'p'.repeat(65) })).toBe(false)
    expect(accepts({ ...create, comment: 'c'.repeat(20_001) })).toBe(false)
    expect(accepts({ ...create, image: new Uint8Array(4 * 1024 * 1024 + 1) })).toBe(false)
    expect(accepts({ ...create, html: '<b>' })).toBe(false)
  })

  it('restore only what an annotation of the contract is', () => {
    const restore = REQUEST_SCHEMAS['annotations:restore']
    const annotation = {
      id: 3,
      paperId: 1,
      sha256: 'a'.repeat(64),
      type: 'highlight',
      color: 'pink',
      comment: null,
      position: { pageIndex: 2, rects: [[1, 1, 2, 2]], nextPageRects: [[1, 1, 2, 2]] },
      quote: 'a quote',
      prefix: '',
      suffix: '',
      sortKey: '00002|000010|99000',
      hasImage: false,
      createdAt: 1,
      updatedAt: 2,
      detached: null,
    }
    expect(restore.safeParse({ annotation }).success).toBe(true)
    expect(restore.safeParse({ annotation: { ...annotation, sortKey: 'x' } }).success).toBe(false)
    expect(restore.safeParse({ annotation: { ...annotation, detached: 'lost' } }).success).toBe(
      false,
    )
  })
})
