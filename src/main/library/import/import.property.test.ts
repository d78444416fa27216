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
    .map((p) => ({ title: p.title, abstract: p.abstract, digests: p.digests }))
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

describe('importing digests, for any set of them', () => {
  it('twice equals once', async () => {
    await fc.assert(
      fc.asyncProperty(digestSet, async (texts) => {
        const library = fresh()
        await library.importContents(asFiles(texts))
        const once = dumpTables(library.db)
        await library.importContents(asFiles(texts))
        expect(dumpTables(library.db)).toEqual(once)
        library.close()
      }),
      { numRuns: 40, seed: 11 },
    )
  })

  it('gives the same papers whatever the order of the files', async () => {
    await fc.assert(
      fc.asyncProperty(digestSet, async (texts) => {
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
