import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './db/migrations'
import { openLibraryDb } from './db/openLibrary'
import { openLibrary, type Library } from './library'
import { listIdsSql, type PaperFilter } from './repos/papers.repo'
import { useTempDir, writeFile } from './testing/tempDirs'

const tempDir = useTempDir()

const digest = (date: string, ...titles: string[]) =>
  `${date}\n\n${titles.map((title) => `${title}\n\nAbout ${title}.`).join('\n\n')}\n`

async function libraryWith(...digests: string[]): Promise<Library> {
  const dir = tempDir()
  const library = openLibrary(dir)
  for (const [index, text] of digests.entries()) {
    await library.importFiles([writeFile(dir, `${index}.txt`, text)])
  }
  return library
}

const titlesOf = (library: Library, ids: readonly number[]) =>
  library.paperSummaries(ids, {}).map((p) => p.title)

describe('the paper list', () => {
  it('lists each paper at its newest digest appearance, whatever order digests came in', async () => {
    const library = await libraryWith(
      digest('Aug 7, 2024', 'B', 'C'),
      digest('Aug 6, 2024', 'A', 'B'),
      digest('Aug 8, 2024', 'D', 'A'),
    )
    const { ids } = library.paperList({})
    expect(titlesOf(library, ids)).toEqual(['D', 'A', 'B', 'C'])
    const aug6 = library.paperList({ digest: '2024-08-06' })
    expect(titlesOf(library, aug6.ids)).toEqual(['A', 'B'])
    // In a digest's view, a paper is dated by that digest.
    expect(aug6.firstPage.map((p) => p.digest)).toEqual(['2024-08-06', '2024-08-06'])
    library.close()
  })

  it('sends every id, which are new, and summaries of the first rows only', async () => {
    const titles = Array.from({ length: 120 }, (_, i) => `Paper ${i}`)
    const library = await libraryWith(digest('Aug 6, 2024', ...titles))
    const all = library.paperList({})
    expect(all.ids).toHaveLength(120)
    expect(all.firstPage.map((p) => p.title)).toEqual(titles.slice(0, 50))
    library.setStatus(all.ids[1]!, 'read')
    const again = library.paperList({})
    expect(again.newIds).toEqual(all.ids.filter((id) => id !== all.ids[1]))
    expect(library.paperList({ status: 'read' }).newIds).toEqual([])
    expect(library.paperList({ status: 'new' }).ids).toEqual(again.newIds)
    // Summaries come back in the order asked, for rows anywhere in the list.
    const later = [all.ids[119]!, all.ids[60]!]
    expect(titlesOf(library, later)).toEqual(['Paper 119', 'Paper 60'])
    library.close()
  })

  it('gives a library made before the list order its order', () => {
    const dir = tempDir()
    const old = openLibraryDb(dir, MIGRATIONS.slice(0, 3))
    old.exec(`
      INSERT INTO papers (id, title, abstract, title_key, added_at) VALUES
        (1, 'Older', 'x', 'older', 1), (2, 'Newer', 'y', 'newer', 1), (3, 'Both', 'z', 'both', 1);
      INSERT INTO digests (id, date, source_file, content_hash, imported_at) VALUES
        (1, '2024-08-06', 'a.txt', 'h1', 1), (2, '2024-08-07', 'b.txt', 'h2', 1);
      INSERT INTO digest_papers (digest_id, paper_id, position) VALUES
        (1, 1, 0), (1, 3, 1), (2, 2, 1), (2, 3, 0);`)
    old.close()
    const library = openLibrary(dir)
    expect(titlesOf(library, library.paperList({}).ids)).toEqual(['Both', 'Newer', 'Older'])
    library.close()
  })

  it('sorts by publication day or upvotes (unknown last, then list order), read from an index', async () => {
    const entry = (title: string, publishedAt: string | null, upvotes: number | null) => ({
      paper: {
        id: `2408.${String(title.charCodeAt(0)).padStart(5, '0')}`,
        title,
        summary: `About ${title}.`,
        authors: [],
        ...(publishedAt && { publishedAt }),
        ...(upvotes !== null && { upvotes }),
      },
      publishedAt: '2024-08-09T00:00:00Z',
      title,
    })
    const hfJson = JSON.stringify([
      entry('Fresh', '2024-08-08T00:00:00Z', 3),
      entry('Popular', '2024-07-01T00:00:00Z', 90),
      entry('Unknown', null, null),
      entry('Tied', '2024-08-08T00:00:00Z', 3),
    ])
    const library = await libraryWith(digest('Aug 7, 2024', 'Plain'), hfJson)
    const sorted = (filter: Parameters<Library['paperList']>[0]) =>
      titlesOf(library, library.paperList(filter).ids)
    expect(sorted({})).toEqual(['Fresh', 'Popular', 'Unknown', 'Tied', 'Plain'])
    expect(sorted({ sort: 'published' })).toEqual(['Fresh', 'Tied', 'Popular', 'Unknown', 'Plain'])
    expect(sorted({ sort: 'upvotes' })).toEqual(['Popular', 'Fresh', 'Tied', 'Unknown', 'Plain'])
    library.setStatus(library.paperList({}).ids[0]!, 'read')
    expect(sorted({ sort: 'upvotes', status: 'new' })).toEqual([
      'Popular',
      'Tied',
      'Unknown',
      'Plain',
    ])

    // Read in order from an index, not sorted: 400 ms at 100,000 papers.
    for (const sort of ['published', 'upvotes'] as const) {
      for (const filter of [{ sort }, { sort, status: 'new' as const }]) {
        const plan = library.db
          .prepare<[PaperFilter], { detail: string }>(`EXPLAIN QUERY PLAN ${listIdsSql(filter)}`)
          .all(filter)
          .map((row) => row.detail)
          .join('; ')
        expect(plan).toMatch(/USING COVERING INDEX papers_(status_)?(published|upvotes)/)
        expect(plan).not.toMatch(/TEMP B-TREE/)
      }
    }
    library.close()
  })
})
