import { describe, expect, it } from 'vitest'
import { libraryJson, parseLibraryJson } from './json'
import type { LibrarySnapshot } from './librarySnapshot'
import { narrowSnapshot } from './narrowSnapshot'

const paper = (id: number, status: 'new' | 'read', tags: string[]) => ({
  id,
  title: `Paper ${id}`,
  abstract: 'An abstract.',
  arxivId: null,
  links: [],
  submittedBy: null,
  authorCount: null,
  upvotes: null,
  authors: id === 1 ? ['Ada Lovelace'] : [],
  categories: id === 1 ? ['cs.LG'] : [],
  publishedAt: id === 1 ? '2026-08-01' : null,
  sources: [id === 3 ? 2 : 1],
  status,
  addedAt: 1,
  tags,
  note: null,
  statusHistory: [],
  highlights: [],
  pdfAnnotations: [],
})

const SNAPSHOT: LibrarySnapshot = {
  format: 'margin-library',
  version: 3,
  importFiles: [
    { id: 1, fileName: 'aug-5.txt', contentHash: 'h5', importedAt: 1, source: 'text-digest' },
    { id: 2, fileName: 'aug-6.json', contentHash: 'h6', importedAt: 2, source: 'hf-daily' },
  ],
  digests: [
    {
      id: 1,
      date: '2026-08-05',
      sourceFile: 'aug-5.txt',
      contentHash: 'h5',
      importedAt: 1,
      papers: [
        { paperId: 1, position: 0 },
        { paperId: 2, position: 1 },
      ],
    },
    {
      id: 2,
      date: '2026-08-06',
      sourceFile: 'aug-6.txt',
      contentHash: 'h6',
      importedAt: 2,
      papers: [
        { paperId: 2, position: 0 },
        { paperId: 3, position: 1 },
      ],
    },
  ],
  tags: [
    { id: 1, name: 'gpu' },
    { id: 2, name: 'unused' },
    { id: 3, name: 'theory' },
  ],
  papers: [paper(1, 'read', ['gpu']), paper(2, 'new', ['theory']), paper(3, 'read', [])],
}

const parse = (value: unknown) => () => parseLibraryJson(JSON.stringify(value), 'backup.json')

describe('reading a JSON export', () => {
  it('reads back what it wrote, with or without a byte-order mark', () => {
    expect(parseLibraryJson(libraryJson(SNAPSHOT), 'backup.json')).toEqual(SNAPSHOT)
    expect(parseLibraryJson(`\uFEFF${libraryJson(SNAPSHOT)}`, 'backup.json')).toEqual(SNAPSHOT)
  })

  it('reads a version 1 export, from before authors, categories and provenance', () => {
    const version1 = {
      ...SNAPSHOT,
      version: 1,
      importFiles: SNAPSHOT.importFiles.map(({ source: _source, ...file }) => file),
      papers: SNAPSHOT.papers.map(
        ({
          authors: _a,
          categories: _c,
          publishedAt: _p,
          sources: _s,
          pdfAnnotations: _pdf,
          ...paper
        }) => paper,
      ),
    }
    const read = parseLibraryJson(JSON.stringify(version1), 'old.json')
    expect(read.importFiles.map((f) => f.source)).toEqual(['text-digest', 'text-digest'])
    expect(read.papers[0]).toMatchObject({
      authors: [],
      categories: [],
      publishedAt: null,
      sources: [],
      pdfAnnotations: [],
    })
  })

  it('reads a version 2 export, from before annotations on PDFs', () => {
    const version2 = {
      ...SNAPSHOT,
      version: 2,
      papers: SNAPSHOT.papers.map(({ pdfAnnotations: _pdf, ...paper }) => paper),
    }
    const read = parseLibraryJson(JSON.stringify(version2), 'v2.json')
    expect(read.papers.map((p) => p.pdfAnnotations)).toEqual([[], [], []])
  })

  it('says where a PDF annotation is damaged', () => {
    const annotation = {
      id: 1,
      sha256: 'ab'.repeat(32),
      type: 'highlight',
      color: 'yellow',
      comment: null,
      position: { pageIndex: 0, rects: [[72, 600, 296, 610]] },
      quote: 'a quote',
      prefix: '',
      suffix: '',
      sortKey: '00000|000012|00189',
      createdAt: 1,
      updatedAt: 1,
      image: null,
    }
    const withAnnotation = (changes: object) => ({
      ...SNAPSHOT,
      papers: [
        { ...SNAPSHOT.papers[0], pdfAnnotations: [{ ...annotation, ...changes }] },
        ...SNAPSHOT.papers.slice(1),
      ],
    })
    expect(parse(withAnnotation({}))).not.toThrow()
    expect(parse(withAnnotation({ quote: '' }))).toThrow(
      /papers\[0\]\.pdfAnnotations\[0\]\.quote: a highlight or underline quotes text/,
    )
    expect(parse(withAnnotation({ position: { pageIndex: 0, rects: [[1, 2, 3]] } }))).toThrow(
      /papers\[0\]\.pdfAnnotations\[0\]\.position\.rects\[0\]/,
    )
    expect(parse(withAnnotation({ image: 'not base64!' }))).toThrow(
      /papers\[0\]\.pdfAnnotations\[0\]\.image/,
    )
  })

  it('refuses what is not a Margin export, naming the file', () => {
    expect(() => parseLibraryJson('Aug 6\n\nA title', 'digest.txt')).toThrow(
      'digest.txt: this is not a Margin library export that can be loaded (it is not JSON); nothing was imported.',
    )
    expect(parse({ papers: [] })).toThrow(/\(it does not start with "format": "margin-library"\)/)
    expect(parse([1, 2])).toThrow(/does not start with "format"/)
    expect(parse({ ...SNAPSHOT, version: 0 })).toThrow(/it is damaged: version: /)
  })

  it('refuses an export from a newer Margin with its own code', () => {
    expect(parse({ ...SNAPSHOT, version: 4 })).toThrow(
      expect.objectContaining({
        code: 'EXPORT_TOO_NEW',
        message:
          'backup.json: this export was written by a newer version of Margin (format version 4; this version reads version 3). Update Margin to import it.',
      }),
    )
  })

  it('says where a damaged export is damaged', () => {
    const badStatus = { ...SNAPSHOT, papers: [{ ...SNAPSHOT.papers[0], status: 'done' }] }
    expect(parse(badStatus)).toThrow(
      expect.objectContaining({
        code: 'NOT_A_MARGIN_EXPORT',
        message: expect.stringMatching(/it is damaged: papers\[0\]\.status: .*"read"/),
      }),
    )
    const extraKey = { ...SNAPSHOT, papers: [{ ...SNAPSHOT.papers[0], stars: 5 }] }
    expect(parse(extraKey)).toThrow(/papers\[0\]: Unrecognized key: "stars"/)
    const dangling = { ...SNAPSHOT, papers: SNAPSHOT.papers.slice(1) }
    expect(parse(dangling)).toThrow(
      /digests\[0\]\.papers\[0\]\.paperId: names paper 1, which is not in the file/,
    )
    const unknownTag = { ...SNAPSHOT, tags: [] }
    expect(parse(unknownTag)).toThrow(
      /papers\[0\]\.tags\[0\]: the tag "gpu" is not in the tag list \(and 1 more problem\)/,
    )
  })
})

describe('a filtered JSON export', () => {
  it('is the whole library without a filter', () => {
    expect(narrowSnapshot(SNAPSHOT, {})).toBe(SNAPSHOT)
  })

  it('holds the digest, its papers with their tags, and the files they came from', () => {
    const narrowed = narrowSnapshot(SNAPSHOT, { digest: '2026-08-06' })
    expect(narrowed.digests.map((d) => d.date)).toEqual(['2026-08-06'])
    expect(narrowed.papers.map((p) => p.id)).toEqual([2, 3])
    expect(narrowed.tags).toEqual([{ id: 3, name: 'theory' }])
    // The digest's file, and the file paper 2 first came from.
    expect(narrowed.importFiles.map((f) => f.fileName)).toEqual(['aug-5.txt', 'aug-6.json'])
    expect(() => parseLibraryJson(libraryJson(narrowed), 'part.json')).not.toThrow()
  })

  it('by status keeps every digest that lists a matching paper, with only those papers', () => {
    const narrowed = narrowSnapshot(SNAPSHOT, { status: 'read' })
    expect(narrowed.papers.map((p) => p.id)).toEqual([1, 3])
    expect(narrowed.digests.map((d) => [d.date, d.papers.map((a) => a.paperId)])).toEqual([
      ['2026-08-05', [1]],
      ['2026-08-06', [3]],
    ])
    expect(narrowed.tags.map((t) => t.name)).toEqual(['gpu'])
  })
})
