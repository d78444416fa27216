import { describe, expect, it } from 'vitest'
import type { PdfRect } from '../../../shared/models'
import { paperPdf } from '../testing/paperPdf'
import { pageTexts, readPdfAnnotations } from '../testing/readPdfAnnotations'
import { annotatedPdf, PDF_COLORS, type PdfAnnotationToWrite } from './annotatedPdf'

const CREATED = Date.UTC(2026, 7, 6, 9, 30, 0)
const CHANGED = Date.UTC(2026, 7, 7, 18, 5, 0)

const annotation = (
  id: number,
  fields: Pick<PdfAnnotationToWrite, 'type' | 'position'> & Partial<PdfAnnotationToWrite>,
): PdfAnnotationToWrite => ({
  id,
  color: 'yellow',
  comment: null,
  createdAt: CREATED,
  updatedAt: CHANGED,
  ...fields,
})

const lines: PdfRect[] = [
  [72.5, 600.25, 296, 610.75],
  [72, 588, 180.125, 598.5],
]

const ANNOTATIONS: PdfAnnotationToWrite[] = [
  annotation(7, {
    type: 'highlight',
    comment: 'Überraschend: <b>not bold</b> & 𝔘 — "quoted"',
    position: { pageIndex: 0, rects: lines },
  }),
  annotation(8, {
    type: 'underline',
    color: 'blue',
    position: {
      pageIndex: 1,
      rects: [[316, 96, 540, 106]],
      nextPageRects: [[72, 700, 150, 710]],
    },
  }),
  annotation(9, {
    type: 'note',
    color: 'pink',
    comment: 'Check the second proof.',
    position: { pageIndex: 0, rects: [[300, 400, 322, 422]] },
  }),
  annotation(10, {
    type: 'area',
    color: 'green',
    comment: 'Figure 2',
    position: { pageIndex: 2, rects: [[316.4, 300, 540, 420.6]] },
  }),
]

const rgb = (color: keyof typeof PDF_COLORS) => PDF_COLORS[color].map((c) => Math.round(c * 255))

/** pdf.js's flat QuadPoints of these rects: top left, top right, bottom left, bottom right. */
const quads = (rects: PdfRect[]) =>
  rects.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1])

describe('annotatedPdf', () => {
  it('writes each annotation as a standard PDF annotation that pdf.js reads back', async () => {
    const pdf = await paperPdf({ pages: 3, seed: 4 })
    const original = pdf.bytes.slice()
    const out = await annotatedPdf(pdf.bytes, ANNOTATIONS)
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(original))).toBe(true)

    const found = await readPdfAnnotations(out)
    const common = { title: 'Margin', modified: 'D:20260807180500Z', created: 'D:20260806093000Z' }
    expect(found.map(({ page, subtype }) => [page, subtype])).toEqual([
      [1, 'Highlight'],
      [1, 'Text'],
      [2, 'Underline'],
      [3, 'Underline'],
      [3, 'Square'],
    ])
    const [highlight, note, underline, underlineGoesOn, area] = found
    expect(highlight).toMatchObject({
      ...common,
      rect: [72, 588, 296, 610.75],
      contents: 'Überraschend: <b>not bold</b> & 𝔘 — "quoted"',
      color: rgb('yellow'),
    })
    expect(highlight!.quadPoints).toEqual(
      quads([
        [72.5, 600.25, 296, 610.75],
        [72, 588, 180.13, 598.5],
      ]),
    )
    // A note without an appearance of its own is drawn as an icon at its rectangle's top left.
    expect(note).toMatchObject({ ...common, contents: 'Check the second proof.', name: 'Comment' })
    expect([note!.rect[0], note!.rect[3]]).toEqual([300, 422])
    expect(underline).toMatchObject({ ...common, rect: [316, 96, 540, 106], contents: '' })
    expect(underline!.quadPoints).toEqual(quads([[316, 96, 540, 106]]))
    expect(underline!.color).toEqual(rgb('blue'))
    expect(underlineGoesOn!.quadPoints).toEqual(quads([[72, 700, 150, 710]]))
    expect(area).toMatchObject({
      ...common,
      rect: [316.4, 300, 540, 420.6],
      contents: 'Figure 2',
      color: rgb('green'),
      quadPoints: null,
    })
  })

  it("keeps the PDF's own annotations, pages and text", async () => {
    const pdf = await paperPdf({ pages: 2, seed: 9, links: true })
    const out = await annotatedPdf(pdf.bytes, [ANNOTATIONS[0]!])
    const found = await readPdfAnnotations(out)
    expect(found.map((a) => a.subtype)).toEqual(['Link', 'Link', 'Highlight'])
    expect(await pageTexts(out)).toEqual(await pageTexts(pdf.bytes))
  })

  it('refuses an annotation on a page the PDF does not have, and bytes that are not a PDF', async () => {
    const pdf = await paperPdf({ pages: 1, seed: 1 })
    await expect(annotatedPdf(pdf.bytes, [ANNOTATIONS[1]!])).rejects.toThrow(
      'Annotation 8 is on page 2, which this PDF (1 pages) does not have.',
    )
    await expect(annotatedPdf(new TextEncoder().encode('<html>'), [])).rejects.toMatchObject({
      code: 'NOT_A_PDF',
    })
  })
})
