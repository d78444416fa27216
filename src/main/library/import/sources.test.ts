import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLibrary } from '../library'
import { dumpTables } from '../testing/dumpTables'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const FIXTURES = join(__dirname, '../digest/sources/fixtures')
const fixture = (name: string) => join(FIXTURES, name)
const NOW = Date.UTC(2024, 7, 20)

describe('one paper, many sources', () => {
  it('a JSON file holding papers of the text digest adds no duplicates and fills in their ids', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([SEED_DIGEST])
    const report = await library.importFiles([fixture('hf-daily-aug-7.json')])
    expect(report.files[0]).toMatchObject({ ok: true, added: 1, alreadyPresent: 2 })
    expect(library.listPapers()).toHaveLength(39)

    const nanoFlow = library.listPapers().find((p) => p.title.startsWith('NanoFlow'))!
    const detail = library.getPaper(nanoFlow.id)
    expect(detail).toMatchObject({
      // The text digest's own title stays; the JSON fills in what the text lacked.
      title: 'NanoFlow: Towards Optimal Large Language Model Serving Throughput',
      arxivId: '2408.12757',
      authors: ['Kan Zhu', 'Yilong Zhao'],
      publishedAt: '2024-08-22',
      upvotes: 21,
      digests: ['2024-08-07', '2024-08-06'],
    })
    expect(detail.sources.map((s) => [s.fileName, s.source])).toEqual([
      ['daily-papers-aug-6.txt', 'text-digest'],
      ['hf-daily-aug-7.json', 'hf-daily'],
    ])
    library.close()
  })

  it('papers merge by arXiv id across JSON, Atom and email, each source kept', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([
      fixture('hf-daily.json'),
      fixture('arxiv-api.xml'),
      fixture('arxiv-listing.eml'),
      fixture('arxiv-listing.atom'),
    ])
    const byId = new Map(library.listPapers().map((p) => [p.arxivId, p]))
    // 2503.02130 is in all three of JSON, API feed and email; 2503.01000 in JSON and listing.
    expect([...byId.keys()].sort()).toEqual([
      '2503.01000',
      '2503.02130',
      '2503.02222',
      '2503.05555',
      'hep-th/9901001',
    ])
    const nanoFlow = library.getPaper(byId.get('2503.02130')!.id)
    expect(nanoFlow.sources.map((s) => s.source)).toEqual(['hf-daily', 'arxiv-atom', 'arxiv-email'])
    // The email names a third author; the longer list wins.
    expect(nanoFlow).toMatchObject({
      authors: ['Ada Lovelace', 'Alan Turing', 'Charles Babbage'],
      categories: ['cs.DC', 'cs.LG'],
      upvotes: 42,
    })
    expect(library.getPaper(byId.get('2503.01000')!.id).categories).toEqual(['cs.LG', 'stat.ML'])
    library.close()
  })

  it('author: and cat: find papers by their authors and arXiv categories', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([
      fixture('hf-daily.json'),
      fixture('arxiv-api.xml'),
      fixture('arxiv-listing.atom'),
    ])
    const titles = (query: string) =>
      library.searchPapers({}, query).papers.map((p) => p.title.slice(0, 24))
    expect(titles('author:turing')).toEqual(['NanoFlow: Towards Optima'])
    expect(titles('author:WEYL cat:stat.ML')).toEqual(['Symmetries of Learned Re'])
    expect(titles('cat:hep-th')).toEqual(['An Old-Style Identifier'])
    expect(titles('cat:hep')).toEqual([])
    expect(titles('cat:cs author:"ada lovelace" serving')).toEqual(['NanoFlow: Towards Optima'])
    expect(titles('cat:cs.CV')).toEqual([])
    library.close()
  })

  it('author: and cat: follow papers as later sources fill in or lengthen their lists', async () => {
    const dir = tempDir()
    const library = openLibrary(dir, { now: () => NOW })
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text)
      return join(dir, name)
    }
    const entry = (authors: string[], categories: string[]) => `<entry>
      <id>http://arxiv.org/abs/2503.00001v1</id><published>2025-03-03T00:00:00Z</published>
      <title>A Paper</title><summary>Its abstract.</summary>
      ${authors.map((name) => `<author><name>${name}</name></author>`).join('')}
      ${categories.map((term) => `<category term="${term}"/>`).join('')}
    </entry>`
    const feed = (...entries: string[]) =>
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${entries.join('')}</feed>`
    const titles = (query: string) => library.searchPapers({}, query).papers.map((p) => p.title)

    await library.importFiles([file('one.xml', feed(entry(['Émilie Du Châtelet'], ['math.PR'])))])
    expect(titles('author:milie author:"du châ"')).toEqual(['A Paper'])
    expect(titles('cat:MATH')).toEqual(['A Paper'])
    expect(titles('cat:math.pr')).toEqual(['A Paper'])
    expect(titles('cat:cs')).toEqual([])

    // A longer list from a later source replaces both lists: the indexes follow.
    const longer = entry(
      ['Émilie Du Châtelet', 'Li Wu', 'O\'Brien "Bo" Smith'],
      ['cs.LG', 'stat.ML'],
    )
    await library.importFiles([file('two.xml', feed(longer))])
    expect(titles('author:li author:wu')).toEqual(['A Paper']) // shorter than the index's trigrams
    expect(titles("author:o'brien author:Bo")).toEqual(['A Paper'])
    expect(titles('author:smithy')).toEqual([])
    expect(titles('cat:cs cat:stat')).toEqual(['A Paper'])
    expect(titles('cat:math')).toEqual([])
    // FTS5 compares its index with the papers' authors (rank 1), and throws on a difference.
    library.db.exec("INSERT INTO paper_authors (paper_authors, rank) VALUES ('integrity-check', 1)")
    library.close()
  })

  it('a preview reports exactly what the import then does, and writes nothing', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([SEED_DIGEST])
    const files = [
      fixture('hf-daily-aug-7.json'),
      fixture('hf-daily.json'),
      fixture('arxiv-api.xml'),
    ]
    const before = dumpTables(library.db)
    const preview = library.previewFiles(files)
    expect(dumpTables(library.db)).toEqual(before)
    expect(await library.importFiles(files)).toEqual(preview)
    library.close()
  })

  it('a library fed by every source exports to JSON and loads back as the same library', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    await library.importFiles([
      SEED_DIGEST,
      fixture('hf-daily-aug-7.json'),
      fixture('hf-daily.json'),
      fixture('hf-daily-page.html'),
      fixture('arxiv-api.xml'),
      fixture('arxiv-listing.atom'),
      fixture('arxiv-listing.eml'),
    ])
    const json = join(tempDir(), 'library.json')
    await library.exportLibrary('json', json)
    const copy = openLibrary(tempDir(), { now: () => NOW })
    copy.importLibraryJson(json)
    expect(dumpTables(copy.db)).toEqual(dumpTables(library.db))
    library.close()
    copy.close()
  })

  it('refuses an arXiv error feed with its reason and writes nothing', async () => {
    const library = openLibrary(tempDir(), { now: () => NOW })
    const report = await library.importFiles([fixture('arxiv-api-error.xml')])
    expect(report.files[0]).toMatchObject({
      ok: false,
      error: { code: 'SOURCE_ERROR', message: expect.stringMatching(/incorrect id format/) },
    })
    expect(library.hasDigests()).toBe(false)
    library.close()
  })
})
