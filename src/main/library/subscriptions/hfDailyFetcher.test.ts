import { describe, expect, it } from 'vitest'
import type { FetchReport } from '../../../shared/models'
import { fakeClock } from '../testing/fakeClock'
import { type FeedPaper } from '../testing/feedServer'
import { useFeedLibraries } from '../testing/feedLibraries'
import { hfDaysToFetch } from './hfDailyFetcher'

const feeds = useFeedLibraries()

/** Monday 2026-11-30, 09:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 30, 9)

const paper = (n: number, day: string): FeedPaper => ({
  arxivId: `2611.0${String(n).padStart(4, '0')}`,
  title: `Daily paper ${n}`,
  summary: `Abstract of daily paper ${n}.`,
  authors: ['Ada Lovelace', 'Alan Turing'],
  published: `${day}T08:00:00Z`,
  upvotes: n,
})

async function setup() {
  const clock = fakeClock(MONDAY)
  const server = await feeds.server(clock)
  const library = feeds.library(clock, { hf: server, arxiv: server })
  const asked = () =>
    server.requests.filter((r) => r.path === '/api/daily_papers').map((r) => r.query.date)
  return { clock, server, library, asked }
}

const only = (report: FetchReport) => {
  expect(report.subscriptions).toHaveLength(1)
  return report.subscriptions[0]!
}

describe('hfDaysToFetch', () => {
  it('asks from the start day, then from the day after the last one, at most the last 14 days', () => {
    expect(hfDaysToFetch('2026-11-27', null, '2026-11-30')).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ])
    expect(hfDaysToFetch('2026-11-01', '2026-11-25', '2026-11-30')).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ])
    const month = hfDaysToFetch('2026-10-01', null, '2026-11-30')
    expect(month).toHaveLength(14)
    expect(month[0]).toBe('2026-11-17')
  })

  it('asks today and yesterday again (their lists still grow), never the day before', () => {
    expect(hfDaysToFetch('2026-11-01', '2026-11-30', '2026-11-30')).toEqual(['2026-11-30'])
    expect(hfDaysToFetch('2026-11-01', '2026-11-29', '2026-11-30')).toEqual([
      '2026-11-29',
      '2026-11-30',
    ])
    expect(hfDaysToFetch('2026-11-01', '2026-11-28', '2026-11-30')).toEqual([
      '2026-11-29',
      '2026-11-30',
    ])
  })
})

describe('hf-daily subscription', () => {
  it('imports each day asked as that day’s digest; a weekend’s [] is an empty day, not a failure', async () => {
    const { clock, server, library, asked } = await setup()
    server.hfDay('2026-11-27', [paper(1, '2026-11-26'), paper(2, '2026-11-25')])
    server.hfDay('2026-11-30', [paper(3, '2026-11-28')])
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-27' })

    const report = only(await library.subscriptions.fetch())
    expect(asked()).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'])
    expect(report).toMatchObject({
      label: 'Hugging Face Daily Papers',
      requests: 4,
      digests: [
        { date: '2026-11-27', papers: 2 },
        { date: '2026-11-30', papers: 1 },
      ],
      added: 3,
      merged: 0,
      failure: null,
      offline: false,
    })
    expect(library.listDigests().map((d) => [d.date, d.paperCount])).toEqual([
      ['2026-11-30', 1],
      ['2026-11-27', 2],
    ])
    const [first] = library.listPapers({ digest: '2026-11-27' })
    expect(first).toMatchObject({ title: 'Daily paper 1', arxivId: '2611.00001', status: 'new' })
    // The answer is the paper's source file, as for an imported file.
    expect(library.getPaper(first!.id).sources).toMatchObject([
      { fileName: 'hf-daily-2026-11-27.json', source: 'hf-daily' },
    ])
    // It ended when the last answer came (the requests are 3 s apart); the next in 6 hours.
    const [subscription] = library.subscriptions.status().subscriptions
    expect(subscription).toMatchObject({
      lastSuccessAt: clock.now(),
      lastFailure: null,
      nextAttemptAt: clock.now() + 6 * 3_600_000,
    })
  })

  it('a day the server has no list for (404) does not hold up the days after it; 404 on every day is the failure', async () => {
    const { server, library, asked } = await setup()
    server.hfDay('2026-11-30', [paper(3, '2026-11-28')])
    for (const day of ['2026-11-27', '2026-11-28', '2026-11-29']) {
      server.misbehave(`hf-daily?date=${day}`, { kind: 'status', status: 404, times: Infinity })
    }
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-27' })
    const report = only(await library.subscriptions.fetch())
    expect(asked()).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'])
    expect(report).toMatchObject({ added: 1, failure: null })

    server.misbehave('hf-daily', { kind: 'status', status: 404, times: Infinity })
    const again = only(await library.subscriptions.fetch())
    expect(again.failure).toMatch(/answered 404 Not Found/)
  })

  it('the same answer twice adds nothing: a 304 where the server has validators, the same bytes where not', async () => {
    const { server, library, asked } = await setup()
    server.hfDay('2026-11-30', [paper(1, '2026-11-28'), paper(2, '2026-11-28')])
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    expect(only(await library.subscriptions.fetch()).added).toBe(2)
    const before = library.listPapers()

    const again = only(await library.subscriptions.fetch())
    expect(again).toMatchObject({ requests: 1, added: 0, merged: 0, digests: [], failure: null })
    expect(server.requests.at(-1)!.headers['if-none-match']).toMatch(/^W\//)

    server.validators({ etag: false, lastModified: false })
    const third = only(await library.subscriptions.fetch())
    expect(third).toMatchObject({ requests: 1, added: 0, merged: 0, digests: [], failure: null })
    expect(asked()).toEqual(['2026-11-30', '2026-11-30', '2026-11-30'])
    expect(library.listPapers()).toEqual(before)
    expect(library.listDigests()).toHaveLength(1)
  })

  it('catches up the days missed while not running, from the last day fetched, at most 14', async () => {
    const { clock, server, library, asked } = await setup()
    server.hfDay('2026-11-30', [paper(1, '2026-11-27')])
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    await library.subscriptions.fetch()

    // Five days later: Tuesday to Saturday were missed.
    clock.advance(5 * 86_400_000)
    server.hfDay('2026-12-02', [paper(2, '2026-12-01')])
    server.hfDay('2026-12-04', [paper(3, '2026-12-03'), paper(4, '2026-12-03')])
    const report = only(await library.subscriptions.fetch())
    expect(asked().slice(1)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ])
    expect(report).toMatchObject({ requests: 5, added: 3 })
    expect(library.listDigests().map((d) => d.date)).toEqual([
      '2026-12-04',
      '2026-12-02',
      '2026-11-30',
    ])

    // A month away: only the last 14 days are asked for.
    clock.advance(30 * 86_400_000)
    const late = only(await library.subscriptions.fetch())
    expect(late.requests).toBe(14)
    expect(asked().slice(-14)[0]).toBe('2026-12-22')
    expect(asked().at(-1)).toBe('2027-01-04')
  })

  it('waits at least the host’s interval between two requests, on the clock', async () => {
    const { clock, server, library } = await setup()
    server.hfDay('2026-11-28', [paper(1, '2026-11-27')])
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-27' })
    const started = clock.now()
    await library.subscriptions.fetch()
    // Four requests to one host (127.0.0.1, not huggingface.co: 3 s apart).
    expect(server.requests).toHaveLength(4)
    expect(clock.sleeps.filter((ms) => ms > 0)).toHaveLength(3)
    expect(clock.now() - started).toBeGreaterThanOrEqual(3 * 3_000)
  })
})
