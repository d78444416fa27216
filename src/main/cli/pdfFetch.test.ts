import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { USER_AGENT } from '../library/net/httpClient'
import { startArxivServer, type ArxivServer } from '../library/testing/arxivServer'
import { SEED_DIGEST, useTempDir } from '../library/testing/tempDirs'
import { margin, marginAsync } from './testing/margin'

const HF_JSON = join(__dirname, '../library/digest/sources/fixtures/hf-daily-aug-7.json')
const tempDir = useTempDir()

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++)
    doc.addPage().drawText(`Page ${i + 1} of a paper.`, { x: 50, y: 700 })
  return doc.save()
}

let server: ArxivServer
beforeEach(async () => {
  server = await startArxivServer()
})
afterEach(() => server.close())

/** A library with the seed (no arXiv ids) and the HF JSON (three papers with ids). */
function libraryWithArxivPapers() {
  const lib = tempDir()
  margin(['import', SEED_DIGEST, '--library', lib, '--year', '2024'])
  margin(['import', HF_JSON, '--library', lib])
  const papers = JSON.parse(margin(['list', '--library', lib, '--json']).stdout) as Array<{
    id: number
    arxivId: string | null
    title: string
  }>
  const byArxiv = (arxivId: string) => papers.find((p) => p.arxivId === arxivId)!
  const withoutId = papers.find((p) => p.arxivId === null)!
  return { lib, byArxiv, withoutId }
}

// Real time: the queue keeps 3 s between requests, and each run starts a child process.
describe('margin pdf fetch', { timeout: 90_000 }, () => {
  it('downloads the papers named, a line each, and --json gives each result; a failure exits 1', async () => {
    const { lib, byArxiv, withoutId } = libraryWithArxivPapers()
    const nano = byArxiv('2408.12757')
    const only = byArxiv('2408.00100')
    server.answer('2408.12757', {
      kind: 'pdf',
      bytes: await pdfOf(3),
      version: 2,
      tell: 'redirect',
    })
    server.answer('2408.00100', { kind: 'html' })

    const env = { MARGIN_ARXIV_BASE_URL: server.baseUrl }
    const result = await marginAsync(
      [
        'pdf',
        'fetch',
        String(nano.id),
        String(only.id),
        String(withoutId.id),
        '--library',
        lib,
        '--json',
      ],
      env,
    )
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ stored: 1, failed: 1, skipped: 1, waiting: 0 })
    expect(report.papers).toEqual([
      {
        paperId: withoutId.id,
        title: withoutId.title,
        arxivId: null,
        result: 'skipped',
        reason: 'no-arxiv-id',
        problem: 'it has no arXiv id, so there is nothing to download',
      },
      {
        paperId: nano.id,
        title: nano.title,
        arxivId: '2408.12757',
        outcome: 'stored',
        result: 'stored',
        origin: `${server.baseUrl}/pdf/2408.12757v2`,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        pages: 3,
      },
      {
        paperId: only.id,
        title: only.title,
        arxivId: '2408.00100',
        outcome: 'failed',
        result: 'failed',
        problem:
          'arXiv answered with a web page, not a PDF (it may be busy or the paper withdrawn).',
      },
    ])
    const lines = result.stderr.trim().split('\n')
    expect(lines).toContain(
      `[1/2] 2408.12757 ${nano.title.slice(0, 59).trimEnd()}… stored (3 pages)`,
    )
    expect(lines).toContain(
      `[2/2] 2408.00100 ${only.title} failed: arXiv answered with a web page, not a PDF (it may be busy or the paper withdrawn).`,
    )
    expect(server.requests.map((r) => [r.path, r.userAgent])).toEqual([
      ['/pdf/2408.12757', USER_AGENT],
      ['/pdf/2408.12757v2', USER_AGENT],
      ['/pdf/2408.00100', USER_AGENT],
    ])
    // At least 3 s between the paper and the next (the redirect is part of one request).
    expect(server.requests[2]!.at - server.requests[1]!.at).toBeGreaterThanOrEqual(2_900)

    const files = JSON.parse(margin(['show', String(nano.id), '--library', lib, '--json']).stdout)
    expect(files.files).toMatchObject([
      { pageCount: 3, origin: `${server.baseUrl}/pdf/2408.12757v2` },
    ])

    // Fetched again: the stored one is skipped, the failed one is asked for again.
    server.answer('2408.00100', { kind: 'pdf', bytes: await pdfOf(2) })
    const again = await marginAsync(
      ['pdf', 'fetch', String(nano.id), String(only.id), '--library', lib],
      env,
    )
    expect(again.code).toBe(0)
    expect(again.stdout).toBe(
      [
        `#${nano.id} ${nano.title.slice(0, 59).trimEnd()}… skipped: it already has a PDF.`,
        'Downloading 1 PDF, one every 3 s or more.',
        `[1/1] 2408.00100 ${only.title} stored (2 pages)`,
        '',
      ].join('\n'),
    )
  })

  it('with --status picks that list, counts what it skips, and says when nothing is left', async () => {
    const { lib } = libraryWithArxivPapers()
    for (const id of ['2408.12757', '2312.04461', '2408.00100']) {
      server.answer(id, { kind: 'pdf', bytes: await pdfOf(1) })
    }
    const env = { MARGIN_ARXIV_BASE_URL: server.baseUrl }
    const first = await marginAsync(['pdf', 'fetch', '--status', 'new', '--library', lib], env)
    expect(first.code).toBe(0)
    const lines = first.stdout.trim().split('\n')
    expect(lines[0]).toBe('36 of 39 papers skipped: 36 without an arXiv id.')
    expect(lines[1]).toBe('Downloading 3 PDFs, one every 3 s or more.')
    expect(lines.slice(2).map((l) => l.replace(/ .*? (stored \(1 page\))$/, ' $1'))).toEqual([
      '[1/3] stored (1 page)',
      '[2/3] stored (1 page)',
      '[3/3] stored (1 page)',
    ])
    const again = await marginAsync(['pdf', 'fetch', '--status', 'new', '--library', lib], env)
    expect(again.stdout).toBe(
      '39 of 39 papers skipped: 36 without an arXiv id, 3 already with a PDF.\nNothing to download.\n',
    )
    expect(server.requests).toHaveLength(3)
  })

  it('after a 403 stops asking, leaves the rest waiting and exits 1; fetching again resumes', async () => {
    const { lib, byArxiv } = libraryWithArxivPapers()
    const [a, b] = [byArxiv('2408.12757'), byArxiv('2408.00100')]
    server.answer('2408.12757', { kind: 'status', status: 403 })
    server.answer('2408.00100', { kind: 'pdf', bytes: await pdfOf(2) })
    const env = { MARGIN_ARXIV_BASE_URL: server.baseUrl }
    const result = await marginAsync(
      ['pdf', 'fetch', String(a.id), String(b.id), '--library', lib, '--json'],
      env,
    )
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ stored: 0, failed: 1, waiting: 1 })
    expect(report.papers[0].problem).toMatch(/^arXiv refused the download \(403 Forbidden\)/)
    expect(report.papers[1]).toMatchObject({ paperId: b.id, result: 'waiting' })
    expect(result.stderr).toContain(
      'The downloads are paused with 1 still waiting; `margin pdf fetch` again resumes them.',
    )
    expect(server.requests).toHaveLength(1)

    const again = await marginAsync(['pdf', 'fetch', String(b.id), '--library', lib], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Downloads were paused; fetching resumes them.\n')
    expect(again.stdout).toContain('[1/1] 2408.00100')
    expect(server.requests).toHaveLength(2)
  })

  it('says how to use it when the papers are not named', () => {
    const lib = tempDir()
    const bare = margin(['pdf', 'fetch', '--library', lib])
    expect(bare.code).toBe(2)
    expect(bare.stderr).toBe(
      'pdf fetch: name the papers: their ids, or --status S and/or --digest YYYY-MM-DD.\n',
    )
    const wrong = margin(['pdf', 'get', '--library', lib])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('usage: margin pdf fetch [ID...]')
    expect(margin(['pdf', 'fetch', 'x', '--library', lib]).stderr).toContain(
      '"x" is not a paper id',
    )
    const none = margin(['pdf', 'fetch', '--digest', '2099-01-01', '--library', lib])
    expect([none.code, none.stdout]).toEqual([0, 'No papers match.\n'])
  })
})
