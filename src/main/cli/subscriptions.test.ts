import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  paperSeries,
  startFeedServer,
  type FeedPaper,
  type FeedServer,
} from '../library/testing/feedServer'
import { openLibrary } from '../library/library'
import { startProxyServer } from '../library/testing/proxyServer'
import { useTempDir } from '../library/testing/tempDirs'
import { margin, marginAsync } from './testing/margin'

const tempDir = useTempDir()

let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer()
})
afterEach(() => server.close())

/** The UTC day `days` from today, YYYY-MM-DD (the CLI runs on the real clock). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const paper = (arxivId: string, title: string, submittedDaysAgo: number): FeedPaper => ({
  arxivId,
  title,
  summary: `What ${title} is about, in a sentence.`,
  authors: ['Grace Hopper'],
  published: `${day(-submittedDaysAgo)}T10:00:00Z`,
})

/** A library folder and the CLI run on it against the feed server (both APIs there). */
function cliOn(lib = tempDir(), proxy = '') {
  const env = {
    MARGIN_HF_BASE_URL: server.baseUrl,
    MARGIN_ARXIV_BASE_URL: server.baseUrl,
    // No proxy of the machine's in the way, unless the test gives one.
    ...{
      HTTP_PROXY: proxy,
      http_proxy: proxy,
      HTTPS_PROXY: '',
      https_proxy: '',
      NO_PROXY: '',
      no_proxy: '',
    },
  }
  return {
    lib,
    run: (...args: string[]) => marginAsync([...args, '--library', lib], env),
    titles: () =>
      (JSON.parse(margin(['list', '--library', lib, '--json']).stdout) as Array<{ title: string }>)
        .map((p) => p.title)
        .sort(),
    digests: () =>
      (
        JSON.parse(margin(['digests', '--library', lib, '--json']).stdout) as Array<{
          date: string
        }>
      )
        .map((d) => d.date)
        .sort(),
  }
}

const json = (result: { stdout: string }) => JSON.parse(result.stdout)

// Real time: each run is a child process, and the client keeps its hosts' spacing.
describe('margin subscriptions and margin fetch', { timeout: 90_000 }, () => {
  it('add hf-daily, then fetch --json imports the days the server answers; a second fetch adds nothing', async () => {
    const cli = cliOn()
    server.hfDay(day(-1), [
      paper('2611.00001', 'Sparse experts', 1),
      paper('2611.00002', 'Tiny critics', 1),
    ])
    server.hfDay(day(0), [paper('2611.00003', 'Latent planners', 0)])

    const added = await cli.run('subscriptions', 'add', 'hf-daily', '--since', day(-2), '--json')
    expect(added.code).toBe(0)
    expect(json(added).added).toMatchObject({
      kind: 'hf-daily',
      query: null,
      label: 'Hugging Face Daily Papers',
      since: day(-2),
      lastSuccessAt: null,
      lastFailure: null,
    })
    const id = json(added).added.id as number

    const first = await cli.run('fetch', '--json')
    expect(first.stderr).toContain('Fetching Hugging Face Daily Papers…')
    expect(first.code).toBe(0)
    const report = json(first)
    expect(report).toMatchObject({ added: 3, merged: 0, failed: 0, offline: false })
    expect(report.subscriptions).toEqual([
      expect.objectContaining({
        id,
        label: 'Hugging Face Daily Papers',
        added: 3,
        merged: 0,
        failure: null,
        offline: false,
        digests: expect.arrayContaining([
          { date: day(-1), papers: 2 },
          { date: day(0), papers: 1 },
        ]),
      }),
    ])
    expect(report.subscriptions[0].requests).toBeGreaterThanOrEqual(2)
    expect(report.rules).toEqual({ previous: [], tagged: [], queued: [] })
    expect(cli.titles()).toEqual(['Latent planners', 'Sparse experts', 'Tiny critics'])
    expect(cli.digests()).toEqual([day(-1), day(0)])
    expect(server.requests.every((r) => r.path === '/api/daily_papers')).toBe(true)

    const again = await cli.run('fetch', '--json')
    expect(again.code).toBe(0)
    expect(json(again)).toMatchObject({ added: 0, failed: 0, offline: false })
    expect(cli.titles()).toEqual(['Latent planners', 'Sparse experts', 'Tiny critics'])

    const listed = await cli.run('subscriptions', '--json')
    expect(json(listed).subscriptions).toEqual([
      expect.objectContaining({ id, lastSuccessAt: expect.any(Number), lastFailure: null }),
    ])
  })

  it.each([
    {
      answer: 'a 429 with Retry-After',
      misbehave: () =>
        server.misbehave('hf-daily', {
          kind: 'status',
          status: 429,
          retryAfter: '7200',
          times: Infinity,
        }),
    },
    {
      answer: 'an HTML page',
      misbehave: () => server.misbehave('hf-daily', { kind: 'html', times: Infinity }),
    },
  ])(
    'a server answering $answer leaves the library unchanged and the reason is printed',
    async ({ misbehave }) => {
      const cli = cliOn()
      server.hfDay(day(-1), [paper('2611.00001', 'Sparse experts', 1)])
      await cli.run('subscriptions', 'add', 'hf-daily', '--since', day(-2))
      misbehave()

      const result = await cli.run('fetch')

      expect(result.code).toBe(1)
      const failure = /^Hugging Face Daily Papers \(#\d+\): failed: (.+)$/m.exec(result.stderr)
      expect(failure, result.stderr).not.toBeNull()
      expect(cli.titles()).toEqual([])
      expect(cli.digests()).toEqual([])
      // The same sentence is kept as the subscription's last failure.
      const listed = await cli.run('subscriptions')
      expect(listed.stdout).toContain(failure![1])
    },
  )

  it('offline is not a failure: fetch says so, exits 0 at once and imports nothing', async () => {
    const cli = cliOn()
    await cli.run('subscriptions', 'add', 'hf-daily')
    await server.refuse()

    const result = await cli.run('fetch', '--json')

    expect(result.code).toBe(0)
    expect(json(result)).toMatchObject({ added: 0, failed: 0, offline: true })
    expect(json(result).subscriptions).toEqual([
      expect.objectContaining({ offline: true, failure: null }),
    ])
    expect(result.stderr).toMatch(/Hugging Face Daily Papers \(#\d+\): offline, nothing fetched/)
    expect(cli.titles()).toEqual([])
  })

  it('add arxiv (a category, or a query) fetches from the arXiv API; only the ids given are fetched', async () => {
    const cli = cliOn()
    server.arxivPapers([
      ...paperSeries({
        count: 3,
        first: '2611.00010',
        newest: `${day(0)}T08:00:00Z`,
        categories: ['cs.LG'],
      }),
      { ...paper('2611.00020', 'Speculative decoding at scale', 0), categories: ['cs.CL'] },
    ])
    const category = json(
      await cli.run(
        'subscriptions',
        'add',
        'arxiv',
        '--category',
        'cs.LG',
        '--since',
        day(-3),
        '--json',
      ),
    )
    expect(category.added).toMatchObject({ kind: 'arxiv', query: 'cs.LG', label: 'arXiv cs.LG' })
    const query = json(
      await cli.run(
        'subscriptions',
        'add',
        'arxiv',
        '--query',
        'ti:"speculative decoding"',
        '--json',
      ),
    )
    expect(query.added).toMatchObject({ kind: 'arxiv', query: 'ti:"speculative decoding"' })

    const result = await cli.run('fetch', String(category.added.id), '--json')

    expect(result.code).toBe(0)
    expect(json(result).subscriptions).toEqual([
      expect.objectContaining({ id: category.added.id, label: 'arXiv cs.LG', failure: null }),
    ])
    expect(json(result).added).toBe(3)
    expect(server.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/query']))
    expect(cli.titles()).toHaveLength(3)
    expect(cli.titles()).not.toContain('Speculative decoding at scale')
  })

  it("says what saved searches' rules did to the new papers", async () => {
    const cli = cliOn()
    const library = openLibrary(cli.lib)
    library.saveSearch('Planning', 'planners')
    library.setSearchRule(library.listSavedSearches()[0]!.id, {
      tag: 'planning',
      toRead: true,
      downloadPdf: true,
    })
    library.close()
    server.hfDay(day(0), [
      paper('2611.00003', 'Latent planners', 0),
      paper('2611.00004', 'Tiny critics', 0),
    ])
    await cli.run('subscriptions', 'add', 'hf-daily', '--since', day(-1))

    const result = await cli.run('fetch')

    expect(result.code).toBe(0)
    const papers = JSON.parse(margin(['list', '--library', cli.lib, '--json']).stdout) as Array<{
      id: number
      title: string
      status: string
      tags: string[]
    }>
    const planners = papers.find((p) => p.title === 'Latent planners')!
    expect(result.stdout).toContain(
      `Rules: 1 paper tagged, 1 set To read, 1 PDF queued (the desktop app downloads them; \`margin pdf fetch ${planners.id}\` does now).`,
    )
    expect(papers.map(({ title, status, tags }) => ({ title, status, tags }))).toEqual(
      expect.arrayContaining([
        { title: 'Latent planners', status: 'to-read', tags: ['planning'] },
        { title: 'Tiny critics', status: 'new', tags: [] },
      ]),
    )
    // Queued, not downloaded: fetch asks only for the lists.
    expect(server.requests.every((r) => r.path === '/api/daily_papers')).toBe(true)
  })

  it('goes through HTTP_PROXY when it is set', async () => {
    const proxy = await startProxyServer()
    try {
      const cli = cliOn(tempDir(), proxy.url)
      server.hfDay(day(0), [paper('2611.00003', 'Latent planners', 0)])
      await cli.run('subscriptions', 'add', 'hf-daily', '--since', day(-1))

      const result = await cli.run('fetch', '--json')

      expect(result.code).toBe(0)
      expect(json(result).added).toBe(1)
      expect(proxy.uses.some((use) => use.includes(new URL(server.baseUrl).host))).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it('lists, removes and refuses with a sentence a person can act on', async () => {
    const cli = cliOn()
    const empty = await cli.run('subscriptions')
    expect(empty.stdout).toContain('No subscriptions yet.')
    expect((await cli.run('fetch')).stdout).toContain('Nothing to fetch: no subscriptions yet.')

    await cli.run('subscriptions', 'add', 'arxiv', '--category', 'cs.LG')
    const listed = await cli.run('subscriptions')
    expect(listed.stdout).toMatch(/^#(\d+) {2}arXiv cs\.LG {2}\(since \d{4}-\d{2}-\d{2}\)$/m)
    expect(listed.stdout).toContain('never fetched')
    const id = /^#(\d+)/m.exec(listed.stdout)![1]!

    const duplicate = await cli.run('subscriptions', 'add', 'arxiv', '--category', 'cs.LG')
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toMatch(/^margin subscriptions: .+/)
    const typo = await cli.run('subscriptions', 'add', 'arxiv', '--category', 'cz.LG')
    expect(typo.code).toBe(1)
    expect(typo.stderr).toMatch(/^margin subscriptions: .*"cz"/)
    const both = await cli.run(
      'subscriptions',
      'add',
      'arxiv',
      '--category',
      'cs.LG',
      '--query',
      'au:x',
    )
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('usage: margin subscriptions')
    const kind = await cli.run('subscriptions', 'add', 'rss')
    expect(kind.stderr).toContain(
      '"rss" is not a subscription kind value; use one of hf-daily, arxiv.',
    )
    const unknown = await cli.run('fetch', '999')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^margin fetch: .*\b999\b/)

    const removed = await cli.run('subscriptions', 'remove', id)
    expect(removed.code).toBe(0)
    expect(removed.stdout).toBe(
      `No longer following arXiv cs.LG (#${id}); the papers it brought stay.\n`,
    )
    expect(json(await cli.run('subscriptions', '--json')).subscriptions).toEqual([])
    expect(server.requests).toEqual([])
  })
})
