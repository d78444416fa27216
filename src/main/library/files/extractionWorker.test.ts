import { afterEach, describe, expect, it } from 'vitest'
import { layoutPage, lineRects } from '../../../shared/pdfLayout'
import { paperPdf } from '../testing/paperPdf'
import { useTempDir, writeFile } from '../testing/tempDirs'
import { createPdfWorker } from './extractionWorker'

const tempDir = useTempDir()
const worker = createPdfWorker()
afterEach(() => worker.stop())

describe('pdf worker: pieces', () => {
  it('gives the text items of the pages asked for, which lay out as the page text', async () => {
    const pdf = await paperPdf({
      pages: 3,
      seed: 5,
      bodyWords: [{ word: 'zyxquorbance', page: 2, hyphenate: true }],
    })
    const path = writeFile(tempDir(), 'paper.pdf', pdf.bytes)
    const pages = await worker.pieces(path, [2, 9])
    expect([...pages.keys()]).toEqual([2])
    const pieces = pages.get(2)!
    const layout = layoutPage(pieces)
    expect(layout.text).toBe(pdf.pageTexts[1])

    // The hyphenated word is marked on two lines, each inside one column of the page.
    const start = layout.text.indexOf('zyxquorbance')
    const rects = lineRects(pieces, layout, start, start + 'zyxquorbance'.length)
    expect(rects).toHaveLength(2)
    for (const [x1, y1, x2, y2] of rects) {
      expect(x1).toBeGreaterThanOrEqual(72 - 1)
      expect(x2).toBeLessThanOrEqual(612 - 72 + 1)
      expect(x2 - x1).toBeGreaterThan(5)
      expect(y2 - y1).toBeGreaterThan(8)
      expect(y2 - y1).toBeLessThan(14)
    }
    expect(rects[0]![1]).toBeGreaterThan(rects[1]![1])
  })

  it('refuses a file that is not a PDF', async () => {
    const path = writeFile(tempDir(), 'not.pdf', 'hello')
    await expect(worker.pieces(path, [1])).rejects.toThrow()
  })
})
