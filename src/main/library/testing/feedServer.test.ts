import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseArxivAtom } from '../digest/sources/arxivAtom'
import { parseHfDailyJson } from '../digest/sources/hfDaily'
import { matchesQuery, paperSeries, startFeedServer, type FeedServer } from './feedServer'

let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer({ now: () => Date.UTC(2026, 10, 30, 15) })
})
afterEach(() => server.close())

const papers = paperSeries({ count: 25, newest: '2026-11-30T12:00:00Z', first: '2611.09001' })
const hf = (date: string, init?: RequestInit) =>
  fetch(`${server.baseUrl}/api/daily_papers?date=${date}`, init)
const arxiv = (query: string, start = 0, max = 10) =>
  fetch(
    `${server.baseUrl}/api/query?search_query=${encodeURIComponent(query)}&start=${start}&max_results=${max}&sortBy=submittedDate&sortOrder=descending`,
  )

describe('the feed server', () => {
  it("answers a day of HF daily papers that Margin's parser reads, and [] for a day nobody set", async () => {
    server.hfDay('2026-11-30', papers.slice(0, 3))
    const answer = await hf('2026-11-30')
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    const digest = parseHfDailyJson(await answer.text())
    expect(digest.sections).toHaveLength(1)
    expect(digest.sections[0]!.date).toEqual({ year: 2026, month: 11, day: 30 })
    expect(digest.sections[0]!.papers.map((p) => p.arxivId)).toEqual([
      '2611.09001',
      '2611.09002',
      '2611.09003',
    ])
    expect(await (await hf('2026-11-28')).json()).toEqual([])
    expect(server.requests.map((r) => r.query.date)).toEqual(['2026-11-30', '2026-11-28'])
  })

  it('answers arXiv queries as Atom with totals, newest first, a page at a time', async () => {
    server.arxivPapers([
      ...papers,
      { ...papers[0]!, arxivId: '2611.00001', categories: ['math.AP'], title: 'Elsewhere' },
    ])
    const first = await (await arxiv('cat:cs.LG', 0, 10)).text()
    expect(first).toContain('<opensearch:totalResults')
    expect(first).toMatch(/>25<\/opensearch:totalResults>/)
    const page = parseArxivAtom(first).sections[0]!
    expect(page.papers.map((p) => p.arxivId)).toEqual(papers.slice(0, 10).map((p) => p.arxivId))
    expect(page.papers[0]!.categories).toEqual(['cs.LG'])
    const last = parseArxivAtom(await (await arxiv('cat:cs.*', 20, 10)).text()).sections[0]!
    expect(last.papers).toHaveLength(5)
    expect(await (await arxiv('cat:cs.LG', 30, 10)).text()).not.toContain('<entry>')
  })

  it('reads the fields and operators of an arXiv query', () => {
    const paper = papers[0]!
    expect(matchesQuery(paper, 'cat:cs.LG AND ti:series')).toBe(true)
    expect(matchesQuery(paper, 'cat:cs.LG ANDNOT au:hopper')).toBe(false)
    expect(matchesQuery(paper, 'cat:math.AP OR abs:"problem 1 and"')).toBe(true)
    expect(matchesQuery(paper, 'id:2611.09001')).toBe(true)
  })

  it('answers 304 to a matching If-None-Match or a fresh If-Modified-Since, unless turned off', async () => {
    server.hfDay('2026-11-30', papers.slice(0, 2))
    const first = await hf('2026-11-30')
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(etag).toMatch(/^W\/"/)
    expect((await hf('2026-11-30', { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect((await hf('2026-11-30', { headers: { 'if-none-match': 'W/"x"' } })).status).toBe(200)
    const since = { headers: { 'if-modified-since': lastModified } }
    expect((await hf('2026-11-30', since)).status).toBe(304)
    server.validators({ etag: false, lastModified: false })
    const plain = await hf('2026-11-30', { headers: { 'if-none-match': etag } })
    expect(plain.status).toBe(200)
    expect(plain.headers.get('etag')).toBeNull()
    expect(server.requests[1]!.headers['if-none-match']).toBe(etag)
  })

  it('misbehaves as asked, for a route or one day, as many times as asked, then answers normally', async () => {
    server.hfDay('2026-11-29', papers.slice(0, 1))
    server.misbehave('hf-daily', { kind: 'status', status: 429, retryAfter: '7' })
    server.misbehave('hf-daily?date=2026-11-29', { kind: 'html', times: 2 })
    const limited = await hf('2026-11-30')
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7'])
    expect((await hf('2026-11-29')).headers.get('content-type')).toMatch(/^text\/html/)
    expect((await hf('2026-11-29')).headers.get('content-type')).toMatch(/^text\/html/)
    expect((await hf('2026-11-29')).status).toBe(200)

    server.misbehave('arxiv-api', { kind: 'arxiv-error', message: 'malformed query' })
    expect(() => parseArxivAtom('')).toThrow()
    const error = await (await arxiv('cat:cs.LG')).text()
    expect(() => parseArxivAtom(error)).toThrow(/malformed query/)

    server.misbehave('hf-daily', { kind: 'truncated', keep: 40 })
    const truncated = await (await hf('2026-11-29')).text()
    expect(truncated).toHaveLength(40)
    expect(() => parseHfDailyJson(truncated)).toThrow(/not valid JSON/)

    server.misbehave('hf-daily', { kind: 'cut-off', keep: 40 })
    const cut = await hf('2026-11-29')
    await expect(cut.text()).rejects.toThrow()

    server.misbehave('hf-daily', { kind: 'headers', headers: { ratelimit: '"api";r=0;t=30' } })
    const rated = await hf('2026-11-29')
    expect(rated.headers.get('ratelimit')).toBe('"api";r=0;t=30')
    expect(parseHfDailyJson(await rated.text()).sections[0]!.papers).toHaveLength(1)

    server.misbehave('hf-daily', { kind: 'reset' })
    await expect(hf('2026-11-29')).rejects.toThrow(/fetch failed/)
  })

  it('sends a slow body piece by piece, complete in the end', async () => {
    server.hfDay('2026-11-30', papers.slice(0, 5))
    server.misbehave('hf-daily', { kind: 'slow', chunks: 4, everyMs: 20 })
    const body = await (await hf('2026-11-30')).text()
    expect(parseHfDailyJson(body).sections[0]!.papers).toHaveLength(5)
  })

  it('refuses connections while closed and answers again once it accepts', async () => {
    await server.refuse()
    const refused = await hf('2026-11-30').catch((error: unknown) => error)
    expect((refused as Error).cause).toMatchObject({ code: 'ECONNREFUSED' })
    await server.accept()
    expect((await hf('2026-11-30')).status).toBe(200)
  })
})
