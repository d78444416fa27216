import { afterEach, describe, expect, it } from 'vitest'
import type { PdfRect } from '../../../shared/models'
import type { Library } from '../library'
import { libraryWithPdf, newAnnotation, pdfOfPages, PNG_BYTES } from '../testing/annotatedPaper'
import { refusal } from '../testing/refusal'
import { useTempDir, writeFile } from '../testing/tempDirs'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 10, 30, 12)
let clock = NOW
const opened: Library[] = []

async function annotatable(pages = 3) {
  clock = NOW
  const dir = tempDir()
  const made = await libraryWithPdf(dir, { pages, now: () => clock })
  opened.push(made.library)
  return { ...made, dir }
}

afterEach(() => {
  for (const library of opened.splice(0)) library.close()
})

const count = (library: Library) =>
  library.db.prepare('SELECT count(*) FROM pdf_annotations').pluck().get() as number

describe('PDF annotations', () => {
  it('creates a highlight with its comment, place in reading order and times', async () => {
    const { library, sha256 } = await annotatable()
    const paper = library.annotations.create(
      newAnnotation(sha256, { comment: 'the main claim', offset: 8 }),
    )
    expect(paper.annotations).toEqual([
      {
        id: 1,
        paperId: 1,
        sha256,
        type: 'highlight',
        color: 'yellow',
        comment: 'the main claim',
        position: { pageIndex: 0, rects: [[72, 718, 200, 731]] },
        quote: 'Version 1',
        prefix: '',
        suffix: ', page 1.',
        sortKey: '00000|000008|99268',
        hasImage: false,
        createdAt: NOW,
        updatedAt: NOW,
        detached: null,
      },
    ])
    expect(library.getPaper(1).annotations).toEqual(paper.annotations)
    expect(library.annotations.forPaper(1)).toEqual(paper.annotations)
  })

  it('lists them by page, then place in the text, then height on the page', async () => {
    const { library, sha256 } = await annotatable()
    const at = (pageIndex: number, offset: number, top: number, quote: string) =>
      library.annotations.create(
        newAnnotation(sha256, {
          position: { pageIndex, rects: [[72, top - 12, 200, top]] },
          offset,
          quote,
        }),
      )
    at(2, 0, 700, 'third page')
    at(0, 40, 700, 'later in the text')
    at(0, 5, 300, 'lower')
    at(0, 5, 600, 'higher')
    const quotes = library.getPaper(1).annotations.map((a) => a.quote)
    expect(quotes).toEqual(['higher', 'lower', 'later in the text', 'third page'])
  })

  it('keeps a note and an area, the area with its picture', async () => {
    const { library, sha256 } = await annotatable()
    const note = { pageIndex: 1, rects: [[100, 500, 120, 520]] as PdfRect[] }
    library.annotations.create(
      newAnnotation(sha256, { type: 'note', quote: '', position: note, comment: 'see §3' }),
    )
    const paper = library.annotations.create(
      newAnnotation(sha256, {
        type: 'area',
        quote: '',
        position: { pageIndex: 1, rects: [[50, 100, 300, 400]] },
        image: PNG_BYTES,
      }),
    )
    const [noteRow, area] = paper.annotations
    expect(noteRow).toMatchObject({ type: 'note', comment: 'see §3', hasImage: false })
    expect(area).toMatchObject({ type: 'area', hasImage: true })
    expect(library.annotations.image(area!.id)).toEqual(PNG_BYTES)
    expect(library.annotations.image(noteRow!.id)).toBeNull()
  })

  it('keeps a selection that runs on to the next page', async () => {
    const { library, sha256 } = await annotatable()
    const position = {
      pageIndex: 0,
      rects: [[72, 60, 540, 72]],
      nextPageRects: [[72, 720, 300, 732]],
    } as const
    const paper = library.annotations.create(
      newAnnotation(sha256, { position: structuredClone(position) as never }),
    )
    expect(paper.annotations[0]!.position).toEqual(position)
  })

  it('changes the colour, the comment, or both; an empty comment is none', async () => {
    const { library, sha256 } = await annotatable()
    library.annotations.create(newAnnotation(sha256, { comment: 'first' }))
    clock = NOW + 1000
    expect(library.annotations.update(1, { color: 'blue' }).annotations[0]).toMatchObject({
      color: 'blue',
      comment: 'first',
      updatedAt: NOW + 1000,
      createdAt: NOW,
    })
    expect(library.annotations.update(1, { comment: 'second' }).annotations[0]).toMatchObject({
      color: 'blue',
      comment: 'second',
    })
    expect(library.annotations.update(1, { comment: '  ' }).annotations[0]!.comment).toBeNull()
    expect(refusal(() => library.annotations.update(9, { color: 'pink' })).code).toBe('NOT_FOUND')
  })

  it('deletes one, and a restore brings it back under its own id with its picture', async () => {
    const { library, sha256 } = await annotatable()
    const made = library.annotations.create(
      newAnnotation(sha256, {
        type: 'area',
        quote: '',
        comment: 'figure 2',
        position: { pageIndex: 1, rects: [[50, 100, 300, 400]] },
        image: PNG_BYTES,
      }),
    ).annotations[0]!
    expect(library.annotations.delete(made.id).annotations).toEqual([])
    const restored = library.annotations.restore({ annotation: made, image: PNG_BYTES })
    expect(restored.annotations).toEqual([made])
    expect(library.annotations.image(made.id)).toEqual(PNG_BYTES)

    const again = refusal(() => library.annotations.restore({ annotation: made }))
    expect(again.message).toMatch(/already there/)
    // Ids are never reused: a new one after a delete gets a new id.
    library.annotations.delete(made.id)
    const next = library.annotations.create(newAnnotation(sha256)).annotations[0]!
    expect(next.id).toBe(made.id + 1)
    expect(refusal(() => library.annotations.delete(made.id)).code).toBe('NOT_FOUND')
  })

  it('restores a highlight of the abstract under its own id', async () => {
    const { library } = await annotatable()
    const made = library.createHighlight({
      paperId: 1,
      start: 0,
      end: 16,
      color: 'green',
      comment: 'x',
    })
    const highlight = made.highlights[0]!
    expect(library.deleteHighlight(highlight.id).highlights).toEqual([])
    expect(library.restoreHighlight(highlight).highlights).toEqual([highlight])
    expect(refusal(() => library.restoreHighlight(highlight)).message).toMatch(/already there/)
  })
})

describe('what an annotation may be', () => {
  const refusals: Array<
    [
      string,
      (sha256: string, other: string) => Parameters<Library['annotations']['create']>[0],
      RegExp,
    ]
  > = [
    [
      'a page past the end',
      (sha) => newAnnotation(sha, { position: { pageIndex: 3, rects: [[1, 1, 2, 2]] } }),
      /Page 4 is not in this PDF, which has 3 pages/,
    ],
    [
      'a next page past the end',
      (sha) =>
        newAnnotation(sha, {
          position: { pageIndex: 2, rects: [[1, 1, 2, 2]], nextPageRects: [[1, 1, 2, 2]] },
        }),
      /Page 4 is not/,
    ],
    [
      'a negative page',
      (sha) => newAnnotation(sha, { position: { pageIndex: -1, rects: [[1, 1, 2, 2]] } }),
      /not a page index/,
    ],
    ['a file of another paper', (_sha, other) => newAnnotation(other), /has no PDF with SHA-256/],
    ['a file of no paper', () => newAnnotation('f'.repeat(64)), /has no PDF with SHA-256/],
    [
      'a rectangle that is not finite',
      (sha) => newAnnotation(sha, { position: { pageIndex: 0, rects: [[0, 0, Number.NaN, 10]] } }),
      /four finite numbers/,
    ],
    [
      'an infinite rectangle',
      (sha) => newAnnotation(sha, { position: { pageIndex: 0, rects: [[0, 0, Infinity, 10]] } }),
      /four finite numbers/,
    ],
    [
      'a rectangle off any page',
      (sha) => newAnnotation(sha, { position: { pageIndex: 0, rects: [[0, 0, 1e7, 10]] } }),
      /off any page/,
    ],
    [
      'a rectangle upside down',
      (sha) => newAnnotation(sha, { position: { pageIndex: 0, rects: [[10, 10, 0, 20]] } }),
      /\[left, bottom, right, top\]/,
    ],
    [
      'no rectangle',
      (sha) => newAnnotation(sha, { position: { pageIndex: 0, rects: [] } }),
      /at least one rectangle/,
    ],
    [
      '501 rectangles',
      (sha) =>
        newAnnotation(sha, {
          position: {
            pageIndex: 0,
            rects: Array.from({ length: 501 }, () => [1, 1, 2, 2] as PdfRect),
          },
        }),
      /at most 500 rectangles/,
    ],
    [
      'an area of two rectangles',
      (sha) =>
        newAnnotation(sha, {
          type: 'area',
          quote: '',
          position: {
            pageIndex: 0,
            rects: [
              [1, 1, 2, 2],
              [3, 3, 4, 4],
            ],
          },
        }),
      /one rectangle on one page/,
    ],
    [
      'a highlight of nothing',
      (sha) => newAnnotation(sha, { quote: ' ' }),
      /select words to highlight/,
    ],
    [
      'a quote of 20,001 characters',
      (sha) => newAnnotation(sha, { quote: 'q'.repeat(20_001) }),
      /at most 20000/,
    ],
    [
      'a prefix of 65 characters',
      (sha) => newAnnotation(sha, { prefix: 'p'.repeat(65) }),
      /at most 64 characters/,
    ],
    [
      'a comment of 20,001 characters',
      (sha) => newAnnotation(sha, { comment: 'c'.repeat(20_001) }),
      /a comment holds at most 20000/,
    ],
    [
      'a picture over 4 MB',
      (sha) => newAnnotation(sha, { type: 'area', quote: '', image: pngOf(4 * 1024 * 1024 + 1) }),
      /at most 4194304 bytes/,
    ],
    [
      'a picture that is not a PNG',
      (sha) =>
        newAnnotation(sha, {
          type: 'area',
          quote: '',
          image: new TextEncoder().encode('<svg onload=alert(1)>'),
        }),
      /not a PNG/,
    ],
    [
      'a picture on a highlight',
      (sha) => newAnnotation(sha, { image: PNG_BYTES }),
      /Only an area annotation has a picture/,
    ],
  ]

  it.each(refusals)('refuses %s, and writes nothing', async (_name, request, message) => {
    const { library, sha256, dir } = await annotatable()
    await library.importFiles([
      writeFile(dir, 'aug7.txt', 'Aug 7\n\nAnother paper\n\nIts abstract.\n'),
    ])
    const other = (await library.pdfs.attach(2, { name: 'b.pdf', data: await pdfOfPages(2, 9) }))
      .files[0]!.sha256
    const error = refusal(() => library.annotations.create(request(sha256, other)))
    expect(error.message).toMatch(message)
    expect(count(library)).toBe(0)
  })

  it('refuses a paper that is not there', async () => {
    const { library, sha256 } = await annotatable()
    const error = refusal(() =>
      library.annotations.create({ ...newAnnotation(sha256), paperId: 7 }),
    )
    expect(error.code).toBe('NOT_FOUND')
  })
})

function pngOf(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  bytes.set(PNG_BYTES)
  return bytes
}

describe('detached annotations', () => {
  it('stay on an earlier version, then lose their file, never dropped', async () => {
    const { library, sha256: v1 } = await annotatable()
    library.annotations.create(newAnnotation(v1, { quote: 'only in the first version' }))
    const withV2 = await library.pdfs.attach(1, { name: 'v2.pdf', data: await pdfOfPages(2, 2) })
    const v2 = withV2.files.at(-1)!.sha256
    expect(withV2.annotations.map((a) => [a.sha256, a.detached])).toEqual([[v1, 'earlier-version']])
    // One made on the new file is placed, and listed before the detached one.
    const both = library.annotations.create(
      newAnnotation(v2, { quote: 'Version 2', position: { pageIndex: 1, rects: [[1, 1, 2, 2]] } }),
    )
    expect(both.annotations.map((a) => [a.quote, a.detached])).toEqual([
      ['Version 2', null],
      ['only in the first version', 'earlier-version'],
    ])
    const removed = library.pdfs.remove(1, v1)
    expect(removed.annotations.map((a) => a.detached)).toEqual([null, 'file-removed'])
    // A page the current file does not have (a restore of one made on a longer file).
    const gone = { ...removed.annotations[1]!, id: 50, sha256: v2 }
    gone.position = { pageIndex: 2, rects: [[1, 1, 2, 2]] }
    const restored = library.annotations.restore({ annotation: gone })
    expect(restored.annotations.map((a) => [a.id, a.detached])).toEqual([
      [2, null],
      [1, 'file-removed'],
      [50, 'page-missing'],
    ])
  })
})

describe('searching annotations', () => {
  it('finds a paper by an annotation’s quote or comment and says on which pages', async () => {
    const { library, sha256 } = await annotatable()
    library.annotations.create(
      newAnnotation(sha256, {
        quote: 'quokkas hop',
        position: { pageIndex: 2, rects: [[1, 1, 2, 2]] },
      }),
    )
    library.annotations.create(
      newAnnotation(sha256, { quote: 'plain words', comment: 'like quokkas' }),
    )
    library.annotations.create(newAnnotation(sha256, { quote: 'nothing of interest' }))
    const [paper] = library.searchPapers({}, 'quokkas').papers
    expect(paper).toMatchObject({ id: 1, match: { annotationPages: [1, 3] } })
    // Words only in the abstract: no annotation pages.
    const [byAbstract] = library.searchPapers({}, 'sparse').papers
    expect(byAbstract!.match).not.toHaveProperty('annotationPages')
  })

  it('has:highlight and has:annotation find papers with PDF annotations too', async () => {
    const { library, sha256, dir } = await annotatable()
    await library.importFiles([
      writeFile(dir, 'aug7.txt', 'Aug 7\n\nAnother paper\n\nIts abstract.\n\nA third\n\nMore.\n'),
    ])
    library.createHighlight({ paperId: 3, start: 0, end: 4, color: 'pink' })
    expect(library.searchPapers({}, 'has:highlight').papers.map((p) => p.id)).toEqual([3])
    library.annotations.create(newAnnotation(sha256))
    const ids = (query: string) =>
      library
        .searchPapers({}, query)
        .papers.map((p) => p.id)
        .sort()
    expect(ids('has:highlight')).toEqual([1, 3])
    expect(ids('has:annotation')).toEqual([1, 3])
  })
})

describe('reading stats', () => {
  it('count abstract highlights and PDF annotations, and the papers that have any', async () => {
    const { library, sha256, dir } = await annotatable()
    expect(library.readingStats(0)).toMatchObject({ annotationCount: 0, annotatedPaperCount: 0 })
    await library.importFiles([writeFile(dir, 'aug7.txt', 'Aug 7\n\nAnother\n\nText here.\n')])
    library.createHighlight({ paperId: 1, start: 0, end: 6, color: 'pink' })
    library.createHighlight({ paperId: 2, start: 0, end: 4, color: 'pink' })
    library.annotations.create(newAnnotation(sha256))
    library.annotations.create(newAnnotation(sha256, { quote: 'page 1' }))
    expect(library.readingStats(0)).toMatchObject({ annotationCount: 4, annotatedPaperCount: 2 })
  })
})
