import { describe, expect, it } from 'vitest'
import { fakeClock } from '../testing/fakeClock'
import { paperSeries } from '../testing/feedServer'
import { useFeedLibraries } from '../testing/feedLibraries'
import { announcementDay } from './announcementDay'
import { arxivQueryUrl } from './arxivFetcher'

const feeds = useFeedLibraries()

/** Monday 2026-11-30, 09:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 30, 9)
const MINUTE = 60_000

async function setup() {
  const clock = fakeClock(MONDAY)
  const server = await feeds.server(clock)
  const asked: number[] = []
  const library = feeds.library(
    clock,
    { hf: server, arxiv: server },
    {
      fetch: (input, init) => {
        asked.push(clock.now())
        return globalThis.fetch(input, init)
      },
    },
  )
  const queries = () => server.requests.filter((r) => r.path === '/api/query').map((r) => r.query)
  return { clock, server, library, asked, queries }
}

describe('arxivQueryUrl', () => {
  it('asks for a page of 100, newest submissions first; a category or archive as cat:', () => {
    const url = new URL(arxivQueryUrl('https://export.arxiv.org', 'cs', 2))
    expect(url.pathname).toBe('/api/query')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: 'cat:cs.*',
      start: '200',
      max_results: '100',
      sortBy: 'submittedDate',
      sortOrder: 'descending',
    })
    const query = new URL(arxivQueryUrl('http://x', 'abs:"speculative decoding" AND au:li', 0))
    expect(query.searchParams.get('search_query')).toBe('abs:"speculative decoding" AND au:li')
  })
})

describe('arxiv subscription', () => {
  it('pages through the answer, 3 s apart, and files the papers by announcement day, oldest first', async () => {
    const { server, library, asked, queries } = await setup()
    // 250 papers, one every 10 minutes back from Monday 08:00 UTC (to Saturday morning).
    const papers = paperSeries({ count: 250, newest: '2026-11-30T08:00:00Z', everyMs: 10 * MINUTE })
    server.arxivPapers([
      ...papers,
      ...paperSeries({
        count: 5,
        first: '2611.09001',
        newest: '2026-11-30T08:00:00Z',
        categories: ['math.AP'],
      }),
    ])
    library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-20' })

    const [report] = (await library.subscriptions.fetch()).subscriptions
    expect(
      queries().map((q) => [q.search_query, q.start, q.max_results, q.sortBy, q.sortOrder]),
    ).toEqual([
      ['cat:cs.LG', '0', '100', 'submittedDate', 'descending'],
      ['cat:cs.LG', '100', '100', 'submittedDate', 'descending'],
      ['cat:cs.LG', '200', '100', 'submittedDate', 'descending'],
    ])
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(3_000)
    expect(asked[2]! - asked[1]!).toBeGreaterThanOrEqual(3_000)
    expect(report).toMatchObject({ label: 'arXiv cs.LG', requests: 3, added: 250, failure: null })

    // Each paper is in the digest of the day arXiv announces it.
    const days = new Set(papers.map((p) => announcementDay(p.published)))
    expect(days).toEqual(new Set(['2026-12-01']))
    expect(library.listPapers({ digest: '2026-12-01' })).toHaveLength(250)
    // Its source file is the answer it came in, named by the query and the time of the fetch.
    const newest = library.listPapers().find((p) => p.arxivId === papers[0]!.arxivId)!
    expect(library.getPaper(newest.id).sources.map((s) => s.fileName)).toEqual([
      'arxiv-cs.LG-2026-11-30T0900Z.xml',
    ])
    const oldest = library.listPapers().find((p) => p.arxivId === papers[249]!.arxivId)!
    expect(library.getPaper(oldest.id).sources.map((s) => s.fileName)).toEqual([
      'arxiv-cs.LG-2026-11-30T0900Z-p3.xml',
    ])
    expect(library.getPaper(newest.id)).toMatchObject({
      categories: ['cs.LG'],
      authors: ['Author 1', 'Grace Hopper'],
    })
  })

  it('makes one digest per announcement day, oldest day first, and leaves what came before the start day', async () => {
    const { server, library } = await setup()
    server.arxivPapers([
      // Wednesday 13:00 Eastern → Thursday; Wednesday 15:00 → Friday; Friday 15:00 → Tuesday.
      {
        arxivId: '2611.00003',
        title: 'C',
        summary: 'c.',
        authors: ['A'],
        published: '2026-11-25T18:00:00Z',
      },
      {
        arxivId: '2611.00004',
        title: 'D',
        summary: 'd.',
        authors: ['A'],
        published: '2026-11-25T20:00:00Z',
      },
      {
        arxivId: '2611.00005',
        title: 'E',
        summary: 'e.',
        authors: ['A'],
        published: '2026-11-27T20:00:00Z',
      },
      // Before the start day.
      {
        arxivId: '2611.00001',
        title: 'A',
        summary: 'a.',
        authors: ['A'],
        published: '2026-11-24T10:00:00Z',
      },
    ])
    library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-25' })
    const [report] = (await library.subscriptions.fetch()).subscriptions
    expect(report).toMatchObject({
      added: 3,
      digests: [
        { date: '2026-11-26', papers: 1 },
        { date: '2026-11-27', papers: 1 },
        { date: '2026-12-01', papers: 1 },
      ],
    })
    const digests = library.listDigests()
    expect(digests.map((d) => [d.date, d.paperCount])).toEqual([
      ['2026-12-01', 1],
      ['2026-11-27', 1],
      ['2026-11-26', 1],
    ])
    // Filled oldest first.
    expect(digests.map((d) => d.id)).toEqual([3, 2, 1])
    expect(library.listPapers().map((p) => p.title)).not.toContain('A')
  })

  it('stops at a page it already has: a second pass asks once, new papers on top come with their page', async () => {
    const { server, library, queries } = await setup()
    server.validators({ etag: false, lastModified: false })
    const first = paperSeries({ count: 150, newest: '2026-11-29T08:00:00Z', everyMs: 10 * MINUTE })
    server.arxivPapers(first)
    library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-20' })
    await library.subscriptions.fetch()
    expect(queries()).toHaveLength(2)

    const again = (await library.subscriptions.fetch()).subscriptions[0]!
    expect(again).toMatchObject({ requests: 1, added: 0, failure: null })

    const newer = paperSeries({
      count: 30,
      first: '2611.05001',
      newest: '2026-11-30T08:00:00Z',
      everyMs: 10 * MINUTE,
    })
    server.arxivPapers([...newer, ...first])
    const third = (await library.subscriptions.fetch()).subscriptions[0]!
    // Page 1 holds 70 it has and 30 new; page 2 only papers it has.
    expect(third).toMatchObject({ requests: 2, added: 30, merged: 70 })
    expect(library.listPapers()).toHaveLength(180)
  })

  it('with validators, the next pass gets a 304 for the first page and stops', async () => {
    const { server, library } = await setup()
    server.arxivPapers(paperSeries({ count: 3, newest: '2026-11-29T08:00:00Z' }))
    library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-20' })
    await library.subscriptions.fetch()
    const again = (await library.subscriptions.fetch()).subscriptions[0]!
    expect(again).toMatchObject({ requests: 1, added: 0, merged: 0, digests: [], failure: null })
    expect(server.requests.at(-1)!.headers['if-none-match']).toBeDefined()
  })

  it('stops at the page older than the start day, and after 10 pages whatever remains', async () => {
    const { server, library, queries } = await setup()
    // 300 papers, one every 30 minutes back from Monday 08:00: the start day (Sunday) holds 65.
    server.arxivPapers(
      paperSeries({ count: 300, newest: '2026-11-30T08:00:00Z', everyMs: 30 * MINUTE }),
    )
    library.subscriptions.add({ kind: 'arxiv', query: 'cs', since: '2026-11-29' })
    const [report] = (await library.subscriptions.fetch()).subscriptions
    expect(queries().map((q) => [q.search_query, q.start])).toEqual([
      ['cat:cs.*', '0'],
      ['cat:cs.*', '100'],
    ])
    expect(report!.added).toBe(65)

    const busy = await setup()
    busy.server.arxivPapers(
      paperSeries({ count: 1200, newest: '2026-11-30T08:00:00Z', everyMs: MINUTE }),
    )
    busy.library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-20' })
    const [busyReport] = (await busy.library.subscriptions.fetch()).subscriptions
    expect(busyReport).toMatchObject({ requests: 10, added: 1000, failure: null })
  })
})
