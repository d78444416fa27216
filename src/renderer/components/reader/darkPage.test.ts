import { expect, it } from 'vitest'
import { DARK_INK, DARK_PAPER, darkenPixels, imageRects } from './darkPage'

const pixels = (...colours: number[][]) =>
  new Uint8ClampedArray(colours.flatMap((c) => [...c, 255]))

it('turns white paper dark and black ink light', () => {
  const data = pixels([255, 255, 255], [0, 0, 0])
  darkenPixels(data, 2, 1, [])
  expect([...data]).toEqual([
    DARK_PAPER,
    DARK_PAPER,
    DARK_PAPER,
    255,
    DARK_INK,
    DARK_INK,
    DARK_INK,
    255,
  ])
})

it('keeps the hue of a coloured line: red stays red, light blue becomes dark blue', () => {
  const data = pixels([255, 0, 0], [200, 200, 255])
  darkenPixels(data, 2, 1, [])
  const [r, g, b, , r2, g2, b2] = data
  expect(r).toBeGreaterThan(g! + 100)
  expect(g).toBe(b)
  expect(b2).toBeGreaterThan(r2!)
  expect(r2).toBe(g2)
  expect(b2).toBeLessThan(100)
})

it('leaves the pixels of raster images as they are', () => {
  const data = pixels([255, 255, 255], [255, 255, 255], [255, 255, 255], [255, 255, 255])
  darkenPixels(data, 2, 2, [{ x0: 1, y0: 0, x1: 2, y1: 1 }])
  expect(data[0]).toBe(DARK_PAPER)
  expect(data[4]).toBe(255)
  expect(data[8]).toBe(DARK_PAPER)
  expect(data[12]).toBe(DARK_PAPER)
})

it('turns image corners (fractions of the canvas) into enclosing pixel rectangles', () => {
  expect(imageRects([0.1, 0.2, 0.1, 0.6, 0.5, 0.2], 100, 50)).toEqual([
    { x0: 10, y0: 10, x1: 50, y1: 30 },
  ])
  expect(imageRects(null, 10, 10)).toEqual([])
  expect(imageRects([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 10, 10)).toEqual([])
})
