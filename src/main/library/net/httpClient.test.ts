import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { version } from '../../../../package.json'
import { fakeClock } from '../testing/fakeClock'
import { paperSeries, startFeedServer, type FeedServer } from '../testing/feedServer'
import {
  createHttpClient,
  HttpFailure,
  isOfflineError,
  rateLimitWaitMs,
  retryAfterMs,
  USER_AGENT,
  type HttpClientOptions,
  type Validators,
  type ValidatorsStore,
} from './httpClient'

const PDF = new TextEncoder().encode('%PDF-1.7\n% a tiny stand-in\n%%EOF\n')

let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer()
})
afterEach(() => server.close())

/** A client on a fake clock whose fetch records when (in fake time) each request started. */
function setup(options: HttpClientOptions = {}) {
  const clock = fakeClock()
  const starts: number[] = []
  let inFlight = 0
  let mostInFlight = 0
  const fetch: typeof globalThis.fetch = async (input, init) => {
    starts.push(clock.now())
    inFlight += 1
    mostInFlight = Math.max(mostInFlight, inFlight)
    try {
      return await (options.fetch ?? globalThis.fetch)(input, init)
    } finally {
      inFlight -= 1
    }
  }
  const client = createHttpClient({ now: clock.now, sleep: clock.sleep, ...options, fetch })
  return { client, clock, starts, mostInFlight: () => mostInFlight }
}

const url = (id: string) => `${server.baseUrl}/pdf/${id}`
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

async function failure(promise: Promise<unknown>): Promise<HttpFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(HttpFailure)
  return error as HttpFailure
}

describe('the polite HTTP client', () => {
  it('names Margin and its version in the User-Agent and sends the Accept asked for', async () => {
    server.answer('2408.00001', { kind: 'pdf', bytes: PDF })
    const { client } = setup()
    const response = await client.get(url('2408.00001'), { accept: 'application/pdf' })
    expect(Buffer.from(response.body)).toEqual(Buffer.from(PDF))
    expect(USER_AGENT).toBe(
      `Margin/${version} (offline reading list; +https://github.com/margin-app)`,
    )
    expect(server.requests[0]).toMatchObject({ userAgent: USER_AGENT, accept: 'application/pdf' })
  })

  it('asks one host one thing at a time, at least 3 s apart, even when called all at once', async () => {
    for (const id of ['a1', 'a2', 'a3', 'a4']) server.answer(id, { kind: 'pdf', bytes: PDF })
    const { client, starts, mostInFlight } = setup()
    const bodies = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((id) => client.get(url(id))))
    expect(bodies).toHaveLength(4)
    expect(starts).toHaveLength(4)
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(3_000)
    expect(mostInFlight()).toBe(1)
    expect(server.requests.map((r) => r.path)).toEqual(['/pdf/a1', '/pdf/a2', '/pdf/a3', '/pdf/a4'])
  })

  it('does not hold one host back for another', async () => {
    server.answer('b1', { kind: 'pdf', bytes: PDF })
    server.answer('b2', { kind: 'pdf', bytes: PDF })
    const { client, starts } = setup()
    const other = server.baseUrl.replace('127.0.0.1', 'localhost')
    await Promise.all([client.get(url('b1')), client.get(`${other}/pdf/b2`)])
    expect(starts).toEqual([starts[0], starts[0]])
  })

  it('waits out a 429 for as long as Retry-After says in seconds, then asks again', async () => {
    server.answer(
      'c1',
      { kind: 'status', status: 429, retryAfter: '42' },
      { kind: 'pdf', bytes: PDF },
    )
    const { client, starts } = setup()
    const response = await client.get(url('c1'))
    expect(response.status).toBe(200)
    expect(gaps(starts)).toEqual([42_000])
  })

  it('honours a Retry-After given as an HTTP date', async () => {
    const { client, starts, clock } = setup()
    const at = new Date(clock.now() + 90_000).toUTCString()
    server.answer(
      'c2',
      { kind: 'status', status: 503, retryAfter: at },
      { kind: 'pdf', bytes: PDF },
    )
    await client.get(url('c2'))
    expect(gaps(starts)).toEqual([90_000])
  })

  it('keeps 3 s apart even when Retry-After asks for less', async () => {
    server.answer(
      'c3',
      { kind: 'status', status: 429, retryAfter: '1' },
      { kind: 'pdf', bytes: PDF },
    )
    const { client, starts } = setup()
    await client.get(url('c3'))
    expect(gaps(starts)).toEqual([3_000])
  })

  it('backs off exponentially on 503 without Retry-After and gives up after 4 attempts', async () => {
    server.answer('d1', { kind: 'status', status: 503 })
    const { client, starts } = setup()
    const error = await failure(client.get(url('d1')))
    expect(error.kind).toBe('busy')
    expect(error.status).toBe(503)
    expect(error.message).toMatch(/503 Service Unavailable 4 times in a row; try again later\.$/)
    expect(gaps(starts)).toEqual([5_000, 10_000, 20_000])
    expect(server.requests).toHaveLength(4)

    // The host's back-off holds for the next call too.
    server.answer('d1', { kind: 'pdf', bytes: PDF })
    await client.get(url('d1'))
    expect(gaps(starts).at(-1)).toBe(40_000)
  })

  it('does not sit out a Retry-After longer than an hour: it fails saying when to come back', async () => {
    server.answer('d2', { kind: 'status', status: 429, retryAfter: String(3 * 3600) })
    const { client, clock, starts } = setup()
    const error = await failure(client.get(url('d2')))
    expect(error.kind).toBe('busy')
    expect(error.message).toMatch(/asked Margin to come back in 180 minutes\.$/)
    expect(error.retryAt).toBe(clock.now() + 3 * 3600_000)
    expect(server.requests).toHaveLength(1)

    // Nothing is asked of that host before then.
    server.answer('d3', { kind: 'pdf', bytes: PDF })
    await client.get(url('d3'))
    expect(gaps(starts)).toEqual([3 * 3600_000])
  })

  it('never retries a 403 and asks that host nothing more until unblocked', async () => {
    server.answer('e1', { kind: 'status', status: 403 })
    server.answer('e2', { kind: 'pdf', bytes: PDF })
    const { client } = setup()
    const host = new URL(server.baseUrl).host
    const error = await failure(client.get(url('e1')))
    expect(error.kind).toBe('forbidden')
    expect(error.message).toBe(
      `${host} refused Margin's request (403 Forbidden), so Margin asks it nothing more for now.`,
    )
    expect(server.requests).toHaveLength(1)

    const again = await failure(client.get(url('e2')))
    expect(again.kind).toBe('forbidden')
    expect(server.requests).toHaveLength(1)
    expect(client.blockedReason(host)).toBe(error.message)

    client.unblock()
    expect((await client.get(url('e2'))).status).toBe(200)
    expect(server.requests).toHaveLength(2)
  })

  it('fails a 404 at once, with the status in words', async () => {
    const { client } = setup()
    const error = await failure(client.get(url('nothing-here')))
    expect(error).toMatchObject({ kind: 'status', status: 404 })
    expect(error.message).toMatch(/answered 404 Not Found\.$/)
    expect(server.requests).toHaveLength(1)
  })

  it('goes offline quietly when it cannot connect, probes with back-off, and resumes', async () => {
    server.answer('f1', { kind: 'pdf', bytes: PDF })
    let refusals = 3
    const flaky: typeof globalThis.fetch = (input, init) => {
      if (refusals-- > 0) {
        const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
        return Promise.reject(new TypeError('fetch failed', { cause }))
      }
      return globalThis.fetch(input, init)
    }
    const { client, clock, starts } = setup({ fetch: flaky })
    const states: boolean[] = []
    client.onChange(() => states.push(client.online))
    const response = await client.get(url('f1'))
    expect(response.status).toBe(200)
    expect(states).toEqual([false, true])
    expect(client.online).toBe(true)
    expect(gaps(starts)).toEqual([5_000, 10_000, 20_000])
    expect(clock.sleeps).toEqual([5_000, 10_000, 20_000])
  })

  it('takes a refused connection (a real one) for being offline, and stops waiting when aborted', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))

    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)
    expect(isOfflineError(refused)).toBe(true)
    // Electron's net.fetch (the app's) names Chromium's error instead.
    expect(isOfflineError(new Error('net::ERR_INTERNET_DISCONNECTED'))).toBe(true)
    expect(isOfflineError(new Error('net::ERR_PROXY_CONNECTION_FAILED'))).toBe(true)
    expect(isOfflineError(new Error('net::ERR_CERT_AUTHORITY_INVALID'))).toBe(false)

    const { client, clock } = setup()
    const controller = new AbortController()
    client.onChange(() => {
      if (!client.online) setTimeout(() => controller.abort(), 20)
    })
    const error = await failure(
      client.get(`http://127.0.0.1:${port}/pdf/x`, { signal: controller.signal }),
    )
    expect(error.kind).toBe('aborted')
    expect(client.online).toBe(false)
    expect(clock.sleeps[0]).toBe(5_000)
  })

  it('takes a server that never answers within the timeout for being offline', async () => {
    server.answer('g1', { kind: 'hang' })
    const { client } = setup({ timeoutMs: 100 })
    const controller = new AbortController()
    client.onChange(() => controller.abort())
    const error = await failure(client.get(url('g1'), { signal: controller.signal }))
    expect(error.kind).toBe('aborted')
    expect(client.online).toBe(false)
  })

  it('fails a body cut off before its Content-Length', async () => {
    const bytes = new Uint8Array(100_000).fill(65)
    server.answer('h1', { kind: 'cut-off', bytes, send: 30_000 })
    const { client } = setup()
    const error = await failure(client.get(url('h1')))
    expect(error.kind).toBe('cut-off')
    expect(error.message).toMatch(/was cut off after \d+ of 100000 bytes\.$/)
    expect(server.requests).toHaveLength(1)
  })

  it('fails a body that stops coming for longer than the timeout', async () => {
    server.answer('h2', { kind: 'stall', bytes: new Uint8Array(50_000), send: 1_000 })
    const { client } = setup({ timeoutMs: 300 })
    const error = await failure(client.get(url('h2')))
    expect(error.kind).toBe('cut-off')
    expect(error.message).toMatch(/stalled \(nothing for 300 ms\) after 1000 of 50000 bytes\.$/)
    expect(client.online).toBe(true)
  })

  it('refuses a body larger than the limit, announced or not', async () => {
    server.answer('i1', { kind: 'pdf', bytes: new Uint8Array(5_000) })
    const { client } = setup({ maxBytes: 4_096 })
    const error = await failure(client.get(url('i1')))
    expect(error.kind).toBe('too-large')

    const unannounced: typeof globalThis.fetch = async () =>
      new Response(new Blob([new Uint8Array(3_000), new Uint8Array(3_000)]).stream())
    const second = setup({ maxBytes: 4_096, fetch: unannounced })
    expect((await failure(second.client.get(url('i2')))).kind).toBe('too-large')
  })

  it('gives the URL that answered after a redirect', async () => {
    server.answer('j1', { kind: 'pdf', bytes: PDF, version: 3, tell: 'redirect' })
    const { client } = setup()
    const response = await client.get(url('j1'))
    expect(response.url).toBe(url('j1v3'))
    expect(Buffer.from(response.body)).toEqual(Buffer.from(PDF))
  })
})

/** A validators store in memory. */
function memoryValidators(): ValidatorsStore & { kept: Map<string, Validators> } {
  const kept = new Map<string, Validators>()
  return { kept, get: (url) => kept.get(url) ?? null, put: (url, v) => void kept.set(url, v) }
}

describe('the HTTP client for feeds', () => {
  const DAY = '2026-11-30'
  const hfUrl = (date = DAY) => `${server.baseUrl}/api/daily_papers?date=${date}`
  const papers = paperSeries({ count: 8, newest: '2026-11-30T12:00:00Z' })
  beforeEach(() => server.hfDay(DAY, papers))

  it('keeps each host to its own interval: 1 s where it allows it, 3 s elsewhere', async () => {
    const fast = new URL(server.baseUrl).host
    const { client, starts } = setup({ hostIntervalsMs: { [fast]: 1_000 } })
    await Promise.all([client.get(hfUrl()), client.get(hfUrl()), client.get(hfUrl())])
    expect(gaps(starts)).toEqual([1_000, 1_000])

    const slow = server.baseUrl.replace('127.0.0.1', 'localhost')
    const other = setup({ hostIntervalsMs: { [fast]: 1_000 } })
    await Promise.all([
      other.client.get(`${slow}/api/daily_papers`),
      other.client.get(`${slow}/api/daily_papers`),
    ])
    expect(gaps(other.starts)).toEqual([3_000])
  })

  it("waits for the reset when a host's RateLimit headers say nothing remains", async () => {
    server.misbehave('hf-daily', {
      kind: 'headers',
      headers: {
        ratelimit: '"api";r=0;t=42',
        'ratelimit-policy': '"fixed window";"api";q=500;w=300',
      },
    })
    server.misbehave('hf-daily', { kind: 'headers', headers: { ratelimit: '"api";r=5;t=42' } })
    const { client, starts } = setup({ hostIntervalsMs: { [new URL(server.baseUrl).host]: 1_000 } })
    for (let i = 0; i < 3; i++) expect((await client.get(hfUrl())).status).toBe(200)
    expect(gaps(starts)).toEqual([42_000, 1_000])
  })

  it('asks conditionally with the validators kept, and a 304 answers notModified without a body', async () => {
    const validators = memoryValidators()
    const { client } = setup({ validators })
    const first = await client.get(hfUrl(), { conditional: true })
    expect(first).toMatchObject({ status: 200, notModified: false })
    // Not kept (say its import failed): the next call asks for the whole answer again.
    const again = await client.get(hfUrl(), { conditional: true })
    expect(again.notModified).toBe(false)
    again.keepValidators()
    expect(validators.kept.get(hfUrl())).toEqual({
      etag: first.headers.get('etag'),
      lastModified: first.headers.get('last-modified'),
    })

    const unchanged = await client.get(hfUrl(), { conditional: true })
    expect(unchanged).toMatchObject({ status: 304, notModified: true })
    expect(unchanged.body.byteLength).toBe(0)
    expect(server.requests[2]!.headers['if-none-match']).toBe(first.headers.get('etag'))
    expect(server.requests[2]!.headers['if-modified-since']).toBe(
      first.headers.get('last-modified'),
    )

    // A call that does not ask for it never sends them (a PDF must come whole).
    expect((await client.get(hfUrl())).status).toBe(200)
    expect(server.requests[3]!.headers['if-none-match']).toBeUndefined()

    // Changed data: a new ETag, a whole answer.
    server.hfDay(DAY, papers.slice(0, 2))
    const changed = await client.get(hfUrl(), { conditional: true })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(first.headers.get('etag'))
  })

  it('fails at once when offline if the call asks so, and comes back online with the next answer', async () => {
    const { client, clock } = setup()
    await server.refuse()
    const error = await failure(client.get(hfUrl(), { offline: 'fail' }))
    expect(error.kind).toBe('offline')
    expect(error.message).toBe(
      `Margin could not reach ${new URL(server.baseUrl).host}; it may be offline.`,
    )
    expect(client.online).toBe(false)
    expect(clock.sleeps).toEqual([])
    await server.accept()
    expect((await client.get(hfUrl(), { offline: 'fail' })).status).toBe(200)
    expect(client.online).toBe(true)
  })

  it('takes no answer within the connect/headers time limit for offline, failing at once if asked', async () => {
    server.misbehave('hf-daily', { kind: 'hang' })
    const { client } = setup()
    const error = await failure(client.get(hfUrl(), { offline: 'fail', timeoutMs: 100 }))
    expect(error.kind).toBe('offline')
    expect(error.message).toMatch(/\(no answer within 100 ms\); it may be offline\.$/)
  })

  it('stops a body that keeps coming but takes longer than the whole-body limit', async () => {
    server.misbehave('hf-daily', { kind: 'slow', chunks: 40, everyMs: 50 })
    const { client } = setup()
    const error = await failure(client.get(hfUrl(), { bodyTimeMs: 200 }))
    expect(error.kind).toBe('too-slow')
    expect(error.message).toMatch(
      /took longer than 200 ms to arrive \(\d+ of \d+ bytes by then\); try again later\.$/,
    )
  })

  it('refuses an answer larger than the call allows', async () => {
    const { client } = setup()
    const error = await failure(client.get(hfUrl(), { maxBytes: 1_000 }))
    expect(error.kind).toBe('too-large')
    expect(error.message).toMatch(
      /sent more than 1000 bytes, more than Margin keeps for one answer\.$/,
    )
    expect((await client.get(hfUrl())).status).toBe(200)
  })
})

describe('rateLimitWaitMs', () => {
  const now = Date.UTC(2026, 0, 5, 9, 0, 0)
  const wait = (headers: Record<string, string>) => rateLimitWaitMs(new Headers(headers), now)
  it('reads the forms hosts send, and waits only when nothing remains', () => {
    expect(wait({ ratelimit: '"api";r=0;t=30' })).toBe(30_000)
    expect(wait({ ratelimit: '"api";r=3;t=30' })).toBeNull()
    expect(
      wait({ ratelimit: '"api";r=0', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' }),
    ).toBe(300_000)
    expect(wait({ ratelimit: 'limit=100, remaining=0, reset=12' })).toBe(12_000)
    expect(wait({ 'ratelimit-remaining': '0', 'ratelimit-reset': '7' })).toBe(7_000)
    expect(wait({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '20' })).toBe(20_000)
    expect(
      wait({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 90) }),
    ).toBe(90_000)
    expect(wait({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '20' })).toBeNull()
    expect(wait({})).toBeNull()
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 0, 5, 9, 0, 0)
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs(' 0 ', now)).toBe(0)
    expect(retryAfterMs('Mon, 05 Jan 2026 09:01:30 GMT', now)).toBe(90_000)
    expect(retryAfterMs('Mon, 05 Jan 2026 08:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs('-5', now)).toBeNull()
    expect(retryAfterMs(null, now)).toBeNull()
  })
})
