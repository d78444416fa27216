import { expect, it } from 'vitest'
import type { TextPiece } from '../../../shared/pdfLayout'
import { measureArea, measureNote, measureText, NOTE_SIZE, pageGeometry } from './measureAnnotation'

/** Lines of text, one piece each, 10 points high, 20 points apart, from the top of a page. */
function page(index: number, ...lines: string[]) {
  const pieces: TextPiece[] = lines.map((str, i) => ({
    str,
    hasEOL: true,
    x: 72,
    y: 700 - i * 20,
    width: str.length * 5,
    height: 10,
  }))
  return pageGeometry(index, pieces)
}

const first = page(2, 'Attention is all you need, they said.', 'Then came sparse attention.')
const next = page(3, 'It reads long documents fast.', 'The end.')

it('a selection on one page: its quote, the text around it, one rectangle per line', () => {
  const made = measureText(first, { piece: 0, index: 27 }, first, { piece: 1, index: 9 })!
  expect(made.quote).toBe('they said. Then came')
  expect(made.prefix).toBe('Attention is all you need, ')
  expect(made.suffix).toBe(' sparse attention.')
  expect(made.offset).toBe(27)
  expect(made.position.pageIndex).toBe(2)
  expect(made.position.rects).toHaveLength(2)
  expect(made.position.nextPageRects).toBeUndefined()
  const [top, second] = made.position.rects
  expect(top![1]).toBeGreaterThan(second![1])
  expect(top![0]).toBeCloseTo(72 + 27 * 5)
})

it('spaces at the ends of a selection are left out', () => {
  const made = measureText(first, { piece: 0, index: 26 }, first, { piece: 0, index: 32 })!
  expect(made.quote).toBe('they')
  expect(made.offset).toBe(27)
})

it('a selection over a page break: the end of one page, a space, the start of the next', () => {
  const made = measureText(first, { piece: 1, index: 10 }, next, { piece: 0, index: 13 })!
  expect(made.quote).toBe('sparse attention. It reads long')
  expect(made.position.pageIndex).toBe(2)
  expect(made.position.rects).toHaveLength(1)
  expect(made.position.nextPageRects).toHaveLength(1)
  expect(made.prefix.endsWith('Then came ')).toBe(true)
  expect(made.suffix).toBe(' documents fast. The end.')
})

it('a selection that only touches the next page stays on the first', () => {
  const made = measureText(first, { piece: 1, index: 10 }, next, { piece: 0, index: 0 })!
  expect(made.quote).toBe('sparse attention.')
  expect(made.position.nextPageRects).toBeUndefined()
})

it('nothing but spaces selected is nothing', () => {
  expect(measureText(first, { piece: 0, index: 26 }, first, { piece: 0, index: 27 })).toBeNull()
})

it('a note: a pin at the point, kept on the page, placed by the text nearest to it', () => {
  const view: [number, number, number, number] = [0, 0, 612, 792]
  const made = measureNote(first, 72 + 28 * 5, 712, view)
  expect(made.quote).toBe('')
  expect(made.position.rects).toEqual([[212, 712 - NOTE_SIZE, 212 + NOTE_SIZE, 712]])
  expect(first.layout.text.slice(made.offset)).toMatch(/^they said/)
  expect(made.prefix + made.suffix).toContain('they said')
  const corner = measureNote(first, 610, 5, view)
  expect(corner.position.rects[0]).toEqual([612 - NOTE_SIZE, 0, 612, NOTE_SIZE])
})

it('an area: the text inside it is its quote; over no text, an empty quote at the nearest text', () => {
  const made = measureArea(first, [60, 675, 400, 690])
  expect(made.quote).toBe('Then came sparse attention.')
  expect(made.position.rects).toEqual([[60, 675, 400, 690]])
  const empty = measureArea(first, [300, 100, 400, 200])
  expect(empty.quote).toBe('')
  expect(empty.offset).toBeGreaterThan(0)
})
