import { describe, expect, it } from 'vitest'
import { MarginError } from '../../../shared/errors'
import type { FetchReport, SubscriptionsStatus } from '../../../shared/models'
import { fakeClock } from '../testing/fakeClock'
import type { FeedAnswer, FeedPaper } from '../testing/feedServer'
import type { Library } from '../library'
import { useFeedLibraries } from '../testing/feedLibraries'

const feeds = useFeedLibraries()

/** Monday 2026-11-30, 09:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 30, 9)
const MINUTE = 60_000
const HOUR = 60 * MINUTE

const hfPaper = (n: number, title = `Daily paper ${n}`): FeedPaper => ({
  arxivId: `2611.1${String(n).padStart(4, '0')}`,
  title,
  summary: `Abstract of ${title}.`,
  authors: ['Ada Lovelace'],
  published: '2026-11-27T08:00:00Z',
})
const arxivPaper = (n: number, published: string): FeedPaper => ({
  arxivId: `2611.2${String(n).padStart(4, '0')}`,
  title: `Listed paper ${n}`,
  summary: `Abstract of listed paper ${n}.`,
  authors: ['Alan Turing'],
  categories: ['cs.LG'],
  published,
})

/** A library following Hugging Face (today) and arXiv cs.LG, each on a host of its own. */
async function setup() {
  const clock = fakeClock(MONDAY)
  const hf = await feeds.server(clock)
  const arxiv = await feeds.server(clock)
  hf.hfDay('2026-11-30', [hfPaper(1), hfPaper(2)])
  arxiv.arxivPapers([
    arxivPaper(1, '2026-11-27T10:00:00Z'),
    arxivPaper(2, '2026-11-28T10:00:00Z'),
    arxivPaper(3, '2026-11-29T10:00:00Z'),
  ])
  const library = feeds.library(clock, { hf, arxiv })
  const changes: SubscriptionsStatus[] = []
  const reports: FetchReport[] = []
  library.subscriptions.onChange((status) => changes.push(status))
  library.subscriptions.onFetched((report) => reports.push(report))
  return { clock, hf, arxiv, library, changes, reports }
}

const follow = (library: Library) => {
  library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
  library.subscriptions.add({ kind: 'arxiv', query: 'cs.LG', since: '2026-11-27' })
}

const refusal = (run: () => unknown): MarginError => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MarginError)
    return error as MarginError
  }
  throw new Error('expected a refusal')
}

async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 20_000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  expect(done()).toBe(true)
}

describe('library.subscriptions: what is followed', () => {
  it('adds, lists with labels, refuses duplicates and bad queries, removes', async () => {
    const { library, hf, arxiv } = await setup()
    follow(library)
    library.subscriptions.add({ kind: 'arxiv', query: 'abs:"speculative decoding"' })
    const { subscriptions, intervalHours, online, fetching } = library.subscriptions.status()
    expect(subscriptions.map((s) => [s.kind, s.query, s.label, s.since])).toEqual([
      ['hf-daily', null, 'Hugging Face Daily Papers', '2026-11-30'],
      ['arxiv', 'cs.LG', 'arXiv cs.LG', '2026-11-27'],
      ['arxiv', 'abs:"speculative decoding"', 'arXiv abs:"speculative decoding"', '2026-11-27'],
    ])
    expect(subscriptions[0]).toMatchObject({ lastSuccessAt: null, lastFailure: null })
    expect({ intervalHours, online, fetching }).toEqual({
      intervalHours: 6,
      online: true,
      fetching: null,
    })

    expect(refusal(() => library.subscriptions.add({ kind: 'hf-daily' })).message).toBe(
      'You follow Hugging Face Daily Papers already (subscription 1).',
    )
    expect(
      refusal(() => library.subscriptions.add({ kind: 'arxiv', query: ' cs.LG ' })).message,
    ).toBe('You follow arXiv cs.LG already (subscription 2).')
    expect(
      refusal(() => library.subscriptions.add({ kind: 'arxiv', query: 'speculative decoding' }))
        .message,
    ).toMatch(/^"speculative" has no field arXiv knows/)
    expect(refusal(() => library.subscriptions.add({ kind: 'arxiv' })).message).toMatch(
      /^Give an arXiv category/,
    )

    expect(library.subscriptions.remove(2).subscriptions.map((s) => s.id)).toEqual([1, 3])
    expect(refusal(() => library.subscriptions.remove(2))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no subscription with id 2.',
    })
    // None of this touched the network.
    expect([...hf.requests, ...arxiv.requests]).toEqual([])
  })

  it('keeps the interval (1 to 168 whole hours); the next attempts after a success move with it', async () => {
    const { clock, library } = await setup()
    follow(library)
    await library.subscriptions.fetch()
    const at = clock.now()
    const status = library.subscriptions.setInterval(12)
    expect(status.intervalHours).toBe(12)
    for (const subscription of status.subscriptions) {
      expect(subscription.nextAttemptAt).toBe(subscription.lastSuccessAt! + 12 * HOUR)
      expect(subscription.lastSuccessAt).toBeLessThanOrEqual(at)
    }
    expect(refusal(() => library.subscriptions.setInterval(0)).message).toBe(
      'The interval is a whole number of hours from 1 to 168; 0 is not.',
    )
    expect(refusal(() => library.subscriptions.setInterval(1.5)).code).toBe('INVALID_ARGUMENT')
  })
})

describe('library.subscriptions.fetch: a pass', () => {
  it('fetches each subscription in order and says what each brought', async () => {
    const { library, reports, changes } = await setup()
    follow(library)
    const report = await library.subscriptions.fetch()
    expect(report.subscriptions).toMatchObject([
      { id: 1, label: 'Hugging Face Daily Papers', requests: 1, added: 2, failure: null },
      { id: 2, label: 'arXiv cs.LG', requests: 1, added: 3, failure: null },
    ])
    expect(reports).toEqual([report])
    expect(library.listPapers()).toHaveLength(5)
    // The window saw each subscription being fetched, then none.
    expect(changes.map((c) => c.fetching?.label ?? null)).toEqual([
      null,
      null,
      'Hugging Face Daily Papers',
      'arXiv cs.LG',
      null,
    ])
  })

  const hfWrongAnswers: Array<[string, FeedAnswer, RegExp]> = [
    [
      'a web page',
      { kind: 'html' },
      /answered with a web page instead of the daily papers list of 2026-11-30 \(it may be down, or asking for a login or a captcha\)/,
    ],
    [
      'truncated JSON',
      { kind: 'truncated', keep: 120 },
      /^Margin could not read the daily papers list of 2026-11-30: this is not valid JSON/,
    ],
    ['an empty 200', { kind: 'empty' }, /sent an empty answer instead of the daily papers list/],
    [
      'JSON that is not the list',
      { kind: 'body', body: '{"error":"Invalid date"}' },
      /^Margin could not read the daily papers list of 2026-11-30: this JSON is not a Hugging Face daily papers list/,
    ],
    ['a 403', { kind: 'status', status: 403 }, /refused Margin's request \(403 Forbidden\)/],
    [
      'a 503 after the retries',
      { kind: 'status', status: 503, times: Infinity },
      /answered 503 Service Unavailable 2 times in a row; try again later\.$/,
    ],
  ]
  for (const [what, answer, sentence] of hfWrongAnswers) {
    it(`Hugging Face answering ${what} imports nothing and fails only that subscription`, async () => {
      const { clock, hf, library } = await setup()
      follow(library)
      hf.misbehave('hf-daily', answer)
      const report = await library.subscriptions.fetch()
      const [hfPart, arxivPart] = report.subscriptions
      expect(hfPart).toMatchObject({ added: 0, digests: [], offline: false })
      expect(hfPart!.failure).toMatch(sentence)
      expect(arxivPart).toMatchObject({ added: 3, failure: null })
      expect(library.listPapers().map((p) => p.title)).not.toContain('Daily paper 1')
      expect(library.listPapers()).toHaveLength(3)
      const [hfStatus, arxivStatus] = library.subscriptions.status().subscriptions
      expect(hfStatus).toMatchObject({
        lastSuccessAt: null,
        lastFailure: { message: hfPart!.failure },
      })
      // Tried again in 15 minutes (after the failure was known), the other in 6 hours.
      expect(hfStatus!.nextAttemptAt! - hfStatus!.lastFailure!.at).toBe(15 * MINUTE)
      expect(arxivStatus!.nextAttemptAt).toBe(clock.now() + 6 * HOUR)
    })
  }

  it('a 429 asking to come back in 10 minutes fails at once with that reason, not waited out', async () => {
    const { clock, hf, library } = await setup()
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    hf.misbehave('hf-daily', { kind: 'status', status: 429, retryAfter: '600' })
    const started = clock.now()
    const [part] = (await library.subscriptions.fetch()).subscriptions
    expect(part).toMatchObject({ requests: 1, added: 0 })
    expect(part!.failure).toMatch(
      /is busy \(429 Too Many Requests\) and asked Margin to come back in 10 minutes\.$/,
    )
    // Not waited out: the pass ended without sleeping the ten minutes.
    expect(clock.now() - started).toBeLessThan(MINUTE)
    expect(library.listPapers()).toEqual([])
    // The failure's own back-off (15 minutes) is longer than the host asked.
    expect(library.subscriptions.status().subscriptions[0]!.nextAttemptAt).toBe(
      clock.now() + 15 * MINUTE,
    )
  })

  it('after a 403 the host is asked nothing more, until the person presses Fetch now', async () => {
    const { hf, library, reports } = await setup()
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    hf.misbehave('hf-daily', { kind: 'status', status: 403 })
    await library.subscriptions.fetch()
    hf.clearMisbehaviour()
    const asked = hf.requests.length
    const [again] = (await library.subscriptions.fetch()).subscriptions
    expect(again!.failure).toMatch(/403 Forbidden/)
    expect(hf.requests.length).toBe(asked)

    library.subscriptions.fetchNow()
    await expect.poll(() => reports.length).toBe(3)
    expect(reports[2]!.subscriptions[0]).toMatchObject({ failure: null, added: 2 })
  })

  it('a 429 asking to come back in 2 hours is not tried before then', async () => {
    const { clock, hf, library } = await setup()
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    hf.misbehave('hf-daily', { kind: 'status', status: 429, retryAfter: '7200' })
    const [part] = (await library.subscriptions.fetch()).subscriptions
    expect(part!.failure).toMatch(/asked Margin to come back in 120 minutes\.$/)
    expect(library.subscriptions.status().subscriptions[0]!.nextAttemptAt).toBe(
      clock.now() + 2 * HOUR,
    )
  })

  const arxivWrongAnswers: Array<[string, FeedAnswer, RegExp]> = [
    [
      'its error feed',
      { kind: 'arxiv-error', message: 'malformed query' },
      /^Margin could not read arXiv's answer for cs\.LG: the arXiv API answered with an error instead of papers: malformed query/,
    ],
    ['a web page', { kind: 'html' }, /answered with a web page instead of arXiv's answer/],
    [
      'a truncated feed',
      { kind: 'truncated', keep: 900 },
      /^Margin could not read arXiv's answer for cs\.LG: this Atom feed is not well-formed XML/,
    ],
    ['an empty 200', { kind: 'empty' }, /sent an empty answer instead of arXiv's answer/],
  ]
  for (const [what, answer, sentence] of arxivWrongAnswers) {
    it(`arXiv answering ${what} imports nothing and fails only that subscription`, async () => {
      const { arxiv, library } = await setup()
      follow(library)
      arxiv.misbehave('arxiv-api', answer)
      const [hfPart, arxivPart] = (await library.subscriptions.fetch()).subscriptions
      expect(hfPart).toMatchObject({ added: 2, failure: null })
      expect(arxivPart).toMatchObject({ added: 0, digests: [] })
      expect(arxivPart!.failure).toMatch(sentence)
      expect(library.listPapers()).toHaveLength(2)
      // The next pass asks again and imports (no validator was kept for the bad answer).
      const [, again] = (await library.subscriptions.fetch()).subscriptions
      expect(again).toMatchObject({ added: 3, failure: null })
      expect(library.subscriptions.status().subscriptions[1]!.lastFailure).toBeNull()
    })
  }

  it('offline is a state, not a failure: nothing imported, no failure, tried again later', async () => {
    const { clock, hf, arxiv, library, changes } = await setup()
    follow(library)
    await hf.refuse()
    await arxiv.refuse()
    const report = await library.subscriptions.fetch()
    expect(report.subscriptions).toMatchObject([
      { requests: 1, added: 0, failure: null, offline: true },
      { requests: 1, added: 0, failure: null, offline: true },
    ])
    const status = library.subscriptions.status()
    expect(status.online).toBe(false)
    expect(changes.at(-1)!.online).toBe(false)
    for (const subscription of status.subscriptions) {
      expect(subscription).toMatchObject({ lastFailure: null, lastSuccessAt: null })
      expect(subscription.nextAttemptAt).toBe(clock.now() + 15 * MINUTE)
    }

    await hf.accept()
    await arxiv.accept()
    const back = await library.subscriptions.fetch()
    expect(back.subscriptions.map((s) => [s.added, s.offline])).toEqual([
      [2, false],
      [3, false],
    ])
    expect(library.subscriptions.status().online).toBe(true)
  })

  it('hands the new papers (not those it merged) to the saved searches’ rules', async () => {
    const { hf, library } = await setup()
    // A paper the library has already (from this morning's list): merged, so no rule acts on it.
    hf.hfDay('2026-11-30', [hfPaper(3, 'Diffusion models we had already')])
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    await library.subscriptions.fetch()
    const [search] = library.saveSearch('Diffusion', 'diffusion')
    library.setSearchRule(search!.id, { tag: 'diffusion', toRead: true, downloadPdf: false })

    // The day's list grew.
    hf.hfDay('2026-11-30', [
      hfPaper(4, 'Diffusion for protein design'),
      hfPaper(5, 'A survey of retrieval'),
      hfPaper(3, 'Diffusion models we had already'),
    ])
    const report = await library.subscriptions.fetch()
    expect(report.subscriptions[0]).toMatchObject({ added: 2, merged: 1 })
    const byTitle = (title: string) => library.listPapers().find((p) => p.title === title)!
    const tagged = byTitle('Diffusion for protein design')
    expect(report.rules).toEqual({
      previous: [{ id: tagged.id, status: 'new' }],
      tagged: [{ id: tagged.id, tag: 'diffusion' }],
      queued: [],
    })
    expect(tagged).toMatchObject({ tags: ['diffusion'], status: 'to-read' })
    expect(library.getPaper(tagged.id).statusHistory).toMatchObject([
      { from: 'new', to: 'to-read' },
    ])
    expect(byTitle('Diffusion models we had already')).toMatchObject({ tags: [], status: 'new' })
    expect(byTitle('A survey of retrieval')).toMatchObject({ tags: [], status: 'new' })
  })

  it('fetches only the subscriptions asked for, and refuses an unknown one', async () => {
    const { library, hf } = await setup()
    follow(library)
    const report = await library.subscriptions.fetch([2])
    expect(report.subscriptions.map((s) => s.id)).toEqual([2])
    expect(hf.requests).toEqual([])
    await expect(library.subscriptions.fetch([9])).rejects.toThrow(
      'There is no subscription with id 9.',
    )
  })
})

describe('library.subscriptions: in the background', () => {
  it('fetchNow starts a pass and answers at once; the report comes as an event', async () => {
    const { library, reports } = await setup()
    follow(library)
    const status = library.subscriptions.fetchNow()
    expect(status.fetching).toEqual({ id: 1, label: 'Hugging Face Daily Papers' })
    // A second press while it runs starts nothing more.
    expect(library.subscriptions.fetchNow().fetching).not.toBeNull()
    await until(() => reports.length === 1)
    expect(reports[0]!.subscriptions.map((s) => s.added)).toEqual([2, 3])
    expect(library.subscriptions.status().fetching).toBeNull()
    await new Promise((resolve) => setImmediate(resolve))
    expect(reports).toHaveLength(1)
  })

  it('stop() ends a pass that waits on the network, keeping no outcome and reporting nothing', async () => {
    const { hf, library, reports } = await setup()
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    hf.misbehave('hf-daily', { kind: 'hang' })
    expect(library.subscriptions.fetchNow().fetching).not.toBeNull()
    await until(() => hf.requests.length === 1)
    await library.subscriptions.stop()
    const status = library.subscriptions.status()
    expect(status.fetching).toBeNull()
    expect(status.subscriptions[0]).toMatchObject({
      lastSuccessAt: null,
      lastFailure: null,
      nextAttemptAt: null,
    })
    expect(reports).toEqual([])
  })

  it('runs a pass a minute after start, retries a failure after 15 min, then every interval', async () => {
    const { clock, hf, library, reports } = await setup()
    library.subscriptions.add({ kind: 'hf-daily', since: '2026-11-30' })
    hf.misbehave('hf-daily', { kind: 'html' })
    const started = clock.now()
    const passTimes: number[] = []
    library.subscriptions.onFetched(() => passTimes.push(clock.now() - started))
    library.subscriptions.start()
    expect(hf.requests).toEqual([])

    await until(() => reports.length === 3)
    await library.subscriptions.stop()
    expect(
      reports.map((r) => [r.subscriptions[0]!.failure !== null, r.subscriptions[0]!.added]),
    ).toEqual([
      [true, 0],
      [false, 2],
      [false, 0],
    ])
    // Each pass ends as its one request is answered (at once here: the first request to a host).
    expect(passTimes).toEqual([1 * MINUTE, 1 * MINUTE + 15 * MINUTE, 16 * MINUTE + 6 * HOUR])
    const requestsAfterStop = hf.requests.length
    await new Promise((resolve) => setImmediate(resolve))
    expect(hf.requests).toHaveLength(requestsAfterStop)
  })
})
