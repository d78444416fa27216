import { expect, it } from 'vitest'
import { PDF_TO_CSS, resolveScale, SIDE_PADDING, stepZoom, zoomLabel } from './zoom'

const letter = { width: 612, height: 792 }

it('fits the width of the pane, less its padding', () => {
  const pane = { width: 816 + 2 * SIDE_PADDING, height: 500 }
  expect(resolveScale('fit-width', letter, pane)).toBeCloseTo(816 / (612 * PDF_TO_CSS))
})

it('fits the whole page when the pane is short', () => {
  const scale = resolveScale('fit-page', letter, { width: 2000, height: 600 })
  expect(letter.height * PDF_TO_CSS * scale).toBeLessThanOrEqual(600)
  expect(scale).toBeLessThan(resolveScale('fit-width', letter, { width: 2000, height: 600 }))
})

it('keeps a number as it is, within bounds', () => {
  expect(resolveScale(1.5, letter, { width: 10, height: 10 })).toBe(1.5)
  expect(resolveScale(40, letter, { width: 10, height: 10 })).toBe(5)
})

it('steps in and out from between steps', () => {
  expect(stepZoom(1, 1)).toBe(1.1)
  expect(stepZoom(1, -1)).toBe(0.9)
  expect(stepZoom(1.2, 1)).toBe(1.25)
  expect(stepZoom(1.2, -1)).toBe(1.1)
  expect(stepZoom(5, 1)).toBe(5)
})

it('names the fit and its scale', () => {
  expect(zoomLabel('fit-width', 1.234)).toBe('Fit width (123%)')
  expect(zoomLabel(2, 2)).toBe('200%')
})
