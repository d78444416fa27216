import type { PageViewport } from 'pdfjs-dist'
import { expect, it } from 'vitest'
import type { PdfAnnotation, PdfRect } from '../../../shared/models'
import { boxRect, rectBox, rectsOnPage } from './annotationLayer'

/** A viewport of a 612 × 792 page as pdf.js makes it: an affine map from PDF space. */
function viewport(rotation: 0 | 90): PageViewport {
  // PDF space has y up; the page as shown has y down (and, turned, x and y swapped).
  const [a, b, c, d, e, f] = rotation === 0 ? [1, 0, 0, -1, 0, 792] : [0, 1, 1, 0, 0, 0]
  const [width, height] = rotation === 0 ? [612, 792] : [792, 612]
  return {
    width,
    height,
    convertToViewportPoint: (x: number, y: number) => [a * x + c * y + e, b * x + d * y + f],
    convertToPdfPoint: (x: number, y: number) => {
      const det = a * d - b * c
      return [(d * (x - e) - c * (y - f)) / det, (-b * (x - e) + a * (y - f)) / det]
    },
  } as unknown as PageViewport
}

it('a rectangle in PDF space is a box in fractions of the page as shown, top left first', () => {
  const box = rectBox(viewport(0), [61.2, 712.8, 122.4, 792])
  expect(box.left).toBeCloseTo(0.1)
  expect(box.top).toBeCloseTo(0)
  expect(box.width).toBeCloseTo(0.1)
  expect(box.height).toBeCloseTo(0.1)
})

it('on a turned page the box turns with it, and goes back to the same rectangle', () => {
  const rect: PdfRect = [61.2, 712.8, 122.4, 792]
  for (const rotation of [0, 90] as const) {
    const box = rectBox(viewport(rotation), rect)
    expect(box.width).toBeGreaterThan(0)
    expect(box.height).toBeGreaterThan(0)
    boxRect(viewport(rotation), box).forEach((value, i) => expect(value).toBeCloseTo(rect[i]!))
  }
  expect(rectBox(viewport(90), rect).left).toBeCloseTo(712.8 / 792)
})

it('text running on past a page is drawn on the next page from its own rectangles', () => {
  const annotation = {
    position: { pageIndex: 2, rects: [[1, 2, 3, 4]], nextPageRects: [[5, 6, 7, 8]] },
  } as unknown as PdfAnnotation
  expect(rectsOnPage(annotation, 2)).toEqual([[1, 2, 3, 4]])
  expect(rectsOnPage(annotation, 3)).toEqual([[5, 6, 7, 8]])
  expect(rectsOnPage(annotation, 4)).toEqual([])
})
