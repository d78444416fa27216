import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './db/migrations'
import { openLibraryDb } from './db/openLibrary'
import { openLibrary } from './library'
import { useTempDir, writeFile } from './testing/tempDirs'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 7, 6, 9)
const ABSTRACT = 'Sparse attention cuts memory. Dense attention keeps accuracy. We compare both.'

async function libraryWithPaper(now = () => NOW) {
  const dir = tempDir()
  const library = openLibrary(dir, { now })
  await library.importFiles([writeFile(dir, 'aug6.txt', `Aug 6\n\nA paper\n\n${ABSTRACT}\n`)])
  return library
}

const range = (quote: string) => {
  const start = ABSTRACT.indexOf(quote)
  return { start, end: start + quote.length }
}

describe('highlights', () => {
  it('creates a highlight with its quote, context and colour, listed in reading order', async () => {
    const library = await libraryWithPaper()
    library.createHighlight({ paperId: 1, ...range('We compare'), color: 'blue' })
    const paper = library.createHighlight({
      paperId: 1,
      ...range('cuts memory'),
      color: 'yellow',
      comment: 'the main claim',
    })
    expect(paper.highlights).toEqual([
      {
        id: 2,
        paperId: 1,
        quote: 'cuts memory',
        prefix: 'Sparse attention ',
        suffix: '. Dense attention keeps accuracy',
        color: 'yellow',
        comment: 'the main claim',
        createdAt: NOW,
        updatedAt: NOW,
        anchor: range('cuts memory'),
      },
      expect.objectContaining({ quote: 'We compare', comment: null, anchor: range('We compare') }),
    ])
    expect(library.getPaper(1).highlights.map((h) => h.id)).toEqual([2, 1])
  })

  it('refuses ranges that are not text of the abstract, naming the problem', async () => {
    const library = await libraryWithPaper()
    const create = (start: number, end: number) => () =>
      library.createHighlight({ paperId: 1, start, end, color: 'pink' })
    expect(create(70, 200)).toThrow(
      `lies outside the abstract, which has ${ABSTRACT.length} characters`,
    )
    expect(create(6, 6)).toThrow(/holds no text/)
    expect(create(6, 7)).toThrow(/only white space/)
    expect(() => library.createHighlight({ paperId: 9, start: 0, end: 3, color: 'pink' })).toThrow(
      'There is no paper with id 9.',
    )
    expect(library.getPaper(1).highlights).toEqual([])
  })

  it('changes colour and comment separately; an empty comment removes it', async () => {
    let now = NOW
    const library = await libraryWithPaper(() => now)
    library.createHighlight({ paperId: 1, ...range('Dense'), color: 'green', comment: 'hm' })
    now += 1000
    expect(library.updateHighlight(1, { color: 'pink' }).highlights[0]).toMatchObject({
      color: 'pink',
      comment: 'hm',
      createdAt: NOW,
      updatedAt: NOW + 1000,
    })
    expect(library.updateHighlight(1, { comment: 'why dense wins' }).highlights[0]).toMatchObject({
      color: 'pink',
      comment: 'why dense wins',
    })
    expect(library.updateHighlight(1, { comment: '  ' }).highlights[0]!.comment).toBeNull()
    expect(library.updateHighlight(1, { comment: null }).highlights[0]!.comment).toBeNull()
  })

  it('deletes a highlight; unknown ids are NOT_FOUND', async () => {
    const library = await libraryWithPaper()
    library.createHighlight({ paperId: 1, ...range('Dense'), color: 'green' })
    expect(library.deleteHighlight(1).highlights).toEqual([])
    expect(() => library.deleteHighlight(1)).toThrow('There is no highlight with id 1.')
    expect(() => library.updateHighlight(7, { color: 'blue' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
  })

  it('follows a changed abstract, and keeps a highlight it can no longer place as detached, last', async () => {
    const library = await libraryWithPaper()
    library.createHighlight({ paperId: 1, ...range('cuts memory'), color: 'yellow' })
    library.createHighlight({ paperId: 1, ...range('keeps accuracy'), color: 'blue' })
    library.createHighlight({ paperId: 1, ...range('We compare both'), color: 'green' })
    const edited =
      'Dense attention keeps accuracy. Sparse attention saves memory. We  COMPARE both.'
    library.db.prepare('UPDATE papers SET abstract = ? WHERE id = 1').run(edited)

    const placed = library.getPaper(1).highlights.map((h) => ({
      quote: h.quote,
      text: h.anchor && edited.slice(h.anchor.start, h.anchor.end),
    }))
    expect(placed).toEqual([
      { quote: 'keeps accuracy', text: 'keeps accuracy' },
      { quote: 'We compare both', text: 'We  COMPARE both' },
      { quote: 'cuts memory', text: null },
    ])
  })

  it('works in a library made before highlights existed, and is removed with its paper', async () => {
    const dir = tempDir()
    openLibraryDb(dir, MIGRATIONS.slice(0, 1)).close()
    const library = openLibrary(dir, { now: () => NOW })
    await library.importFiles([writeFile(dir, 'aug6.txt', `Aug 6\n\nA paper\n\n${ABSTRACT}\n`)])
    library.createHighlight({ paperId: 1, ...range('Dense'), color: 'green' })
    library.db.prepare('DELETE FROM papers WHERE id = 1').run()
    expect(library.db.prepare('SELECT count(*) AS n FROM highlights').get()).toEqual({ n: 0 })
  })
})
