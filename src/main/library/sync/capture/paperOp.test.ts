import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary, type Library } from '../../library'
import { SEED_DIGEST, useTempDir, writeFile } from '../../testing/tempDirs'
import { opBodySchema } from '../ops'
import { createPaperOpReader, readPaperOp } from './paperOp'

const tempDir = useTempDir()
const open: Library[] = []
afterEach(() => {
  for (const library of open.splice(0)) library.close()
})

async function seeded() {
  const dir = tempDir()
  const library = openLibrary(dir, { now: () => Date.UTC(2025, 7, 6, 12) })
  open.push(library)
  await library.importFiles([SEED_DIGEST], { year: 2025 })
  return { dir, library }
}

describe('readPaperOp', () => {
  it('says a paper as imports made it, with its digest and the file it came from', async () => {
    const { library } = await seeded()
    const paper = library.getPaper(2)
    const op = readPaperOp(library.db, 2)!
    expect(op.paper).toEqual({
      arxivId: paper.arxivId,
      title:
        'One-dimensional Adapter to Rule Them All: Concepts, Diffusion Models and Erasing Applications',
      abstract: paper.abstract,
      links: ['https://lyumengyao.github.io/projects/spm'],
      submittedBy: paper.submittedBy,
      authorCount: paper.authorCount,
      upvotes: paper.upvotes,
      authors: paper.authors,
      categories: paper.categories,
      publishedAt: paper.publishedAt,
      addedAt: Date.UTC(2025, 7, 6, 12),
    })
    expect(op.appearances).toEqual([
      {
        date: '2025-08-06',
        position: 1,
        sourceFile: 'daily-papers-aug-6.txt',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        importedAt: Date.UTC(2025, 7, 6, 12),
      },
    ])
    expect(op.sources).toEqual([
      {
        fileName: 'daily-papers-aug-6.txt',
        contentHash: op.appearances[0]!.contentHash,
        importedAt: Date.UTC(2025, 7, 6, 12),
        source: 'text-digest',
      },
    ])
    expect(
      opBodySchema.safeParse({ kind: 'paper', id: 'abcdefgh12345678:1', hlc: HLC, ...op }).success,
    ).toBe(true)
  })

  it('lists every digest a paper appeared in by date, and every file it came from', async () => {
    const { dir, library } = await seeded()
    const title = library.getPaper(1).title
    await library.importFiles([writeFile(dir, 'aug7.txt', `Aug 7\n\n${title}\n\nAgain.\n`)], {
      year: 2025,
    })
    const op = readPaperOp(library.db, 1)!
    expect(op.appearances.map((a) => [a.date, a.position, a.sourceFile])).toEqual([
      ['2025-08-06', 0, 'daily-papers-aug-6.txt'],
      ['2025-08-07', 0, 'aug7.txt'],
    ])
    expect(op.sources.map((s) => s.fileName).sort()).toEqual(['aug7.txt', 'daily-papers-aug-6.txt'])
  })

  it('is null for a paper the library does not have', async () => {
    const { library } = await seeded()
    expect(readPaperOp(library.db, 9999)).toBeNull()
  })

  it('reads a page of papers the same as one at a time, in id order', async () => {
    const { library } = await seeded()
    const reader = createPaperOpReader(library.db)
    const ids = library.listPapers().map((p) => p.id)
    const paged = [...reader.page(0, 3), ...reader.page(3, 1000)]
    expect(paged.map((p) => p.paperId)).toEqual([...ids].sort((a, b) => a - b))
    for (const { paperId, op } of paged) expect(op).toEqual(reader.one(paperId))
    expect(reader.page(Math.max(...ids), 10)).toEqual([])
  })
})

const HLC = '001754481600000.000000.abcdefgh12345678'
