import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MATCH_END, MATCH_START, type PaperSummary } from '../../../shared/models'
import { LIBRARY_FILE_NAME } from '../db/openLibrary'
import { openLibrary, type Library } from '../library'
import { paperPdf } from '../testing/paperPdf'
import { createSearch } from './search'
import { useTempDir, writeFile } from '../testing/tempDirs'

const tempDir = useTempDir()

const digest = (date: string, ...papers: Array<[string, string]>) =>
  `${date}\n\n${papers.map(([title, abstract]) => `${title}\n\n${abstract}`).join('\n\n')}\n`

const PRUNING = 'Transformer Pruning at Scale'
const SPARSE = 'Sparse Attention for Long Documents'
const DIFFUSION = 'Diffusion Models for Robotics'
const RAG = 'Retrieval Augmented Generation Survey'
const SERVING = 'Efficient Inference Serving'

async function library(): Promise<{ lib: Library; dir: string }> {
  const dir = tempDir()
  const lib = openLibrary(dir, { now: () => 1 })
  await lib.importFiles([
    writeFile(
      dir,
      'aug6.txt',
      digest(
        'Aug 6, 2024',
        [SPARSE, 'We study the transformer on long inputs with sparse patterns.'],
        [PRUNING, 'Pruning heads reduces memory while keeping accuracy.'],
        [DIFFUSION, 'Robot policies from diffusion, evaluated on manipulation.'],
      ),
    ),
    writeFile(
      dir,
      'aug7.txt',
      digest(
        'Aug 7, 2024',
        [RAG, 'A survey of retrieval for language models and agents.'],
        [SERVING, 'Batching requests for language models on commodity hardware.'],
      ),
    ),
  ])
  return { lib, dir }
}

const FILLER =
  'We describe the experimental setup in detail and report the results of every run below.'

let shas = 0
/** A PDF held by the paper, with these page texts (as extraction stores them), as A's code does. */
function attach(db: Database.Database, paperId: number, pages: readonly string[]): number {
  const file = Number(
    db
      .prepare(
        `INSERT INTO pdf_files (sha256, size, page_count, text_state, created_at)
         VALUES (?, 1000, ?, 'done', 1)`,
      )
      .run(`sha-${++shas}`, pages.length).lastInsertRowid,
  )
  db.prepare(
    "INSERT INTO paper_files (paper_id, file_id, origin, added_at) VALUES (?, ?, 'a.pdf', 1)",
  ).run(paperId, file)
  const page = db.prepare('INSERT INTO pdf_pages (file_id, page, text) VALUES (?, ?, ?)')
  db.transaction(() => pages.forEach((text, i) => page.run(file, i + 1, text)))()
  return file
}

const idOf = (lib: Library, title: string) =>
  lib.listPaperSummaries().find((p) => p.title === title)!.id
const found = (lib: Library, text: string, scope = {}) => lib.searchPapers(scope, text).papers
const titles = (lib: Library, text: string, scope = {}) =>
  found(lib, text, scope).map((p) => p.title)
const pagesOf = (papers: PaperSummary[], title: string) =>
  papers.find((p) => p.title === title)?.match?.pages

describe('search over the pages of PDFs', () => {
  it('lists papers matching only in their PDF after title and abstract matches, with the pages', async () => {
    const { lib } = await library()
    attach(lib.db, idOf(lib, DIFFUSION), [
      FILLER,
      `${FILLER} A transformer encodes the observations.`,
      FILLER,
      FILLER,
      'The transformer policy runs at 10 Hz on the arm.',
    ])
    const papers = found(lib, 'transformer ')
    expect(papers.map((p) => p.title)).toEqual([PRUNING, SPARSE, DIFFUSION])
    expect(papers[2]!.match).toMatchObject({ title: DIFFUSION, snippet: null, pages: [2, 5] })
    expect(papers[2]!.match!.pageSnippet).toContain(
      `A ${MATCH_START}transformer${MATCH_END} encodes`,
    )
    expect(papers[0]!.match).toMatchObject({ pages: [], pageSnippet: null })
    lib.close()
  })

  it('gives the pages of all the paper’s PDFs once each, ascending, also for an abstract match', async () => {
    const { lib } = await library()
    const sparse = idOf(lib, SPARSE)
    attach(lib.db, sparse, [
      FILLER,
      FILLER,
      'Sparse transformer blocks.',
      FILLER,
      FILLER,
      FILLER,
      'A transformer again.',
    ])
    attach(lib.db, sparse, [
      'The transformer, revised.',
      FILLER,
      'Transformers and the transformer.',
    ])
    const papers = found(lib, 'transformer ')
    // The order of the papers whose own text matches does not change.
    expect(papers.map((p) => p.title)).toEqual([PRUNING, SPARSE])
    expect(pagesOf(papers, SPARSE)).toEqual([1, 3, 7])
    expect(papers[1]!.match!.snippet).toContain(`${MATCH_START}transformer${MATCH_END}`)
    expect(papers[1]!.match!.pageSnippet).toBe(
      `The ${MATCH_START}transformer${MATCH_END}, revised.`,
    )
    lib.close()
  })

  it('searches only the PDFs with in:pdf, and lists papers holding one with has:pdf', async () => {
    const { lib } = await library()
    attach(lib.db, idOf(lib, SERVING), [FILLER, 'Continuous batching of transformer decoding.'])
    attach(lib.db, idOf(lib, SPARSE), ['Our transformer variant.'])
    attach(lib.db, idOf(lib, RAG), [FILLER])
    // PRUNING matches in its title only: not in its PDF, which it does not have.
    expect(titles(lib, 'transformer in:pdf')).toEqual(expect.arrayContaining([SERVING, SPARSE]))
    expect(titles(lib, 'transformer in:pdf')).toHaveLength(2)
    expect(pagesOf(found(lib, 'in:pdf transformer'), SERVING)).toEqual([2])
    expect(titles(lib, 'pruning in:pdf')).toEqual([])
    expect(titles(lib, 'has:pdf').sort()).toEqual([RAG, SERVING, SPARSE].sort())
    expect(titles(lib, 'in:pdf').sort()).toEqual([RAG, SERVING, SPARSE].sort())
    expect(titles(lib, 'transformer has:pdf')).toEqual([SPARSE, SERVING])
    lib.close()
  })

  it('applies filters, the view and exclusions to papers matching in their PDFs', async () => {
    const { lib } = await library()
    const diffusion = idOf(lib, DIFFUSION)
    const serving = idOf(lib, SERVING)
    attach(lib.db, diffusion, ['Quokkas were observed near the robot.'])
    attach(lib.db, serving, [FILLER, 'No quokkas were harmed; see the survey of marsupials.'])
    expect(titles(lib, 'quokkas').sort()).toEqual([DIFFUSION, SERVING].sort())
    expect(titles(lib, 'quokkas digest:2024-08-07')).toEqual([SERVING])
    expect(titles(lib, 'quokkas', { digest: '2024-08-06' })).toEqual([DIFFUSION])
    lib.setStatus(serving, 'read')
    expect(titles(lib, 'quokkas status:read')).toEqual([SERVING])
    expect(titles(lib, 'quokkas', { status: 'new' })).toEqual([DIFFUSION])
    lib.addTags(diffusion, ['fauna'])
    expect(titles(lib, 'quokkas tag:fauna')).toEqual([DIFFUSION])
    lib.saveNote(serving, 'batching')
    expect(titles(lib, 'quokkas has:note')).toEqual([SERVING])
    // Excluded words leave out the papers whose own text holds them, and the pages holding them.
    expect(titles(lib, 'quokkas -manipulation')).toEqual([SERVING])
    expect(titles(lib, 'quokkas -marsupials')).toEqual([DIFFUSION])
    lib.close()
  })

  it('finds a word hyphenated across a line, as extraction joined it, on its page', async () => {
    const { lib } = await library()
    // The PDF's "interac-\ntion" as the extraction stores it: joined.
    attach(lib.db, idOf(lib, RAG), [
      FILLER,
      FILLER,
      `${FILLER} Agents learn from interaction with users.`,
    ])
    const papers = found(lib, 'interaction')
    expect(papers.map((p) => p.title)).toEqual([RAG])
    expect(papers[0]!.match!.pages).toEqual([3])
    expect(papers[0]!.match!.pageSnippet).toContain(`${MATCH_START}interaction${MATCH_END}`)
    expect(titles(lib, '"interaction with users"')).toEqual([RAG])
    lib.close()
  })

  it('forgives a typo in a word the pages hold, and completes a word being typed', async () => {
    const { lib } = await library()
    attach(lib.db, idOf(lib, DIFFUSION), ['A transformer encodes the observations.'])
    await lib.prepareSearch()
    expect(titles(lib, 'transfromer encodes')).toEqual([DIFFUSION])
    // "transf" completes to the library's "transformer", which the pages hold.
    expect(titles(lib, 'encodes transf')).toEqual([DIFFUSION])
    expect(titles(lib, 'encodes transfromer')).toEqual([DIFFUSION])
    // A word only the pages hold completes as it is typed, from five letters on.
    expect(titles(lib, 'observ')).toEqual([DIFFUSION])
    expect(found(lib, 'observ')[0]!.match!.pageSnippet).toContain(
      `${MATCH_START}observations${MATCH_END}`,
    )
    expect(titles(lib, 'obse')).toEqual([])
    lib.close()
  })

  it('follows PDFs removed and attached again, and pages written by another connection', async () => {
    const { lib, dir } = await library()
    const diffusion = idOf(lib, DIFFUSION)
    const file = attach(lib.db, diffusion, ['Quokkas everywhere.'])
    expect(titles(lib, 'quokkas')).toEqual([DIFFUSION])
    lib.db
      .prepare('DELETE FROM paper_files WHERE paper_id = ? AND file_id = ?')
      .run(diffusion, file)
    expect(titles(lib, 'quokkas')).toEqual([])
    lib.db.prepare("INSERT INTO paper_files VALUES (?, ?, 'b.pdf', 2)").run(diffusion, file)
    expect(titles(lib, 'quokkas')).toEqual([DIFFUSION])

    const other = new Database(join(dir, LIBRARY_FILE_NAME))
    attach(other, idOf(lib, SERVING), ['Wombats, not quokkas.'])
    other.close()
    expect(titles(lib, 'quokkas').sort()).toEqual([DIFFUSION, SERVING].sort())
    expect(titles(lib, 'wombats')).toEqual([SERVING])
    lib.close()
  })

  it('ranks by bm25 when few pages match, by matching pages when more, else newest first', async () => {
    const { lib } = await library()
    const weak = `${FILLER} ${FILLER} One quokkas mention in a long page. ${FILLER} ${FILLER}`
    const strong = 'Quokkas, quokkas, quokkas.'
    // Pages without the word, so that it is rare enough to weigh.
    attach(
      lib.db,
      idOf(lib, PRUNING),
      Array.from({ length: 12 }, () => FILLER),
    )
    attach(lib.db, idOf(lib, DIFFUSION), [weak, weak, weak])
    attach(lib.db, idOf(lib, RAG), [strong, FILLER, strong])
    attach(lib.db, idOf(lib, SERVING), [weak])
    const order = (options: Parameters<typeof createSearch>[1]) => {
      const search = createSearch(lib.db, options)
      return search.summaries(search.search('quokkas').ids, 'quokkas').map((p) => p.title)
    }
    expect(order({})).toEqual([RAG, DIFFUSION, SERVING])
    expect(order({ scorePagesUpTo: 0 })).toEqual([DIFFUSION, RAG, SERVING])
    expect(order({ scorePagesUpTo: 0, countPagesUpTo: 0 })).toEqual([SERVING, RAG, DIFFUSION])
    expect(pagesOf(found(lib, 'quokkas'), RAG)).toEqual([1, 3])
    const newestFirst = createSearch(lib.db, { scorePagesUpTo: 0, countPagesUpTo: 0 })
    expect(newestFirst.search('quokkas', {}, { limit: 2 })).toMatchObject({ more: true })
    expect(newestFirst.search('quokkas', {}, { limit: 3 })).toMatchObject({ more: false })
    lib.close()
  })

  it('reads a bounded number of matching pages, and says more may match when it cut them', async () => {
    const { lib } = await library()
    const diffusion = idOf(lib, DIFFUSION)
    attach(lib.db, diffusion, ['Quokkas.'])
    attach(lib.db, idOf(lib, SERVING), ['Quokkas.', 'Quokkas.', 'Quokkas.'])
    lib.setStatus(diffusion, 'read')
    const bounded = createSearch(lib.db, { scorePagesUpTo: 0, countPagesUpTo: 0, pageBudget: 2 })
    // The two newest matching pages are the serving paper's: the read one is beyond the budget.
    expect(bounded.search('quokkas status:read')).toMatchObject({ ids: [], more: true })
    expect(bounded.search('quokkas status:new')).toMatchObject({
      ids: [idOf(lib, SERVING)],
      more: true,
    })
    const roomy = createSearch(lib.db, { scorePagesUpTo: 0, countPagesUpTo: 0, pageBudget: 4 })
    expect(roomy.search('quokkas status:read')).toMatchObject({ ids: [diffusion], more: false })
    lib.close()
  })
  it('follows PDFs attached and removed through the library, the same bytes held by two papers', async () => {
    const { lib } = await library()
    await lib.prepareSearch()
    const [rag, serving] = [idOf(lib, RAG), idOf(lib, SERVING)]
    const { bytes } = await paperPdf({
      pages: 4,
      seed: 5,
      bodyWords: [{ word: 'wombatizer', page: 2, hyphenate: true }],
    })
    const data = new Uint8Array(bytes)
    await lib.pdfs.attach(rag, { name: 'a.pdf', data })
    await lib.pdfs.attach(serving, { name: 'b.pdf', data })
    await lib.pdfs.whenTextIdle()
    const both = found(lib, 'wombatizer')
    expect(both.map((p) => p.title).sort()).toEqual([RAG, SERVING].sort())
    expect(both.map((p) => p.match!.pages)).toEqual([[2], [2]])
    const sha = lib.pdfs.files(rag)[0]!.sha256
    lib.pdfs.remove(rag, sha)
    expect(titles(lib, 'wombatizer')).toEqual([SERVING])
    lib.pdfs.remove(serving, sha)
    expect(titles(lib, 'wombatizer')).toEqual([])
    lib.close()
  })
})
