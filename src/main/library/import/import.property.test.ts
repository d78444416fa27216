import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMarginError } from '../../../shared/errors'
import { openLibrary, type Library } from '../library'
import { dumpTables } from '../testing/dumpTables'
import { useTempDir } from '../testing/tempDirs'
import { bytesSource, readDigest } from './digestSource'

const tempDir = useTempDir()

/** Text shaped like a digest (a date line, then titles and abstracts) with arbitrary words. */
const word = fc.stringMatching(/^[\p{L}\p{N}][\p{L}\p{N}'’-]{0,11}$/u)
const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '))
const digestText = (date: string) =>
  fc
    .array(fc.tuple(line, line), { minLength: 1, maxLength: 6 })
    .map((papers) => `${date}\n\n${papers.map(([t, a]) => `${t}\n\n${a}`).join('\n\n')}\n`)
const digestSet = fc
  .uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 4 })
  .chain((days) =>
    fc.tuple(...days.map((day) => digestText(`2030-02-${String(day).padStart(2, '0')}`))),
  )

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
/** Files in any mix of formats, sharing papers by arXiv id and title. */
const sourceSet = fc.array(fc.oneof(hfFile, atomFile, textFile), { minLength: 1, maxLength: 5 })

/** Files of text as bytes, named in order. */
const asFiles = (texts: readonly string[]) =>
  texts.map((text, i) => ({ name: `d${i}.txt`, data: new TextEncoder().encode(text) }))

function fresh(): Library {
  return openLibrary(tempDir(), { now: () => 1 })
}

/** The papers as a reader sees them, independent of the ids the order of writes gave them. */
const contents = (library: Library) =>
  library
    .listPapers()
    .map((p) => ({ title: p.title, abstract: p.abstract, arxivId: p.arxivId, digests: p.digests }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.abstract.localeCompare(b.abstract))

describe('reading digests, for any input', () => {
  it('never throws anything but a clear MarginError, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
        ),
        (bytes) => {
          try {
            readDigest(bytesSource('random.txt', bytes))
          } catch (error) {
            expect(isMarginError(error)).toBe(true)
          }
        },
      ),
      { numRuns: 2000, seed: 7 },
    )
  })
})

describe.each([
  ['plain-text digests', digestSet],
  ['a mix of Hugging Face JSON, Atom feeds and text digests', sourceSet],
] as const)('importing any set of %s', (_kind, fileSet) => {
  it('twice equals once, and never stores a paper twice', async () => {
    await fc.assert(
      fc.asyncProperty(fileSet, async (texts) => {
        const library = fresh()
        await library.importContents(asFiles(texts))
        const once = dumpTables(library.db)
        await library.importContents(asFiles(texts))
        expect(dumpTables(library.db)).toEqual(once)
        const titles = library.listPapers().map((p) => p.title.toLowerCase())
        expect(new Set(titles).size).toBe(titles.length)
        library.close()
      }),
      { numRuns: 40, seed: 11 },
    )
  })

  it('gives the same papers whatever the order of the files', async () => {
    await fc.assert(
      fc.asyncProperty(fileSet, async (texts) => {
        const forward = fresh()
        const backward = fresh()
        await forward.importContents(asFiles(texts))
        await backward.importContents(asFiles([...texts].reverse()))
        expect(contents(backward)).toEqual(contents(forward))
        forward.close()
        backward.close()
      }),
      { numRuns: 40, seed: 13 },
    )
  })
})
