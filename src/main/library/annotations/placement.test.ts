import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NewPdfAnnotation, PdfAnnotation, PdfRect } from '../../../shared/models'
import { layoutPage, lineRects, quoteContext } from '../../../shared/pdfLayout'
import { openLibrary, type Library } from '../library'
import { paperPdf } from '../testing/paperPdf'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const opened: Library[] = []
afterEach(() => {
  for (const library of opened.splice(0)) library.close()
})

/** The same paper twice: v2's longer title pushes its text down, onto other pages. */
const VERSION = { pages: 3, seed: 7 }
const v1 = () => paperPdf({ ...VERSION, title: 'Short title' })
const v2 = () =>
  paperPdf({
    ...VERSION,
    title:
      'A much longer title that now takes two full lines at the top of the first page of this paper',
  })

/**
 * Four words of page text `a`, from its `from`th word on, that page text `b` has once at
 * another place: text that a new version prints elsewhere.
 */
function sharedQuote(a: string, b: string, from: number): string {
  const words = a.split(' ')
  for (let i = from; i + 4 < words.length; i++) {
    const quote = words.slice(i, i + 4).join(' ')
    const [at, there] = [a.indexOf(quote), b.indexOf(quote)]
    if (there >= 0 && there !== at && b.indexOf(quote, there + 1) < 0) return quote
  }
  throw new Error('the versions share no text here')
}

async function libraryWithPaper(dir = tempDir()) {
  const library = open(dir)
  await library.importFiles([SEED_DIGEST])
  return library
}

function open(dir: string) {
  let clock = Date.UTC(2026, 10, 30, 12)
  const library = openLibrary(dir, { now: () => (clock += 1000) })
  opened.push(library)
  return library
}

/** The layout of a stored file's page (0-based), from its text items. */
async function pageOf(library: Library, sha256: string, pageIndex: number) {
  const pieces = (await library.pdfs.pieces(sha256, [pageIndex + 1]))!.get(pageIndex + 1)!
  return { pieces, layout: layoutPage(pieces) }
}

/** A highlight of `quote` on a page, made as the reader makes it from the page's layout. */
async function highlightOf(
  library: Library,
  sha256: string,
  pageIndex: number,
  quote: string,
): Promise<NewPdfAnnotation> {
  const { pieces, layout } = await pageOf(library, sha256, pageIndex)
  const start = layout.text.indexOf(quote)
  expect(start).toBeGreaterThanOrEqual(0)
  return {
    paperId: 1,
    sha256,
    type: 'highlight',
    color: 'green',
    comment: `on "${quote}"`,
    position: { pageIndex, rects: lineRects(pieces, layout, start, start + quote.length) },
    quote,
    ...quoteContext(layout.text, start, start + quote.length),
    offset: start,
  }
}

const byComment = (annotations: readonly PdfAnnotation[], comment: string) =>
  annotations.find((a) => a.comment === comment)!

/** Where `quote` is in a file: its page and its rectangles there. */
async function expectedPlace(library: Library, sha256: string, quote: string) {
  for (let pageIndex = 0; pageIndex < 3; pageIndex++) {
    const { pieces, layout } = await pageOf(library, sha256, pageIndex)
    const start = layout.text.indexOf(quote)
    if (start >= 0) {
      return { pageIndex, rects: lineRects(pieces, layout, start, start + quote.length) }
    }
  }
  throw new Error(`"${quote}" is not in the file`)
}

describe('annotations follow a new version of the PDF', () => {
  it('moves what is found to v2, keeps the rest detached, and never drops one', async () => {
    const library = await libraryWithPaper()
    const [pdf1, pdf2] = [await v1(), await v2()]
    const first = await library.pdfs.attach(1, { name: 'paper-v1.pdf', data: pdf1.bytes })
    await library.pdfs.whenTextIdle()
    const sha1 = first.files[0]!.sha256

    // Quotes of v1: one v2 prints elsewhere on its page, one on the next page, the title.
    const rare = sharedQuote(pdf1.pageTexts[2]!, pdf2.pageTexts[2]!, 100)
    const moving = sharedQuote(pdf2.pageTexts[1]!, pdf1.pageTexts[0]!, 0)
    library.annotations.create(await highlightOf(library, sha1, 2, rare))
    library.annotations.create(await highlightOf(library, sha1, 0, moving))
    library.annotations.create(await highlightOf(library, sha1, 0, 'Short title'))
    // A note pinned left of the first word of that quote.
    const page3 = await pageOf(library, sha1, 2)
    const noteAt = page3.layout.text.indexOf(rare)
    const [word] = lineRects(page3.pieces, page3.layout, noteAt, noteAt + 1)
    const pin: PdfRect = [word![0] - 30, word![1], word![0] - 10, word![1] + 20]
    library.annotations.create({
      paperId: 1,
      sha256: sha1,
      type: 'note',
      color: 'yellow',
      comment: 'note',
      position: { pageIndex: 2, rects: [pin] },
      quote: '',
      ...quoteContext(page3.layout.text, noteAt, noteAt),
      offset: noteAt,
    })

    const placed: number[] = []
    library.pdfs.onPlaced((paperId) => placed.push(paperId))
    const second = await library.pdfs.attach(1, { name: 'paper-v2.pdf', data: pdf2.bytes })
    const sha2 = second.files[1]!.sha256
    // Until v2's text is read, every annotation is on the earlier version.
    expect(second.annotations.every((a) => a.detached === 'earlier-version')).toBe(true)
    await library.pdfs.whenTextIdle()
    expect(placed).toEqual([1])

    const after = library.getPaper(1).annotations
    expect(after).toHaveLength(4)
    for (const quote of [rare, moving]) {
      const annotation = byComment(after, `on "${quote}"`)
      expect(annotation).toMatchObject({ sha256: sha2, detached: null, quote })
      expect(annotation.position).toEqual(await expectedPlace(library, sha2, quote))
    }
    // The text v1 had on page 1 is on page 2 of v2.
    expect(byComment(after, `on "${moving}"`).position.pageIndex).toBe(1)

    const title = byComment(after, 'on "Short title"')
    expect(title).toMatchObject({ sha256: sha1, detached: 'earlier-version', quote: 'Short title' })

    // The note kept its place beside the quote's first word, wherever v2 prints it.
    const note = byComment(after, 'note')
    expect(note).toMatchObject({ sha256: sha2, detached: null })
    const there = await expectedPlace(library, sha2, rare)
    const [x1, y1] = there.rects[0]!
    expect(note.position.pageIndex).toBe(there.pageIndex)
    expect(note.position.rects[0]![0]).toBeCloseTo(x1 - 30)
    expect(note.position.rects[0]![1]).toBeCloseTo(y1)
    // Placed ones come first; the detached one last.
    expect(after.at(-1)!.comment).toBe('on "Short title"')

    // Removing v1: what was not placed is kept, its file now gone.
    const removed = library.pdfs.remove(1, sha1)
    await library.pdfs.whenTextIdle()
    expect(removed.annotations).toHaveLength(4)
    expect(byComment(removed.annotations, 'on "Short title"').detached).toBe('file-removed')
    expect(removed.annotations.filter((a) => a.detached === null)).toHaveLength(3)
  })

  it('moves annotations back when the newest file is removed, and at once to bytes already read', async () => {
    const library = await libraryWithPaper()
    const [pdf1, pdf2] = [await v1(), await v2()]
    // v2 is paper 2's too, its text read before paper 1 gets it.
    const other = await library.pdfs.attach(2, { name: 'v2.pdf', data: pdf2.bytes })
    const sha2 = other.files[0]!.sha256
    const sha1 = (await library.pdfs.attach(1, { name: 'v1.pdf', data: pdf1.bytes })).files[0]!
      .sha256
    await library.pdfs.whenTextIdle()
    const rare = sharedQuote(pdf1.pageTexts[2]!, pdf2.pageTexts[2]!, 100)
    library.annotations.create(await highlightOf(library, sha1, 2, rare))

    await library.pdfs.attach(1, { name: 'v2.pdf', data: pdf2.bytes })
    await library.pdfs.whenTextIdle()
    expect(library.getPaper(1).annotations[0]).toMatchObject({ sha256: sha2, detached: null })

    library.pdfs.remove(1, sha2)
    await library.pdfs.whenTextIdle()
    const [back] = library.getPaper(1).annotations
    expect(back).toMatchObject({ sha256: sha1, detached: null })
    expect(back!.position).toEqual(await expectedPlace(library, sha1, rare))
  })
  it('places, after the next opening, what a run that quit first left on an earlier file', async () => {
    const dir = tempDir()
    const library = await libraryWithPaper(dir)
    const [pdf1, pdf2] = [await v1(), await v2()]
    const sha1 = (await library.pdfs.attach(1, { name: 'v1.pdf', data: pdf1.bytes })).files[0]!
      .sha256
    await library.pdfs.whenTextIdle()
    const rare = sharedQuote(pdf1.pageTexts[2]!, pdf2.pageTexts[2]!, 100)
    library.annotations.create(await highlightOf(library, sha1, 2, rare))
    await library.pdfs.attach(1, { name: 'v2.pdf', data: pdf2.bytes })
    await library.pdfs.whenTextIdle()
    // As a run that quit between storing v2's text and placing leaves it:
    library.db.prepare('UPDATE pdf_annotations SET sha256 = ?').run(sha1)
    library.close()

    const reopened = open(dir)
    expect(reopened.getPaper(1).annotations[0]!.detached).toBe('earlier-version')
    await vi.waitFor(() => expect(reopened.getPaper(1).annotations[0]!.detached).toBeNull(), {
      timeout: 15_000,
    })
  })
})
