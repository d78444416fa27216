import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openLibrary, type Library } from '../library'
import { startArxivServer, type ArxivServer } from '../testing/arxivServer'
import { fakeClock } from '../testing/fakeClock'
import { paperPdf } from '../testing/paperPdf'
import { useTempDir } from '../testing/tempDirs'

const tempDir = useTempDir()
const HF_JSON = `${__dirname}/../digest/sources/fixtures/hf-daily-aug-7.json`

let server: ArxivServer
const open: Library[] = []
beforeEach(async () => {
  server = await startArxivServer()
})
afterEach(async () => {
  for (const library of open.splice(0)) library.close()
  await server.close()
})

async function libraryWithPapers(dir = tempDir()) {
  const clock = fakeClock()
  const library = openLibrary(dir, {
    now: clock.now,
    sleep: clock.sleep,
    arxivBaseUrl: server.baseUrl,
  })
  open.push(library)
  if (!library.hasDigests()) await library.importFiles([HF_JSON])
  const byArxiv = (id: string) => library.listPapers().find((p) => p.arxivId === id)!.id
  return { library, byArxiv, clock }
}

describe('library.downloads', () => {
  it('does nothing on the network until started, then stores the PDF through the file store', async () => {
    const { library, byArxiv } = await libraryWithPapers()
    const { bytes } = await paperPdf({ pages: 4, arxivId: '2408.12757v2' })
    server.answer('2408.12757', { kind: 'pdf', bytes, version: 2, tell: 'filename' })
    const id = byArxiv('2408.12757')

    expect(library.downloads.enqueue([id])).toMatchObject({ total: 1, waiting: 1, done: 0 })
    await library.downloads.whenIdle()
    expect(server.requests).toEqual([])

    library.downloads.start()
    await library.downloads.whenIdle()
    expect(library.downloads.status()).toMatchObject({ total: 1, done: 1, waiting: 0, failed: [] })
    expect(library.getPaper(id).files).toMatchObject([
      { pageCount: 4, size: bytes.byteLength, origin: `${server.baseUrl}/pdf/2408.12757v2` },
    ])
    expect(library.downloads.enqueue([id])).toMatchObject({ total: 1, done: 1, waiting: 0 })
  })

  it('a download the store refuses fails with its sentence and stores nothing', async () => {
    const { library, byArxiv } = await libraryWithPapers()
    // A PDF header and then garbage: it looks like a PDF to the queue, not to the store.
    server.answer('2408.00100', {
      kind: 'pdf',
      bytes: new TextEncoder().encode('%PDF-1.7\n' + 'garbage '.repeat(200)),
    })
    const id = byArxiv('2408.00100')
    library.downloads.enqueue([id])
    library.downloads.start()
    await library.downloads.whenIdle()
    const { failed } = library.downloads.status()
    expect(failed).toHaveLength(1)
    expect(failed[0]!.problem).toMatch(
      /^"2408\.00100\.pdf" is cut off: it does not end as a PDF ends/,
    )
    expect(library.getPaper(id).files).toEqual([])
  })

  it('keeps its queue and its pause across closing and reopening the library', async () => {
    const dir = tempDir()
    const first = await libraryWithPapers(dir)
    const ids = ['2408.12757', '2312.04461'].map(first.byArxiv)
    first.library.downloads.pause(true)
    first.library.downloads.enqueue(ids)
    first.library.close()
    open.splice(0)

    const { bytes } = await paperPdf({ pages: 2 })
    server.answer('2408.12757', { kind: 'pdf', bytes })
    server.answer('2312.04461', { kind: 'pdf', bytes })
    const second = await libraryWithPapers(dir)
    expect(second.library.downloads.status()).toMatchObject({ paused: true, waiting: 2 })
    second.library.downloads.start()
    await second.library.downloads.whenIdle()
    expect(server.requests).toEqual([])
    second.library.downloads.pause(false)
    await second.library.downloads.whenIdle()
    expect(second.library.downloads.status()).toMatchObject({ paused: false, done: 2 })
    // The same bytes for both papers: stored once, held by each.
    expect(ids.map((id) => second.library.getPaper(id).files[0]?.sha256)).toEqual([
      expect.any(String),
      second.library.getPaper(ids[0]!).files[0]?.sha256,
    ])
  })
})

describe('library.downloads.cancelPapers', () => {
  it("cancels these papers' downloads, the current one too, and leaves the others queued", async () => {
    const { library, byArxiv } = await libraryWithPapers()
    const [hanging, waiting, other] = ['2408.12757', '2312.04461', '2408.00100'].map(byArxiv) as [
      number,
      number,
      number,
    ]
    server.answer('2408.12757', { kind: 'hang' })
    server.answer('2408.00100', { kind: 'pdf', bytes: (await paperPdf({ pages: 1 })).bytes })
    library.downloads.enqueue([hanging, waiting, other])
    library.downloads.start()
    // Asked, and waiting for an answer that never comes.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1))

    const status = library.downloads.cancelPapers([hanging, waiting])
    await library.downloads.whenIdle()

    expect(status.waiting).toBe(1)
    expect(library.downloads.status()).toMatchObject({ waiting: 0, done: 1, failed: [] })
    expect(library.getPaper(other).files).toHaveLength(1)
    expect([hanging, waiting].map((id) => library.getPaper(id).files)).toEqual([[], []])
    expect(server.requests.map((r) => r.path)).toEqual(['/pdf/2408.12757', '/pdf/2408.00100'])
  })
})
