import { describe, expect, it } from 'vitest'
import { MATCH_END, MATCH_START } from '../../../shared/models'
import { MIGRATIONS } from '../db/migrations'
import { openLibraryDb } from '../db/openLibrary'
import { openLibrary, type Library } from '../library'
import { createSearch } from './search'
import { useTempDir, writeFile } from '../testing/tempDirs'

const tempDir = useTempDir()

const digest = (date: string, ...papers: Array<[string, string]>) =>
  `${date}\n\n${papers.map(([title, abstract]) => `${title}\n\n${abstract}`).join('\n\n')}\n`

const AUG_6: Array<[string, string]> = [
  [
    'Sparse Attention for Long Documents',
    'We study the transformer on long inputs with sparse patterns.',
  ],
  ['Transformer Pruning at Scale', 'Pruning heads reduces memory while keeping accuracy.'],
  ['Diffusion Models for Robotics', 'Robot policies from diffusion, evaluated on manipulation.'],
]
const AUG_7: Array<[string, string]> = [
  [
    'Retrieval Augmented Generation Survey',
    'A survey of retrieval for language models and agents.',
  ],
  ['Efficient Inference Serving', 'Batching requests for language models on commodity hardware.'],
]

async function library(): Promise<Library> {
  const dir = tempDir()
  const lib = openLibrary(dir, { now: () => 1 })
  await lib.importFiles([
    writeFile(dir, 'aug6.txt', digest('Aug 6, 2024', ...AUG_6)),
    writeFile(dir, 'aug7.txt', digest('Aug 7, 2024', ...AUG_7)),
  ])
  return lib
}

const titles = (lib: Library, text: string, scope = {}) =>
  lib.searchPapers(scope, text).papers.map((p) => p.title)
const idOf = (lib: Library, title: string) =>
  lib.listPaperSummaries().find((p) => p.title === title)!.id

describe('search ranking', () => {
  it('ranks a title match before an abstract match and marks the matches', async () => {
    const lib = await library()
    const { papers, queryProblem } = lib.searchPapers({}, 'transformer ')
    expect(queryProblem).toBeNull()
    expect(papers.map((p) => p.title)).toEqual([
      'Transformer Pruning at Scale',
      'Sparse Attention for Long Documents',
    ])
    expect(papers[0]!.match!.title).toBe(`${MATCH_START}Transformer${MATCH_END} Pruning at Scale`)
    expect(papers[1]!.match!.snippet).toContain(`${MATCH_START}transformer${MATCH_END}`)
    lib.close()
  })

  it('completes the last word as a prefix while typing', async () => {
    const lib = await library()
    expect(titles(lib, 'diffus')).toEqual(['Diffusion Models for Robotics'])
    expect(titles(lib, 'diffus ')).toEqual([])
    lib.close()
  })

  it('finds transformer from "transfromer" once the vocabulary is ready', async () => {
    const lib = await library()
    await lib.prepareSearch()
    expect(titles(lib, 'transfromer pruning')).toEqual(['Transformer Pruning at Scale'])
    lib.close()
  })

  it('finds a word from a swap of two neighbouring letters, in short words too', async () => {
    const lib = await library()
    await lib.prepareSearch()
    expect(titles(lib, 'trasnformer pruning')).toEqual(['Transformer Pruning at Scale'])
    expect(titles(lib, 'rboot ')).toEqual(['Diffusion Models for Robotics'])
    expect(titles(lib, 'modles robotics')).toEqual(['Diffusion Models for Robotics'])
    expect(titles(lib, 'quokka ')).toEqual([])
    lib.close()
  })

  it('searches a word the library holds as itself, never as the words it may be a typo of', async () => {
    const lib = await library()
    await lib.prepareSearch()
    // "form" is a swap away from the "from" of the diffusion paper's abstract.
    expect(titles(lib, 'form ')).toEqual(['Diffusion Models for Robotics'])
    lib.saveNote(idOf(lib, 'Transformer Pruning at Scale'), 'Fill in the form')
    expect(titles(lib, 'form ')).toEqual(['Transformer Pruning at Scale'])
    lib.close()
  })

  it('matches an exact phrase only in that order', async () => {
    const lib = await library()
    expect(titles(lib, '"language models"')).toHaveLength(2)
    expect(titles(lib, '"models language"')).toEqual([])
    lib.close()
  })

  it('leaves out excluded words and phrases', async () => {
    const lib = await library()
    expect(titles(lib, 'language -survey')).toEqual(['Efficient Inference Serving'])
    expect(titles(lib, 'language -"commodity hardware"')).toEqual([
      'Retrieval Augmented Generation Survey',
    ])
    lib.close()
  })

  it('lists papers by filters alone in digest order', async () => {
    const lib = await library()
    expect(titles(lib, 'digest:2024-08-07')).toEqual(AUG_7.map(([t]) => t))
    expect(titles(lib, 'digest:2024-08')).toHaveLength(5)
    expect(titles(lib, 'digest:2024-08-01..2024-08-06')).toEqual(AUG_6.map(([t]) => t))
    lib.setStatus(idOf(lib, 'Efficient Inference Serving'), 'read')
    expect(titles(lib, 'status:read')).toEqual(['Efficient Inference Serving'])
    expect(titles(lib, 'language status:new')).toEqual(['Retrieval Augmented Generation Survey'])
    lib.close()
  })

  it('searches within the view', async () => {
    const lib = await library()
    expect(titles(lib, 'language', { digest: '2024-08-06' })).toEqual([])
    expect(titles(lib, 'language', { status: 'new' })).toHaveLength(2)
    lib.close()
  })

  it('finds note, highlight and tag text as they change, with has: filters', async () => {
    const lib = await library()
    const id = idOf(lib, 'Diffusion Models for Robotics')
    lib.saveNote(id, 'Compare with flowmatching baselines')
    expect(titles(lib, 'flowmatching')).toEqual(['Diffusion Models for Robotics'])
    expect(lib.searchPapers({}, 'flowmatching').papers[0]!.match!.snippet).toContain(
      `${MATCH_START}flowmatching${MATCH_END}`,
    )
    expect(titles(lib, 'has:note')).toEqual(['Diffusion Models for Robotics'])
    lib.saveNote(id, '')
    expect(titles(lib, 'flowmatching')).toEqual([])

    const abstract = lib.getPaper(id).abstract
    const start = abstract.indexOf('manipulation')
    lib.createHighlight({
      paperId: id,
      start,
      end: start + 12,
      color: 'yellow',
      comment: 'grippers',
    })
    expect(titles(lib, 'grippers has:highlight')).toEqual(['Diffusion Models for Robotics'])

    lib.addTags(id, ['embodied AI'])
    expect(titles(lib, 'embodied')).toEqual(['Diffusion Models for Robotics'])
    expect(titles(lib, 'tag:"embodied ai"')).toEqual(['Diffusion Models for Robotics'])
    lib.renameTag('embodied AI', 'robot learning')
    expect(titles(lib, 'embodied')).toEqual([])
    expect(titles(lib, 'tag:"robot learning" learning')).toEqual(['Diffusion Models for Robotics'])
    lib.close()
  })

  it('runs the readable rest of a query and names the problem', async () => {
    const lib = await library()
    const result = lib.searchPapers({}, 'pruning status:done')
    expect(result.papers.map((p) => p.title)).toEqual(['Transformer Pruning at Scale'])
    expect(result.queryProblem).toBe(
      '"status:done" is not a status; use new, to-read, reading, read or not-reading.',
    )
    expect(titles(lib, 'NEAR( "x" OR * ) ^ {title}:')).toEqual([])
    lib.close()
  })

  it('lists title matches first, newest first, when too many match to score them all', async () => {
    const lib = await library()
    const search = createSearch(lib.db, { rankAllUpTo: 1 })
    const found = (text: string) => search.summaries(search.search(text).ids, text)
    expect(found('language models').map((p) => p.title)).toEqual([
      'Efficient Inference Serving',
      'Retrieval Augmented Generation Survey',
    ])
    const titled = found('transformer')
    expect(titled.map((p) => p.title)).toEqual([
      'Transformer Pruning at Scale',
      'Sparse Attention for Long Documents',
    ])
    expect(titled[1]!.match!.snippet).toContain(`${MATCH_START}transformer${MATCH_END}`)
    lib.close()
  })

  it('honours the limit and says when it cut the list', async () => {
    const lib = await library()
    expect(lib.searchPapers({}, 'digest:2024-08', { limit: 2 }).papers).toHaveLength(2)
    const search = createSearch(lib.db)
    expect(search.search('language', {}, { limit: 1 })).toMatchObject({ more: true })
    expect(search.search('language', {}, { limit: 2 })).toMatchObject({ more: false })
    expect(search.search('digest:2024-08', {}, { limit: 4 })).toMatchObject({ more: true })
    lib.close()
  })
})

describe('related papers', () => {
  it('finds papers sharing distinctive terms, never the paper itself', async () => {
    const lib = await library()
    const id = idOf(lib, 'Retrieval Augmented Generation Survey')
    const related = lib.relatedPapers(id).map((p) => p.title)
    expect(related[0]).toBe('Efficient Inference Serving')
    expect(related).not.toContain('Retrieval Augmented Generation Survey')
    expect(() => lib.relatedPapers(999)).toThrow('There is no paper with id 999.')
    lib.close()
  })
})

describe('saved searches', () => {
  it('saves, replaces by name in any case, lists by name and deletes', async () => {
    const lib = await library()
    lib.saveSearch('To read', 'status:to-read')
    const saved = lib.saveSearch('Agents', 'agents -survey')
    expect(saved.map((s) => s.name)).toEqual(['Agents', 'To read'])
    const replaced = lib.saveSearch('agents', 'agents')
    expect(replaced.map((s) => [s.name, s.query])).toEqual([
      ['agents', 'agents'],
      ['To read', 'status:to-read'],
    ])
    expect(lib.deleteSavedSearch(replaced[0]!.id).map((s) => s.name)).toEqual(['To read'])
    expect(() => lib.deleteSavedSearch(999)).toThrow('There is no saved search with id 999.')
    lib.close()
  })
})

describe('the search index migration', () => {
  it('indexes the papers, notes, highlights and tags of a library made before search', () => {
    const dir = tempDir()
    const old = openLibraryDb(dir, MIGRATIONS.slice(0, 2))
    old.exec(`
      INSERT INTO papers (id, title, abstract, title_key, added_at)
        VALUES (7, 'Old Paper', 'An abstract about kernels.', 'old paper', 1);
      INSERT INTO digests (id, date, source_file, content_hash, imported_at)
        VALUES (1, '2024-08-06', 'a.txt', 'h', 1);
      INSERT INTO digest_papers (digest_id, paper_id, position) VALUES (1, 7, 0);
      INSERT INTO notes (paper_id, body, updated_at) VALUES (7, 'mentions quokkas', 1);
      INSERT INTO highlights (paper_id, quote, prefix, suffix, start_offset, end_offset, color,
        comment, created_at, updated_at)
        VALUES (7, 'kernels', '', '', 18, 25, 'yellow', 'wombats too', 1, 1);
      INSERT INTO tags (id, name) VALUES (1, 'marsupials');
      INSERT INTO paper_tags (paper_id, tag_id) VALUES (7, 1);`)
    old.close()
    const lib = openLibrary(dir)
    for (const word of ['kernels', 'quokkas', 'wombats', 'marsupials']) {
      expect(titles(lib, `${word} `)).toEqual(['Old Paper'])
    }
    // The titles-only index (read when too many match to rank) holds the old title too.
    const inTitles = lib.db.prepare("SELECT rowid FROM paper_titles WHERE paper_titles MATCH 'old'")
    expect(inTitles.pluck().all()).toEqual([7])
    lib.close()
  })
})
