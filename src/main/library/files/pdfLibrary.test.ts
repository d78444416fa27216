import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { MarginError } from '../../../shared/errors'
import { openLibrary, type Library } from '../library'
import { paperPdf } from '../testing/paperPdf'
import { SEED_DIGEST, useTempDir } from '../testing/tempDirs'
import { arxivIdsIn } from './pdfLibrary'
import { contentPdf, linesPdf } from './testPdfs'

const tempDir = useTempDir()
const NOW = Date.UTC(2026, 10, 30, 12)

async function seeded(options: Parameters<typeof openLibrary>[1] = {}) {
  const dir = tempDir()
  const library = openLibrary(dir, { now: () => NOW, ...options })
  await library.importFiles([SEED_DIGEST])
  return { library, dir }
}

/** Pages of `page` of the files whose text matches `query` (FTS5), as "sha:page". */
function bodyHits(library: Library, query: string): number[] {
  return library.db
    .prepare<[string], number>(
      `SELECT p.page FROM pdf_page_search s JOIN pdf_pages p ON p.id = s.rowid
       WHERE pdf_page_search MATCH ? ORDER BY p.page`,
    )
    .pluck()
    .all(query)
}

const count = (library: Library, table: string) =>
  library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

async function rejection(promise: Promise<unknown>): Promise<MarginError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  )
  if (error instanceof MarginError) return error
  throw error
}

const THREE_PAGES = [
  ['A first page about retrieval', 'and generation.'],
  [
    'The second page holds the rare word zyxquor-',
    'bance, broken at a line end,',
    'and a state-of-the-art claim.',
  ],
  ['The third page mentions zyxquorbance again.'],
]

describe('library.pdfs', () => {
  it('attaches a PDF: stored by hash, listed with the paper, its text extracted per page', async () => {
    const { library, dir } = await seeded()
    const data = await linesPdf(THREE_PAGES)
    const paper = await library.pdfs.attach(1, { name: '/some/where/paper.pdf', data })
    expect(paper.files).toEqual([
      {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        size: data.length,
        pageCount: 3,
        origin: 'paper.pdf',
        addedAt: NOW,
        textState: 'pending',
        textProblem: null,
      },
    ])
    const sha = paper.files[0]!.sha256
    expect(existsSync(join(dir, 'files', sha.slice(0, 2), `${sha}.pdf`))).toBe(true)

    await library.pdfs.whenTextIdle()
    expect(library.getPaper(1).files[0]!.textState).toBe('done')
    expect(library.pdfs.pageText(sha, 2)).toBe(
      'The second page holds the rare word zyxquorbance, broken at a line end, and a state-of-the-art claim.',
    )
    expect(bodyHits(library, 'zyxquorbance')).toEqual([2, 3])
    expect(bodyHits(library, 'retrieval')).toEqual([1])
    expect(library.pdfs.files(1)).toEqual(library.getPaper(1).files)
    library.close()
  })

  it('extracts a two-column paper as it was typeset: hyphenated words joined, on their pages', async () => {
    const { library } = await seeded()
    const pdf = await paperPdf({
      pages: 4,
      seed: 12,
      bodyWords: [{ word: 'glorpvexity', page: 3, hyphenate: true }],
    })
    const sha = (await library.pdfs.attach(1, { name: 'paper.pdf', data: pdf.bytes })).files[0]!
      .sha256
    await library.pdfs.whenTextIdle()
    const pages = [1, 2, 3, 4].map((page) => library.pdfs.pageText(sha, page))
    expect(pages).toEqual(pdf.pageTexts)
    expect(bodyHits(library, 'glorpvexity')).toEqual([3])
    library.close()
  })

  it('stores the same bytes once, for every paper that holds them; remove keeps them until the last', async () => {
    const { library } = await seeded()
    const data = await linesPdf(THREE_PAGES)
    const sha = (await library.pdfs.attach(1, { name: 'a.pdf', data })).files[0]!.sha256
    await library.pdfs.attach(2, { name: 'b.pdf', data: data.slice() })
    await library.pdfs.attach(2, { name: 'again.pdf', data: data.slice() })
    await library.pdfs.whenTextIdle()
    expect(library.pdfs.usage()).toEqual({ files: 1, bytes: data.length })
    expect(count(library, 'pdf_files')).toBe(1)
    expect(library.getPaper(2).files.map((f) => f.origin)).toEqual(['b.pdf'])

    const one = library.pdfs.remove(1, sha)
    expect(one.files).toEqual([])
    expect(library.pdfs.usage().files).toBe(1)
    expect(bodyHits(library, 'zyxquorbance')).toEqual([2, 3])

    library.pdfs.remove(2, sha.toUpperCase())
    expect(library.pdfs.usage()).toEqual({ files: 0, bytes: 0 })
    expect([count(library, 'pdf_files'), count(library, 'pdf_pages')]).toEqual([0, 0])
    expect(bodyHits(library, 'zyxquorbance')).toEqual([])

    const error = (() => {
      try {
        library.pdfs.remove(2, sha)
      } catch (e) {
        return e as MarginError
      }
    })()
    expect(error?.code).toBe('NOT_FOUND')
    library.close()
  })

  it('refuses what is not a PDF, storing nothing', async () => {
    const { library } = await seeded()
    const html = new TextEncoder().encode('<!doctype html><title>Just a moment...</title>')
    const error = await rejection(library.pdfs.attach(1, { name: '2408.01234.pdf', data: html }))
    expect(error.code).toBe('NOT_A_PDF')
    expect(error.message).toMatch(/web page \(HTML\)/)
    expect(library.pdfs.usage()).toEqual({ files: 0, bytes: 0 })
    expect(count(library, 'pdf_files')).toBe(0)
    expect((await rejection(library.pdfs.attach(999, { name: 'x.pdf', data: html }))).code).toBe(
      'NOT_FOUND',
    )
    library.close()
  })

  it('attaches a file by path, refusing one it cannot read', async () => {
    const { library } = await seeded()
    const path = join(tempDir(), 'On Graphs.pdf')
    writeFileSync(path, await linesPdf([['graphs']]))
    const paper = await library.pdfs.attachPath(3, path)
    expect(paper.files.map((f) => [f.origin, f.pageCount])).toEqual([['On Graphs.pdf', 1]])
    const error = await rejection(library.pdfs.attachPath(3, join(tempDir(), 'missing.pdf')))
    expect(error.code).toBe('FILE_UNREADABLE')
    await library.pdfs.whenTextIdle()
    library.close()
  })

  it('turns ligatures into letters (NFKC) in the stored text', async () => {
    const { library } = await seeded()
    const encoding =
      '<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi 2 /fl] >>'
    const data = contentPdf(
      'BT /F1 12 Tf 72 700 Td (We \\001nd the \\002ow of ideas here.) Tj ET',
      encoding,
    )
    const sha = (await library.pdfs.attach(1, { name: 'lig.pdf', data })).files[0]!.sha256
    await library.pdfs.whenTextIdle()
    expect(library.pdfs.pageText(sha, 1)).toBe('We find the flow of ideas here.')
    expect(bodyHits(library, 'find AND flow')).toEqual([1])
    library.close()
  })

  it('reports garbage text instead of indexing it, and goes on with the next file', async () => {
    const { library } = await seeded()
    const garbage = contentPdf(`BT /F1 12 Tf 72 700 Td (${'#$%&*+=<>@^~|'.repeat(8)}) Tj ET`)
    const good = await linesPdf([['good words to find']])
    await library.pdfs.attach(1, { name: 'garbage.pdf', data: garbage })
    await library.pdfs.attach(2, { name: 'good.pdf', data: good })
    await library.pdfs.whenTextIdle()
    expect(library.getPaper(1).files[0]).toMatchObject({
      textState: 'failed',
      textProblem: expect.stringMatching(/text is unreadable/),
    })
    expect(library.getPaper(2).files[0]!.textState).toBe('done')
    expect(bodyHits(library, 'words')).toEqual([1])
    library.close()
  })

  it("tells its listeners as each file's text is done or failed, once the state is stored", async () => {
    const { library } = await seeded()
    const told: Array<{ sha256: string; state: string; stored: string | undefined }> = []
    const stateOf = (sha: string) =>
      [1, 2, 3].flatMap((id) => library.getPaper(id).files).find((f) => f.sha256 === sha)?.textState
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    library.pdfs.onTextDone(() => {
      throw new Error('a listener that fails')
    })
    const stop = library.pdfs.onTextDone(({ sha256, state }) =>
      told.push({ sha256, state, stored: stateOf(sha256) }),
    )
    const garbage = contentPdf(`BT /F1 12 Tf 72 700 Td (${'#$%&*+=<>@^~|'.repeat(8)}) Tj ET`)
    const bad = (await library.pdfs.attach(1, { name: 'garbage.pdf', data: garbage })).files[0]!
    const good = (
      await library.pdfs.attach(2, { name: 'good.pdf', data: await linesPdf([['good words']]) })
    ).files[0]!
    expect(told).toEqual([])
    await library.pdfs.whenTextIdle()
    expect(told).toEqual([
      { sha256: bad.sha256, state: 'failed', stored: 'failed' },
      { sha256: good.sha256, state: 'done', stored: 'done' },
    ])

    // Stopped: the next file is extracted (the failing listener did not stop the queue), untold.
    stop()
    await library.pdfs.attach(3, { name: 'more.pdf', data: await linesPdf([['more words']]) })
    await library.pdfs.whenTextIdle()
    expect(library.getPaper(3).files[0]!.textState).toBe('done')
    expect(told).toHaveLength(2)
    expect(logged).toHaveBeenCalledWith(
      'Margin: a text extraction listener failed:',
      new Error('a listener that fails'),
    )
    logged.mockRestore()
    library.close()
  })

  it('gives up on a file past the time limit, says so, and the queue goes on', async () => {
    const { library, dir } = await seeded({ extractionLimits: { timeMs: 1, memoryMb: 256 } })
    await library.pdfs.attach(1, { name: 'slow.pdf', data: await linesPdf(THREE_PAGES) })
    await library.pdfs.whenTextIdle()
    expect(library.getPaper(1).files[0]).toMatchObject({
      textState: 'failed',
      textProblem: 'it took longer than 0.001 s, the limit for one PDF',
    })
    expect(count(library, 'pdf_pages')).toBe(0)
    library.close()

    // With room to work, attaching the same bytes again tries their text again.
    const reopened = openLibrary(dir, { now: () => NOW })
    expect(reopened.getPaper(1).files[0]!.textState).toBe('failed')
    await reopened.pdfs.attach(2, { name: 'again.pdf', data: await linesPdf(THREE_PAGES) })
    await reopened.pdfs.whenTextIdle()
    expect(reopened.getPaper(1).files[0]).toMatchObject({ textState: 'done', textProblem: null })
    expect(bodyHits(reopened, 'zyxquorbance')).toEqual([2, 3])
    reopened.close()
  })

  it('gives up on files past the memory limit, says so, and leaves none pending', async () => {
    const { library } = await seeded({ extractionLimits: { timeMs: 60_000, memoryMb: 4 } })
    await library.pdfs.attach(1, { name: 'a.pdf', data: await linesPdf([['one']]) })
    await library.pdfs.attach(2, { name: 'b.pdf', data: await linesPdf([['two']]) })
    await library.pdfs.whenTextIdle()
    for (const id of [1, 2]) {
      expect(library.getPaper(id).files[0]).toMatchObject({
        textState: 'failed',
        textProblem: 'it needed more than 4 MB of memory, the limit for one PDF',
      })
    }
    library.close()
  })

  it('stops extracting a PDF past the text limit, says so, and keeps none of its text', async () => {
    const limits = { timeMs: 60_000, memoryMb: 512, maxChars: 150 }
    const { library } = await seeded({ extractionLimits: limits })
    await library.pdfs.attach(1, { name: 'long.pdf', data: await linesPdf(THREE_PAGES) })
    await library.pdfs.attach(2, { name: 'short.pdf', data: await linesPdf([['brief']]) })
    await library.pdfs.whenTextIdle()
    expect(library.getPaper(1).files[0]).toMatchObject({
      textState: 'failed',
      textProblem: "its text is over 150 characters, far more than a paper's",
    })
    expect(library.getPaper(2).files[0]!.textState).toBe('done')
    expect(bodyHits(library, 'zyxquorbance')).toEqual([])
    library.close()
  })

  it('resumes extraction left pending when the library was closed', async () => {
    const { library, dir } = await seeded()
    await library.pdfs.attach(1, { name: 'p.pdf', data: await linesPdf(THREE_PAGES) })
    library.close()
    const reopened = openLibrary(dir, { now: () => NOW })
    expect(reopened.getPaper(1).files[0]!.textState).toBe('pending')
    await reopened.pdfs.whenTextIdle()
    expect(reopened.getPaper(1).files[0]!.textState).toBe('done')
    expect(bodyHits(reopened, 'zyxquorbance')).toEqual([2, 3])
    reopened.close()
  })

  it('checks every stored file: missing and changed ones are named', async () => {
    const { library } = await seeded()
    const a = (await library.pdfs.attach(1, { name: 'a.pdf', data: await linesPdf([['a']]) }))
      .files[0]!.sha256
    const b = (await library.pdfs.attach(2, { name: 'b.pdf', data: await linesPdf([['b']]) }))
      .files[0]!.sha256
    await library.pdfs.whenTextIdle()
    expect(await library.pdfs.check()).toMatchObject({ files: 2, problems: [], notes: [] })
    library.pdfs.store.remove(a)
    writeFileSync(library.pdfs.store.pathOf(b), 'not the same bytes')
    const { problems } = await library.pdfs.check()
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(new RegExp(`^The PDF ${a} of paper #1: its file .* is missing\\.$`))
    expect(problems[1]).toMatch(new RegExp(`^The PDF ${b} of paper #2: its file .* has changed`))
    library.close()
  })

  it('notes files no row refers to and pieces of writes, without calling them problems or deleting them', async () => {
    const { library } = await seeded()
    const kept = (await library.pdfs.attach(1, { name: 'a.pdf', data: await linesPdf([['a']]) }))
      .files[0]!.sha256
    await library.pdfs.whenTextIdle()
    expect(await library.pdfs.check()).toMatchObject({ unreferenced: [], temporary: [], notes: [] })

    // A PDF of a newer state of the library (its row gone with a restore), a piece of a write
    // and a file Margin did not name.
    const { store } = library.pdfs
    const newer = await store.write(await linesPdf([['added after the backup']]))
    const piece = join(store.root, '.tmp', 'abcdef0123456789-000000.part')
    writeFileSync(piece, 'half a PDF')
    const odd = join(store.root, 'notes.txt')
    writeFileSync(odd, 'mine')

    const check = await library.pdfs.check()
    expect(check.files).toBe(1)
    expect(check.problems).toEqual([])
    expect(check.unreferenced).toEqual([
      expect.objectContaining({ sha256: newer, path: store.pathOf(newer) }),
      { sha256: null, path: odd, bytes: 4, modifiedAt: expect.any(Number) },
    ])
    expect(check.temporary).toEqual([{ path: piece, bytes: 10, modifiedAt: expect.any(Number) }])
    expect(check.unreferenced.map((f) => f.sha256)).not.toContain(kept)
    const [strays, pieces] = check.notes
    expect(check.notes).toHaveLength(2)
    expect(strays).toContain(`${store.root} holds 2 files that this library has no record of:`)
    expect(strays).toContain(`\n  ${store.pathOf(newer)} (`)
    expect(strays).toContain('may belong to a newer state of the library')
    expect(strays).toContain('re-attach a PDF to its paper with `margin attach ID FILE`')
    expect(strays).toContain('remove them by hand')
    expect(pieces).toContain('holds a piece of a PDF write that did not finish')
    expect(pieces).toContain(`\n  ${piece} (10 bytes)\n`)

    // Nothing was deleted, and the stray PDF attaches again as it is.
    expect(existsSync(store.pathOf(newer)) && existsSync(piece) && existsSync(odd)).toBe(true)
    await library.pdfs.attachPath(2, store.pathOf(newer))
    expect((await library.pdfs.check()).unreferenced.map((f) => f.path)).toEqual([odd])
    library.close()
  })

  it('matches a PDF to its paper by an arXiv id in its name, else on its first page', async () => {
    const { library } = await seeded()
    library.db.prepare('UPDATE papers SET arxiv_id = ? WHERE id = ?').run('2408.01234', 4)
    library.db.prepare('UPDATE papers SET arxiv_id = ? WHERE id = ?').run('hep-th/9901001', 5)
    const plain = await linesPdf([['no id here']])
    expect(await library.pdfs.match({ name: '2408.01234v2.pdf', data: plain })).toBe(4)
    expect(await library.pdfs.match({ name: 'arXiv-2408.01234.pdf', data: plain })).toBe(4)
    expect(await library.pdfs.match({ name: 'hep-th_9901001v1.pdf', data: plain })).toBe(5)
    expect(await library.pdfs.match({ name: 'download.pdf', data: plain })).toBeNull()
    const stamped = await linesPdf([['arXiv:2408.01234v3 [cs.LG] 6 Aug 2024', 'A title']])
    expect(await library.pdfs.match({ name: 'download.pdf', data: stamped })).toBe(4)
    const html = new TextEncoder().encode('<html>')
    expect((await rejection(library.pdfs.match({ name: '2408.01234.pdf', data: html }))).code).toBe(
      'NOT_A_PDF',
    )
    library.close()
  })

  it('remembers the reading position; summaries show the PDF and the progress', async () => {
    const { library } = await seeded()
    await library.pdfs.attach(1, { name: 'p.pdf', data: await linesPdf(THREE_PAGES) })
    expect(library.getPaper(1).position).toBeNull()
    library.pdfs.savePosition(1, { page: 2, offset: 0.25, pageCount: 3, zoom: 1.5 })
    expect(library.getPaper(1).position).toEqual({
      page: 2,
      offset: 0.25,
      pageCount: 3,
      zoom: 1.5,
      updatedAt: NOW,
    })
    library.pdfs.savePosition(1, { page: 3, offset: 0, pageCount: 3, zoom: 'fit-page' })
    expect(library.getPaper(1).position).toMatchObject({ page: 3, zoom: 'fit-page' })
    library.pdfs.savePosition(2, { page: 1, offset: 0, pageCount: 9, zoom: 'fit-width' })

    const summaries = library.paperSummaries([1, 2, 3], {})
    expect(summaries.map((s) => [s.id, s.hasPdf, s.progress])).toEqual([
      [1, true, { page: 3, pageCount: 3 }],
      // A position without a PDF (the file was removed) shows no progress.
      [2, false, null],
      [3, false, null],
    ])
    expect(() =>
      library.pdfs.savePosition(999, { page: 1, offset: 0, pageCount: 1, zoom: 'fit-width' }),
    ).toThrow(/no paper with id 999/)
    await library.pdfs.whenTextIdle()
    library.close()
  })

  it('serves attached files through its protocol handler', async () => {
    const { library } = await seeded()
    const data = await linesPdf([['served']])
    const sha = (await library.pdfs.attach(1, { name: 'p.pdf', data })).files[0]!.sha256
    const response = await library.pdfs.protocolHandler(new Request(`margin-pdf://files/${sha}`))
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(data)
    await library.pdfs.whenTextIdle()
    library.close()
  })
})

describe('arxivIdsIn', () => {
  it('finds new- and old-style ids, stamped ones first, without versions', () => {
    expect(arxivIdsIn('2408.01234v2.pdf')).toEqual(['2408.01234'])
    expect(arxivIdsIn('see 1234.5678 and arXiv:2401.00001v1 [cs.CL]')).toEqual([
      '2401.00001',
      '1234.5678',
    ])
    expect(arxivIdsIn('math.AG_0501001v2.pdf, hep-th/9901001')).toEqual([
      'math.ag/0501001',
      'hep-th/9901001',
    ])
    expect(arxivIdsIn('version 12408.012345 v3')).toEqual([])
  })
})
