import { createHash } from 'node:crypto'
import { PDFDocument } from 'pdf-lib'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MarginError } from '../../../shared/errors'
import type { DownloadStatus, PaperDetail } from '../../../shared/models'
import { openLibraryDb, type Db } from '../db/openLibrary'
import { createHttpClient, USER_AGENT } from '../net/httpClient'
import { startArxivServer, type ArxivServer } from '../testing/arxivServer'
import { fakeClock } from '../testing/fakeClock'
import { useTempDir } from '../testing/tempDirs'
import {
  arxivBaseUrl,
  createDownloadQueue,
  notAPdf,
  versionedOrigin,
  type DownloadResult,
} from './downloadQueue'

const tempDir = useTempDir()

async function tinyPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++)
    doc.addPage([200, 200]).drawText(`page ${i + 1}`, { x: 20, y: 100 })
  return doc.save()
}

let pdf3: Uint8Array
let pdf5: Uint8Array
beforeAll(async () => {
  pdf3 = await tinyPdf(3)
  pdf5 = await tinyPdf(5)
})

let server: ArxivServer
beforeEach(async () => {
  server = await startArxivServer()
})
afterEach(() => server.close())

function addPaper(db: Db, title: string, arxivId: string | null): number {
  return Number(
    db
      .prepare(
        'INSERT INTO papers (title, abstract, title_key, arxiv_id, added_at) VALUES (?, ?, ?, ?, 0)',
      )
      .run(title, `About ${title}.`, title.toLowerCase(), arxivId).lastInsertRowid,
  )
}

/**
 * A stand-in for the file store's attach: it refuses what pdf-lib cannot open, and records
 * the file as the store would (pdf_files, paper_files), so "already has a PDF" is real.
 */
function fakeAttach(db: Db) {
  const calls: Array<{ paperId: number; name: string; size: number; origin: string }> = []
  const attach = async (
    paperId: number,
    file: { name: string; data: Uint8Array },
    origin: string,
  ): Promise<PaperDetail> => {
    calls.push({ paperId, name: file.name, size: file.data.byteLength, origin })
    const pages = await PDFDocument.load(file.data)
      .then((doc) => doc.getPageCount())
      .catch(() => {
        throw new MarginError('NOT_A_PDF', `${file.name} is not a PDF.`)
      })
    const sha256 = createHash('sha256').update(file.data).digest('hex')
    db.prepare(
      'INSERT OR IGNORE INTO pdf_files (sha256, size, page_count, created_at) VALUES (?, ?, ?, 0)',
    ).run(sha256, file.data.byteLength, pages)
    db.prepare(
      'INSERT INTO paper_files (paper_id, file_id, origin, added_at) SELECT ?, id, ?, 0 FROM pdf_files WHERE sha256 = ?',
    ).run(paperId, origin, sha256)
    const pdfFile = {
      sha256,
      size: file.data.byteLength,
      pageCount: pages,
      origin,
      addedAt: 0,
      textState: 'pending' as const,
      textProblem: null,
    }
    return { id: paperId, files: [pdfFile] } as unknown as PaperDetail
  }
  return { attach, calls }
}

/** A library folder with papers, and a queue over it on a fake clock against the local server. */
function setup(
  dir = tempDir(),
  options: { fetch?: typeof globalThis.fetch; clock?: ReturnType<typeof fakeClock> } = {},
) {
  const db = openLibraryDb(dir)
  const clock = options.clock ?? fakeClock()
  const starts: number[] = []
  const realFetch = options.fetch ?? globalThis.fetch
  const fetch: typeof globalThis.fetch = (input, init) => {
    starts.push(clock.now())
    return realFetch(input, init)
  }
  const client = createHttpClient({ fetch, now: clock.now, sleep: clock.sleep })
  const { attach, calls } = fakeAttach(db)
  const queue = createDownloadQueue({
    db,
    client,
    attach,
    baseUrl: server.baseUrl,
    now: clock.now,
  })
  const results: DownloadResult[] = []
  queue.onResult((result) => results.push(result))
  const statuses: DownloadStatus[] = []
  queue.onChange((status) => statuses.push(status))
  const close = async () => {
    await queue.stop()
    db.close()
  }
  return { dir, db, clock, queue, calls, results, statuses, starts, close }
}

/** Resolves once the server has received `count` requests (real time, polled). */
async function requested(count: number): Promise<void> {
  while (server.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5))
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

describe('the download queue', () => {
  it('queues only papers with an arXiv id and no PDF, once, and asks nothing before start()', async () => {
    const q = setup()
    const a = addPaper(q.db, 'Alpha', '2408.00001')
    const noId = addPaper(q.db, 'No id', null)
    const b = addPaper(q.db, 'Beta', '2408.00002')
    server.answer('2408.00001', { kind: 'pdf', bytes: pdf3 })
    server.answer('2408.00002', { kind: 'pdf', bytes: pdf5 })

    expect(q.queue.request([a, noId, 999, a])).toEqual({
      queued: [a],
      skipped: [
        { paperId: noId, title: 'No id', arxivId: null, reason: 'no-arxiv-id' },
        { paperId: 999, title: null, arxivId: null, reason: 'not-found' },
      ],
    })
    expect(q.queue.request([a, b]).skipped).toEqual([
      { paperId: a, title: 'Alpha', arxivId: '2408.00001', reason: 'already-queued' },
    ])
    expect(q.queue.waiting()).toEqual([
      { paperId: a, title: 'Alpha', arxivId: '2408.00001' },
      { paperId: b, title: 'Beta', arxivId: '2408.00002' },
    ])
    expect(q.queue.status()).toEqual({
      paused: false,
      online: true,
      total: 2,
      done: 0,
      waiting: 2,
      current: null,
      failed: [],
    })
    await q.queue.whenIdle()
    expect(server.requests).toEqual([])

    q.queue.start()
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ total: 2, done: 2, waiting: 0, failed: [] })
    expect(q.queue.request([a]).skipped).toMatchObject([{ paperId: a, reason: 'has-pdf' }])
    expect(q.queue.waiting()).toEqual([])
    expect(server.requests).toHaveLength(2)
    await q.close()
  })

  it("downloads one paper at a time, at least 3 s apart, with Margin's User-Agent, and stores each", async () => {
    const q = setup()
    const ids = ['2408.00011', '2408.00012', '2408.00013'].map((id, i) => {
      server.answer(id, { kind: 'pdf', bytes: i === 1 ? pdf5 : pdf3 })
      return addPaper(q.db, `Paper ${i}`, id)
    })
    q.queue.enqueue(ids)
    q.queue.start()
    await q.queue.whenIdle()

    expect(q.starts).toHaveLength(3)
    for (const gap of gaps(q.starts)) expect(gap).toBeGreaterThanOrEqual(3_000)
    expect(server.requests.map((r) => r.userAgent)).toEqual([USER_AGENT, USER_AGENT, USER_AGENT])
    expect(server.requests.map((r) => r.path)).toEqual([
      '/pdf/2408.00011',
      '/pdf/2408.00012',
      '/pdf/2408.00013',
    ])
    expect(q.results.map((r) => r.outcome === 'stored' && r.pages)).toEqual([3, 5, 3])
    expect(q.calls.map((c) => [c.paperId, c.size])).toEqual([
      [ids[0], pdf3.byteLength],
      [ids[1], pdf5.byteLength],
      [ids[2], pdf3.byteLength],
    ])
    expect(q.queue.status()).toMatchObject({ total: 3, done: 3, waiting: 0, current: null })
    // The window heard of each paper starting and ending.
    expect(q.statuses.map((s) => s.current?.title ?? null)).toEqual([
      null,
      'Paper 0',
      null,
      'Paper 1',
      null,
      'Paper 2',
      null,
    ])
    await q.close()
  })

  it('records the version arXiv gave (redirect or file name) in the origin, else the URL asked', async () => {
    const q = setup()
    server.answer('2408.00021', { kind: 'pdf', bytes: pdf3, version: 2, tell: 'redirect' })
    server.answer('2408.00022', { kind: 'pdf', bytes: pdf3, version: 4, tell: 'filename' })
    server.answer('2408.00023', { kind: 'pdf', bytes: pdf5, tell: 'none' })
    const ids = ['2408.00021', '2408.00022', '2408.00023'].map((id) => addPaper(q.db, id, id))
    q.queue.enqueue(ids)
    q.queue.start()
    await q.queue.whenIdle()
    expect(q.calls.map((c) => [c.name, c.origin])).toEqual([
      ['2408.00021v2.pdf', `${server.baseUrl}/pdf/2408.00021v2`],
      ['2408.00022v4.pdf', `${server.baseUrl}/pdf/2408.00022v4`],
      ['2408.00023.pdf', `${server.baseUrl}/pdf/2408.00023`],
    ])
    const origins = q.db.prepare('SELECT origin FROM paper_files ORDER BY paper_id').pluck().all()
    expect(origins).toEqual(q.calls.map((c) => c.origin))
    await q.close()
  })

  it('honours Retry-After on a 429 and then stores the paper', async () => {
    const q = setup()
    server.answer(
      '2408.00031',
      { kind: 'status', status: 429, retryAfter: '20' },
      { kind: 'status', status: 503, retryAfter: '7' },
      { kind: 'pdf', bytes: pdf3 },
    )
    q.queue.enqueue([addPaper(q.db, 'Busy', '2408.00031')])
    q.queue.start()
    await q.queue.whenIdle()
    expect(gaps(q.starts)).toEqual([20_000, 7_000])
    expect(q.queue.status()).toMatchObject({ done: 1, failed: [] })
    await q.close()
  })

  it('asked to come back in hours, fails that paper, pauses, and asks nothing before then', async () => {
    const q = setup()
    server.answer('2408.00032', { kind: 'status', status: 503, retryAfter: String(2 * 3600) })
    server.answer('2408.00033', { kind: 'pdf', bytes: pdf3 })
    const [first, second] = ['2408.00032', '2408.00033'].map((id) => addPaper(q.db, id, id))
    q.queue.enqueue([first!, second!])
    q.queue.start()
    await q.queue.whenIdle()
    const host = new URL(server.baseUrl).host
    expect(q.queue.status()).toMatchObject({
      paused: true,
      waiting: 1,
      failed: [
        {
          paperId: first,
          problem: `${host} is busy (503 Service Unavailable) and asked Margin to come back in 120 minutes. The downloads are paused until you resume them.`,
        },
      ],
    })
    q.queue.pause(false)
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ done: 1, waiting: 0 })
    expect(gaps(q.starts)).toEqual([2 * 3600_000])
    await q.close()
  })

  it('fails a web page, an empty file, a cut-off download and a 404 each with a sentence, and goes on', async () => {
    const q = setup()
    server.answer('2408.00041', { kind: 'html' })
    server.answer('2408.00042', { kind: 'empty' })
    server.answer('2408.00043', { kind: 'cut-off', bytes: pdf5, send: 200 })
    // 2408.00044 has no answer: the server's 404 page.
    server.answer('2408.00045', { kind: 'pdf', bytes: pdf3 })
    const ids = ['2408.00041', '2408.00042', '2408.00043', '2408.00044', '2408.00045'].map((id) =>
      addPaper(q.db, `Paper ${id}`, id),
    )
    q.queue.enqueue(ids)
    q.queue.start()
    await q.queue.whenIdle()

    const host = new URL(server.baseUrl).host
    expect(q.queue.status()).toMatchObject({ total: 5, done: 1, waiting: 0 })
    expect(q.queue.status().failed).toEqual([
      {
        paperId: ids[0],
        title: 'Paper 2408.00041',
        problem:
          'arXiv answered with a web page, not a PDF (it may be busy or the paper withdrawn).',
      },
      {
        paperId: ids[1],
        title: 'Paper 2408.00042',
        problem: 'arXiv sent an empty file instead of the PDF.',
      },
      {
        paperId: ids[2],
        title: 'Paper 2408.00043',
        problem: `The download from ${host} was cut off after 200 of ${pdf5.byteLength} bytes.`,
      },
      {
        paperId: ids[3],
        title: 'Paper 2408.00044',
        problem: 'arXiv has no PDF for 2408.00044 (404 Not Found).',
      },
    ])
    // Nothing of the failures reached the store; each paper was asked for once.
    expect(q.calls.map((c) => c.paperId)).toEqual([ids[4]])
    expect(server.requests).toHaveLength(5)
    await q.close()
  })

  it("a failure of the store (not a PDF) fails the paper with the store's sentence", async () => {
    const q = setup()
    server.answer('2408.00051', { kind: 'pdf', bytes: new TextEncoder().encode('%PDF-1.7 junk') })
    q.queue.enqueue([addPaper(q.db, 'Junk', '2408.00051')])
    q.queue.start()
    await q.queue.whenIdle()
    expect(q.queue.status().failed).toEqual([
      { paperId: 1, title: 'Junk', problem: '2408.00051.pdf is not a PDF.' },
    ])
    await q.close()
  })

  it('after a 403 asks arXiv nothing more: the paper fails, the queue pauses, resuming goes on', async () => {
    const q = setup()
    server.answer('2408.00061', { kind: 'status', status: 403 })
    server.answer('2408.00062', { kind: 'pdf', bytes: pdf3 })
    const [first, second] = ['2408.00061', '2408.00062'].map((id) => addPaper(q.db, id, id))
    q.queue.enqueue([first!, second!])
    q.queue.start()
    await q.queue.whenIdle()

    const status = q.queue.status()
    expect(status).toMatchObject({ paused: true, done: 0, waiting: 1 })
    expect(status.failed).toHaveLength(1)
    expect(status.failed[0]!.problem).toMatch(
      /^arXiv refused the download \(403 Forbidden\), so the downloads are paused .*; resume them to try again\.$/,
    )
    expect(server.requests).toHaveLength(1)

    q.queue.pause(false)
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ paused: false, done: 1, waiting: 0 })
    expect(server.requests.map((r) => r.path)).toEqual(['/pdf/2408.00061', '/pdf/2408.00062'])
    await q.close()
  })

  it('offline, waits quietly (online: false), probes with back-off, and resumes when it connects', async () => {
    let refusals = 4
    const offlineThenOnline: typeof globalThis.fetch = (input, init) => {
      if (refusals-- > 0) {
        const cause = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })
        return Promise.reject(new TypeError('fetch failed', { cause }))
      }
      return globalThis.fetch(input, init)
    }
    const q = setup(undefined, { fetch: offlineThenOnline })
    server.answer('2408.00071', { kind: 'pdf', bytes: pdf3 })
    server.answer('2408.00072', { kind: 'pdf', bytes: pdf5 })
    q.queue.enqueue(['2408.00071', '2408.00072'].map((id) => addPaper(q.db, id, id)))
    q.queue.start()
    await q.queue.whenIdle()

    const offline = q.statuses.filter((s) => !s.online)
    expect(offline.length).toBeGreaterThan(0)
    // While offline nothing failed: the paper was still the current one, waiting.
    expect(offline.every((s) => s.failed.length === 0 && s.current?.title === '2408.00071')).toBe(
      true,
    )
    expect(q.clock.sleeps.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000])
    expect(q.queue.status()).toMatchObject({ online: true, done: 2, failed: [] })
    expect(q.statuses.at(-1)?.online).toBe(true)
    await q.close()
  })

  it('cancelled while offline, it stops probing and no longer says offline', async () => {
    const noNetwork: typeof globalThis.fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }),
        }),
      )
    const q = setup(undefined, { fetch: noNetwork })
    q.queue.enqueue([addPaper(q.db, 'Far away', '2408.00075')])
    q.queue.onChange((status) => {
      if (!status.online && status.waiting > 0) q.queue.cancel()
    })
    q.queue.start()
    await q.queue.whenIdle()
    expect(q.statuses.some((s) => !s.online)).toBe(true)
    expect(q.queue.status()).toMatchObject({ online: true, waiting: 0, total: 0, failed: [] })
    const probes = q.starts.length
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(q.starts).toHaveLength(probes)
    await q.close()
  })

  it('survives a restart: reopened on the same library it finds what waits and goes on', async () => {
    const dir = tempDir()
    const first = setup(dir)
    const ids = ['2408.00081', '2408.00082', '2408.00083'].map((id) => {
      server.answer(id, { kind: 'pdf', bytes: pdf3 })
      return addPaper(first.db, id, id)
    })
    first.queue.enqueue(ids)
    first.queue.onResult(() => void first.queue.stop())
    first.queue.start()
    await first.queue.whenIdle()
    expect(first.queue.status()).toMatchObject({ total: 3, done: 1, waiting: 2 })
    await first.close()

    const second = setup(dir)
    expect(second.queue.status()).toMatchObject({ total: 3, done: 1, waiting: 2, current: null })
    second.queue.start()
    await second.queue.whenIdle()
    expect(second.queue.status()).toMatchObject({ total: 3, done: 3, waiting: 0 })
    expect(server.requests.map((r) => r.path)).toEqual(ids.map((_, i) => `/pdf/2408.0008${i + 1}`))
    await second.close()
  })

  it('fails a paper the store was handed 3 times without finishing (the app kept quitting)', async () => {
    const q = setup()
    const id = addPaper(q.db, 'Crashy', '2408.00091')
    q.queue.enqueue([id])
    q.db.prepare('UPDATE pdf_downloads SET attempts = 3').run()
    q.queue.start()
    await q.queue.whenIdle()
    expect(q.queue.status().failed[0]?.problem).toMatch(
      /^Margin quit 3 times while storing this PDF, so it stopped trying; queue it again to retry\.$/,
    )
    expect(server.requests).toEqual([])
    await q.close()
  })

  it('pauses: the current download stops and stays first, the pause outlives a restart, resuming finishes', async () => {
    const dir = tempDir()
    const q = setup(dir)
    server.answer('2408.00101', { kind: 'hang' })
    server.answer('2408.00102', { kind: 'pdf', bytes: pdf3 })
    const ids = ['2408.00101', '2408.00102'].map((id) => addPaper(q.db, id, id))
    q.queue.enqueue(ids)
    q.queue.start()
    // Paused while the server holds the first request unanswered.
    await requested(1)
    q.queue.pause(true)
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ paused: true, done: 0, waiting: 2, current: null })
    expect(server.requests).toHaveLength(1)
    // A download stopped on purpose is not counted against the paper.
    expect(q.db.prepare('SELECT attempts FROM pdf_downloads').pluck().all()).toEqual([0, 0])
    await q.close()

    server.answer('2408.00101', { kind: 'pdf', bytes: pdf5 })
    const again = setup(dir)
    again.queue.start()
    await again.queue.whenIdle()
    expect(again.queue.status()).toMatchObject({ paused: true, waiting: 2 })
    expect(server.requests).toHaveLength(1)

    again.queue.pause(false)
    await again.queue.whenIdle()
    expect(again.queue.status()).toMatchObject({ paused: false, done: 2, waiting: 0 })
    expect(again.results.map((r) => r.outcome === 'stored' && r.pages)).toEqual([5, 3])
    await again.close()
  })

  it('cancel drops every waiting download, the current one too, and a new batch starts a new count', async () => {
    const q = setup()
    server.answer('2408.00111', { kind: 'pdf', bytes: pdf3 })
    server.answer('2408.00112', { kind: 'hang' })
    const ids = ['2408.00111', '2408.00112', '2408.00113', '2408.00114'].map((id) =>
      addPaper(q.db, id, id),
    )
    q.queue.enqueue(ids)
    q.queue.start()
    await requested(2)
    expect(q.queue.status().current?.title).toBe('2408.00112')
    q.queue.cancel()
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ total: 1, done: 1, waiting: 0, current: null })
    expect(server.requests.map((r) => r.path)).toEqual(['/pdf/2408.00111', '/pdf/2408.00112'])

    server.answer('2408.00113', { kind: 'pdf', bytes: pdf5 })
    expect(q.queue.enqueue([ids[2]!])).toMatchObject({ total: 1, done: 0, waiting: 1 })
    await q.queue.whenIdle()
    expect(q.queue.status()).toMatchObject({ total: 1, done: 1, waiting: 0 })
    await q.close()
  })
})

describe('notAPdf', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  it('tells a PDF from an empty file, a web page and anything else', () => {
    expect(notAPdf(bytes('%PDF-1.5\n...'), 'application/pdf')).toBeNull()
    expect(notAPdf(new Uint8Array(), 'application/pdf')).toMatch(/empty file/)
    expect(notAPdf(bytes('\n <!DOCTYPE html><html>'), 'application/pdf')).toMatch(/web page/)
    expect(notAPdf(bytes('Sorry'), 'text/html; charset=utf-8')).toMatch(/web page/)
    expect(notAPdf(bytes('PK\u0003\u0004'), 'application/zip')).toBe(
      'arXiv answered with something that is not a PDF (application/zip).',
    )
  })
})

describe('versionedOrigin', () => {
  const base = 'https://export.arxiv.org'
  const asked = `${base}/pdf/2408.01234`
  it('takes the version from the URL that answered, then the file name, else the URL asked', () => {
    expect(
      versionedOrigin(base, '2408.01234', asked, 'https://arxiv.org/pdf/2408.01234v2', null),
    ).toEqual({ origin: 'https://arxiv.org/pdf/2408.01234v2', versionedId: '2408.01234v2' })
    expect(
      versionedOrigin(base, '2408.01234', asked, asked, 'inline; filename="2408.01234v3.pdf"'),
    ).toEqual({ origin: `${base}/pdf/2408.01234v3`, versionedId: '2408.01234v3' })
    expect(
      versionedOrigin(base, '2408.01234', asked, asked, 'attachment; filename="x.pdf"'),
    ).toEqual({ origin: asked, versionedId: '2408.01234' })
    expect(versionedOrigin(base, '2408.01234v5', `${base}/pdf/2408.01234v5`, asked, null)).toEqual({
      origin: `${base}/pdf/2408.01234v5`,
      versionedId: '2408.01234v5',
    })
  })
})

describe('arxivBaseUrl', () => {
  it('reads MARGIN_ARXIV_BASE_URL, else export.arxiv.org', () => {
    expect(arxivBaseUrl({})).toBe('https://export.arxiv.org')
    expect(arxivBaseUrl({ MARGIN_ARXIV_BASE_URL: 'http://127.0.0.1:4000/' })).toBe(
      'http://127.0.0.1:4000',
    )
  })
})
