import { describe, expect, it } from 'vitest'
import { loadPdfJs, SAFE_DOCUMENT_OPTIONS } from '../files/pdfjsNode'
import { paperPageTexts, paperPdf } from './paperPdf'

/** pdf.js's text of each page, lines kept: items joined, a line break after each line's end. */
async function extract(bytes: Uint8Array) {
  const pdfjs = await loadPdfJs()
  const task = pdfjs.getDocument({ ...SAFE_DOCUMENT_OPTIONS, data: bytes.slice() })
  const doc = await task.promise
  const pages: string[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number)
    const content = await page.getTextContent()
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
        .join(''),
    )
  }
  return { doc, pages, close: () => task.destroy() }
}

/** A line-end hyphen between letters joins the word; all whitespace becomes one space. */
function joinLines(text: string): string {
  return text
    .replace(/(\p{L})-\n(\p{L})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim()
}

describe('paperPdf', () => {
  it('makes the pages asked for, whose text pdf.js reads back as pageTexts says', async () => {
    const pdf = await paperPdf({ pages: 4, seed: 3, arxivId: '2408.01234' })
    const { doc, pages, close } = await extract(pdf.bytes)
    expect(doc.numPages).toBe(4)
    expect(pdf.pageTexts).toHaveLength(4)
    pages.forEach((text, index) => expect(joinLines(text)).toBe(pdf.pageTexts[index]))
    for (const text of pdf.pageTexts) {
      expect(text.length).toBeGreaterThan(2500)
      expect(text.length).toBeLessThan(3800)
    }
    // Words are split at line ends, as LaTeX does and as pdf.js keeps them.
    expect(pages.join('\n')).toMatch(/\p{L}-\n\p{L}/u)
    expect(pages[0]).toContain('arXiv:2408.01234v1 [cs.LG]')
    expect(pages[0]).toContain(pdf.title.split(' ')[0])
    await close()
  })

  it('puts a body word hyphenated across a line end on the page asked for', async () => {
    const pdf = await paperPdf({
      pages: 5,
      seed: 11,
      bodyWords: [{ word: 'zyxquorbance', page: 3, hyphenate: true }, 'plonkwise'],
    })
    const { pages, close } = await extract(pdf.bytes)
    const splits = [...pages[2]!.matchAll(/(\p{L}+)-\n(\p{L}+)/gu)]
    expect(splits.map(([, start, end]) => start! + end!)).toContain('zyxquorbance')
    expect(pages[2]).not.toContain('zyxquorbance')
    expect(pdf.pageTexts[2]).toContain(' zyxquorbance ')
    pages.forEach((text, index) => index !== 2 && expect(text).not.toMatch(/zyx|bance/))
    expect(pages[0]).toContain('plonkwise')
    expect(pdf.pageTexts.filter((text) => text.includes('plonkwise'))).toHaveLength(1)
    await close()
  })

  it('is deterministic from its seed, bytes included', async () => {
    const [a, b, c] = await Promise.all([
      paperPdf({ pages: 2, seed: 5 }),
      paperPdf({ pages: 2, seed: 5 }),
      paperPdf({ pages: 2, seed: 6 }),
    ])
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
    expect(a.pageTexts).toEqual(b.pageTexts)
    expect(c.pageTexts[0]).not.toBe(a.pageTexts[0])
  })

  it('adds an outline, an http link and an internal link when asked', async () => {
    const pdf = await paperPdf({ pages: 6, seed: 2, outline: true, links: true })
    const { doc, close } = await extract(pdf.bytes)
    const outline = await doc.getOutline()
    expect(outline.map((item) => item.title)).toEqual(pdf.outline?.map((entry) => entry.title))
    expect(outline.length).toBeGreaterThan(2)
    const last = pdf.outline!.at(-1)!
    const dest = outline.at(-1)!.dest as unknown[]
    expect(await doc.getPageIndex(dest[0] as never)).toBe(last.page - 1)

    const annotations = await (await doc.getPage(1)).getAnnotations()
    const links = annotations.filter((annotation) => annotation.subtype === 'Link')
    expect(links.map((link) => link.url).filter(Boolean)).toEqual([pdf.links!.url])
    const goto = links.find((link) => link.dest)
    expect(await doc.getPageIndex(goto.dest[0])).toBe(pdf.links!.gotoPage - 1)
    await close()
  })

  it('gives the same page texts without drawing, and uses a vocabulary when given one', async () => {
    const options = { pages: 3, seed: 8, vocabulary: { topic: ['quokkanet'], tail: ['brimvex'] } }
    const pdf = await paperPdf(options)
    expect(await paperPageTexts(options)).toEqual(pdf.pageTexts)
    const text = pdf.pageTexts.join(' ')
    expect(text).toContain('quokkanet')
    expect(text).toContain('brimvex')
    expect((await paperPdf({ pages: 3, seed: 8 })).pageTexts.join(' ')).not.toContain('quokkanet')
  })

  it('refuses a body word it cannot place as asked', async () => {
    await expect(paperPdf({ pages: 2, bodyWords: [{ word: 'absent', page: 3 }] })).rejects.toThrow(
      /page 3/,
    )
    await expect(
      paperPdf({ pages: 1, bodyWords: [{ word: 'zyx', page: 1, hyphenate: true }] }),
    ).rejects.toThrow(/5 letters/)
  })
})
