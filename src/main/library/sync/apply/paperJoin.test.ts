import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SOURCE_KINDS } from '../../../../shared/models'
import {
  joinDigestOrigin,
  joinImportFile,
  joinPaper,
  listColumn,
  samePaper,
  type PaperFields,
} from './paperJoin'

const paper = (fields: Partial<PaperFields> = {}): PaperFields => ({
  arxivId: null,
  title: 'NanoFlow',
  abstract: 'Serving.',
  links: [],
  submittedBy: null,
  authorCount: null,
  upvotes: null,
  authors: [],
  categories: [],
  publishedAt: null,
  addedAt: 1_000,
  ...fields,
})

// Small alphabets so that ties (same length, same value) happen often.
const word = fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', 'B')
const words = fc.array(word, { maxLength: 3 })
const paperArb: fc.Arbitrary<PaperFields> = fc.record({
  arxivId: fc.option(fc.constantFrom('2408.01234', '2408.00001'), { nil: null }),
  title: word,
  abstract: fc.constantFrom('', 'x', 'y', 'xy'),
  links: words,
  submittedBy: fc.option(word, { nil: null }),
  authorCount: fc.option(fc.nat({ max: 5 }), { nil: null }),
  upvotes: fc.option(fc.nat({ max: 5 }), { nil: null }),
  authors: words,
  categories: words,
  publishedAt: fc.option(fc.constantFrom('2024-08-05', '2024-08-06'), { nil: null }),
  addedAt: fc.nat({ max: 3 }),
})

describe('joinPaper', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(paperArb, paperArb, paperArb, (a, b, c) => {
        expect(joinPaper(a, b)).toEqual(joinPaper(b, a))
        expect(joinPaper(joinPaper(a, b), c)).toEqual(joinPaper(a, joinPaper(b, c)))
        expect(joinPaper(a, a)).toEqual(a)
        expect(samePaper(joinPaper(a, a), a)).toBe(true)
      }),
      { numRuns: 2_000 },
    )
  })

  it('takes a value over none, the longer text, the larger count, the earlier day', () => {
    const joined = joinPaper(
      paper({ title: 'NanoFlow', upvotes: 3, publishedAt: '2024-08-06', addedAt: 5 }),
      paper({
        arxivId: '2408.12757',
        title: 'NanoFlow: Towards Optimal Serving',
        submittedBy: 'akhaliq',
        authorCount: 9,
        upvotes: 1,
        authors: ['Kan Zhu', 'Yilong Zhao'],
        publishedAt: '2024-08-05',
        addedAt: 9,
      }),
    )
    expect(joined).toEqual(
      paper({
        arxivId: '2408.12757',
        title: 'NanoFlow: Towards Optimal Serving',
        submittedBy: 'akhaliq',
        authorCount: 9,
        upvotes: 3,
        authors: ['Kan Zhu', 'Yilong Zhao'],
        publishedAt: '2024-08-05',
        addedAt: 5,
      }),
    )
  })

  it('keeps one list of links as it is and sorts the union of two', () => {
    const links = ['https://z.example', 'https://a.example']
    expect(joinPaper(paper({ links }), paper({ links })).links).toEqual(links)
    expect(
      joinPaper(paper({ links }), paper({ links: ['https://m.example', 'https://a.example'] }))
        .links,
    ).toEqual(['https://a.example', 'https://m.example', 'https://z.example'])
  })

  it('breaks ties of titles and lists by the smaller', () => {
    const joined = joinPaper(
      paper({ title: 'Bb', authors: ['Zed'] }),
      paper({ title: 'Ab', authors: ['Amy'] }),
    )
    expect(joined.title).toBe('Ab')
    expect(joined.authors).toEqual(['Amy'])
  })
})

describe('joinDigestOrigin and joinImportFile', () => {
  const origin = fc.record({
    sourceFile: word,
    contentHash: fc.constantFrom('h1', 'h2'),
    importedAt: fc.nat({ max: 2 }),
  })
  const file = fc.record({
    fileName: word,
    importedAt: fc.nat({ max: 2 }),
    source: fc.constantFrom(...SOURCE_KINDS),
  })

  it('are commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(origin, origin, origin, (a, b, c) => {
        expect(joinDigestOrigin(a, b)).toEqual(joinDigestOrigin(b, a))
        expect(joinDigestOrigin(joinDigestOrigin(a, b), c)).toEqual(
          joinDigestOrigin(a, joinDigestOrigin(b, c)),
        )
        expect(joinDigestOrigin(a, a)).toEqual(a)
      }),
    )
    fc.assert(
      fc.property(file, file, file, (a, b, c) => {
        expect(joinImportFile(a, b)).toEqual(joinImportFile(b, a))
        expect(joinImportFile(joinImportFile(a, b), c)).toEqual(
          joinImportFile(a, joinImportFile(b, c)),
        )
        expect(joinImportFile(a, a)).toEqual(a)
      }),
    )
  })

  it('keep the first import of a digest as a whole', () => {
    expect(
      joinDigestOrigin(
        { sourceFile: 'b.txt', contentHash: 'h1', importedAt: 5 },
        { sourceFile: 'a.txt', contentHash: 'h2', importedAt: 7 },
      ),
    ).toEqual({ sourceFile: 'b.txt', contentHash: 'h1', importedAt: 5 })
  })
})

describe('listColumn', () => {
  it('reads a JSON list of names, and anything else as none', () => {
    expect(listColumn('["a","b"]')).toEqual(['a', 'b'])
    expect(listColumn('{"a":1}')).toEqual([])
    expect(listColumn('not json')).toEqual([])
    expect(listColumn('["a",3]')).toEqual(['a'])
  })
})
