import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMarginError } from '../../../shared/errors'
import { parseSource } from '../digest/parseSource'
import { openLibrary, type Library } from '../library'
import { dumpTables } from '../testing/dumpTables'
import { useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()

const expectOnlyMarginErrors = (text: string) => {
  try {
    parseSource(text)
  } catch (error) {
    expect(isMarginError(error)).toBe(true)
  }
}

describe('every parser, for any input shaped like its format', () => {
  it('Hugging Face JSON: any JSON value fails only with a clear error', () => {
    fc.assert(fc.property(fc.json(), expectOnlyMarginErrors), { numRuns: 1000, seed: 21 })
  })

  it('Hugging Face JSON: entries with any values fail only with a clear error', () => {
    const entry = fc.record(
      {
        paper: fc.dictionary(
          fc.constantFrom('id', 'title', 'summary', 'authors', 'upvotes', 'publishedAt'),
          fc.jsonValue(),
        ),
        publishedAt: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), (entries) =>
        expectOnlyMarginErrors(JSON.stringify(entries)),
      ),
      { numRuns: 1000, seed: 22 },
    )
  })

  it('Atom feeds, saved pages and listing emails: any text after their opening fails only clearly', () => {
    const opening = fc.constantFrom(
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">',
      '<feed><entry><id>http://arxiv.org/abs/2501.00001v1</id><title>',
      '<!doctype html><html><div data-props="',
      'received from  Mon  3 Mar 25 19:00:00 GMT  to  Tue  4 Mar 25 19:00:00 GMT\n\\\\\narXiv:2503.00001\nTitle: ',
    )
    fc.assert(
      fc.property(
        opening,
        fc.string({ maxLength: 300 }),
        fc.constantFrom('', '\n\\\\\n', '</title></entry></feed>'),
        (start, middle, end) => expectOnlyMarginErrors(`${start}${middle}${end}`),
      ),
      { numRuns: 2000, seed: 23 },
    )
  })
})

/** Papers shared across sources: the same ids and titles in JSON and Atom, in any mix. */
const paperPool = Array.from({ length: 6 }, (_, i) => ({
  id: `2501.0000${i}`,
  title: `Shared Paper Number ${i}`,
  summary: `The abstract of paper ${i}.`,
}))
const hfFile = fc
  .tuple(fc.subarray(paperPool, { minLength: 1 }), fc.integer({ min: 1, max: 9 }))
  .map(([papers, day]) =>
    JSON.stringify(
      papers.map((p) => ({
        paper: { ...p, authors: [{ name: 'A. Author' }], upvotes: day },
        publishedAt: `2025-01-0${day}T00:00:00Z`,
      })),
    ),
  )
const atomFile = fc
  .tuple(fc.subarray(paperPool, { minLength: 1 }), fc.integer({ min: 1, max: 9 }))
  .map(
    ([papers, day]) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><updated>2025-02-0${day}T00:00:00Z</updated>${papers
        .map(
          (p) =>
            `<entry><id>http://arxiv.org/abs/${p.id}v1</id><title>${p.title}</title><summary>${p.summary}</summary><category term="cs.LG"/></entry>`,
        )
        .join('')}</feed>`,
  )
const textFile = fc
  .tuple(fc.subarray(paperPool, { minLength: 1 }), fc.integer({ min: 1, max: 9 }))
  .map(
    ([papers, day]) =>
      `2025-03-0${day}\n\n${papers.map((p) => `${p.title}\n\n${p.summary}`).join('\n\n')}\n`,
  )
const sourceSet = fc.array(fc.oneof(hfFile, atomFile, textFile), { minLength: 1, maxLength: 5 })

const asFiles = (texts: readonly string[]) =>
  texts.map((text, i) => ({ name: `f${i}`, data: new TextEncoder().encode(text) }))
const fresh = () => openLibrary(tempDir(), { now: () => 1 })
const contents = (library: Library) =>
  library
    .listPapers()
    .map((p) => ({ title: p.title, arxivId: p.arxivId, digests: p.digests }))
    .sort((a, b) => a.title.localeCompare(b.title))

describe('importing a mix of sources', () => {
  it('twice equals once, and no paper is ever stored twice', async () => {
    await fc.assert(
      fc.asyncProperty(sourceSet, async (texts) => {
        const library = fresh()
        await library.importContents(asFiles(texts))
        const once = dumpTables(library.db)
        await library.importContents(asFiles(texts))
        expect(dumpTables(library.db)).toEqual(once)
        const titles = library.listPapers().map((p) => p.title)
        expect(new Set(titles).size).toBe(titles.length)
        library.close()
      }),
      { numRuns: 40, seed: 31 },
    )
  })

  it('gives the same papers whatever the order of the files', async () => {
    await fc.assert(
      fc.asyncProperty(sourceSet, async (texts) => {
        const forward = fresh()
        const backward = fresh()
        await forward.importContents(asFiles(texts))
        await backward.importContents(asFiles([...texts].reverse()))
        expect(contents(backward)).toEqual(contents(forward))
        forward.close()
        backward.close()
      }),
      { numRuns: 40, seed: 32 },
    )
  })
})
