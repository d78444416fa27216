import { describe, expect, it } from 'vitest'
import type { PdfRect } from '../../../shared/models'
import { pdfSortKey, SORT_KEY } from './sortKey'

const line = (top: number): PdfRect => [72, top - 12, 300, top]

describe('pdfSortKey', () => {
  it('writes page, offset and distance from the top in fixed widths', () => {
    expect(pdfSortKey(4, 1234, [line(700)])).toBe('00004|001234|99299')
    expect(pdfSortKey(4, 1234, [line(700)])).toMatch(SORT_KEY)
  })

  it('orders by page, then place in the text, then height on the page (higher first)', () => {
    const keys = [
      pdfSortKey(1, 0, [line(790)]),
      pdfSortKey(0, 10, [line(100)]),
      pdfSortKey(0, 9, [line(100)]),
      pdfSortKey(0, 10, [line(500)]),
      pdfSortKey(10, 0, [line(500)]),
      pdfSortKey(2, 100_000, [line(500)]),
    ]
    expect([...keys].sort()).toEqual([keys[2], keys[3], keys[1], keys[0], keys[5], keys[4]])
  })

  it('takes the highest line of a selection as its top', () => {
    expect(pdfSortKey(0, 0, [line(300), line(712.6), line(500)])).toBe('00000|000000|99286')
  })

  it('keeps its fields in range for coordinates above or below any page', () => {
    expect(pdfSortKey(0, 0, [line(200_000)])).toBe('00000|000000|00000')
    expect(pdfSortKey(0, 0, [[0, -500, 10, -400]])).toBe('00000|000000|99999')
    expect(pdfSortKey(0, 5_000_000, [line(10)])).toBe('00000|999999|99989')
  })
})
