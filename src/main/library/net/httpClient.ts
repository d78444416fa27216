import { STATUS_CODES } from 'node:http'
import { version } from '../../../../package.json'
import { formatBytes } from '../files/byteSize'

/**
 * The one module of Margin that talks to the network. A polite client, as arXiv asks
 * (https://info.arxiv.org/help/robots.html): one request at a time per host, at least 3 s
 * between requests to a host (less where a host says so: huggingface.co 1 s), a User-Agent
 * naming Margin and its version, back-off on 429 and 503 honouring Retry-After, a pause when a
 * host's RateLimit headers say nothing remains until a reset, never a retry after a 403 (the
 * host is left alone from then on, with the reason), and a bounded number of attempts.
 * Conditional requests: a call that asks for them sends the ETag / Last-Modified remembered for
 * its URL and a 304 answers `notModified`. A machine that cannot connect is "offline": a
 * state, not a failure; the request waits quietly, probes again with back-off, and goes on
 * when the network is back, or, for a call that asks `offline: 'fail'`, fails at once. Clock,
 * sleep and fetch are dependencies, so tests run on a fake clock.
 */

export const USER_AGENT = `Margin/${version} (offline reading list; +https://github.com/margin-app)`

/** Waits `ms` milliseconds, or less when `signal` aborts (it resolves then; it never rejects). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })

export interface HttpClientOptions {
  fetch?: typeof globalThis.fetch
  /** Milliseconds since the epoch. */
  now?: () => number
  sleep?: Sleep
  userAgent?: string
  /** Least time from the end of one request to a host to the start of the next. */
  minIntervalMs?: number
  /** The least time for hosts that allow more than `minIntervalMs` ('host' or 'host:port'). */
  hostIntervalsMs?: Readonly<Record<string, number>>
  /** Where conditional requests find and keep each URL's ETag and Last-Modified. */
  validators?: ValidatorsStore
  /** Requests per call, counting the first, before a host that keeps answering 429/503 is given up. */
  maxAttempts?: number
  /** First wait of the exponential back-off when a 429/5xx says nothing of when to come back. */
  backoffMs?: number
  /** A Retry-After longer than this is not waited out in the call: it fails, saying when. */
  maxRetryAfterMs?: number
  /** Offline: first and longest wait between two probes. */
  offlineProbeMs?: { first: number; max: number }
  /** Largest body read, in bytes. */
  maxBytes?: number
  /** Longest wait, in real time, for the response's headers and then for each piece of its body. */
  timeoutMs?: number
  /** Longest time, in real time, for a whole body, from its headers to its last byte. */
  bodyTimeMs?: number
}

/** What one call may ask beyond the client's defaults. */
export interface GetOptions {
  signal?: AbortSignal
  accept?: string
  /**
   * When the host cannot be reached: `wait` (the default) waits quietly and probes until the
   * network is back (PDF downloads); `fail` throws HttpFailure('offline') at once (a fetch pass
   * that tries again later; the CLI, which must not hang).
   */
  offline?: 'wait' | 'fail'
  /** Send the validators remembered for this URL; a 304 then answers `notModified`. */
  conditional?: boolean
  maxBytes?: number
  timeoutMs?: number
  bodyTimeMs?: number
  /**
   * A Retry-After longer than this fails the call (saying when to come back) instead of being
   * waited out: a fetch pass that the scheduler retries later waits minutes, not an hour.
   */
  maxRetryAfterMs?: number
  /** Requests before a host that keeps answering 429/5xx is given up, for this call. */
  maxAttempts?: number
}

/** A URL's validators, as its last answer that was kept gave them. */
export interface Validators {
  etag: string | null
  lastModified: string | null
}

export interface ValidatorsStore {
  get: (url: string) => Validators | null
  put: (url: string, validators: Validators) => void
}

export const DEFAULTS = {
  minIntervalMs: 3_000,
  hostIntervalsMs: { 'huggingface.co': 1_000 } as Readonly<Record<string, number>>,
  maxAttempts: 4,
  backoffMs: 5_000,
  maxRetryAfterMs: 60 * 60_000,
  offlineProbeMs: { first: 5_000, max: 5 * 60_000 },
  maxBytes: 200 * 1024 * 1024,
  timeoutMs: 60_000,
  bodyTimeMs: 30 * 60_000,
} as const

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  url: string
  status: number
  headers: Headers
  /** Empty when `notModified`. */
  body: Uint8Array
  /** A conditional call's 304: what was kept from this URL before is still current. */
  notModified: boolean
  /**
   * Remembers this answer's ETag / Last-Modified for the next conditional call to its URL. Call
   * it once the answer has been used (imported): an answer that could not be used must be
   * asked for whole again, not answered 304. Does nothing without validators or a store.
   */
  keepValidators: () => void
}

/**
 * Why a request gave no body: `forbidden` (a 403: the host is not asked again), `status`
 * (another answer that retrying does not change, such as 404), `busy` (429/5xx until the
 * attempts ran out, or a Retry-After too long to wait), `too-large`, `cut-off` (the body ended
 * or stalled before its announced length), `too-slow` (the whole body took longer than its
 * limit), `offline` (the host could not be reached, for a call that asked to fail then),
 * `aborted` (the caller's signal).
 */
export type HttpFailureKind =
  'forbidden' | 'status' | 'busy' | 'too-large' | 'cut-off' | 'too-slow' | 'offline' | 'aborted'

export class HttpFailure extends Error {
  readonly kind: HttpFailureKind
  readonly status: number | null
  /** `busy`: when the host asked to be asked again (its Retry-After), if it said. */
  readonly retryAt: number | null

  constructor(
    kind: HttpFailureKind,
    message: string,
    status: number | null = null,
    retryAt: number | null = null,
  ) {
    super(message)
    this.name = 'HttpFailure'
    this.kind = kind
    this.status = status
    this.retryAt = retryAt
  }
}

export interface HttpClient {
  /** GETs `url` politely, waiting its turn and out any offline spell; throws HttpFailure. */
  get: (url: string, options?: GetOptions) => Promise<HttpResponse>
  /** False from a request that could not connect until one that could. */
  readonly online: boolean
  /** Told when `online` changes; returns the unsubscribe function. */
  onChange: (listener: () => void) => () => void
  /** Why requests to `host` are refused without asking it (it answered 403), or null. */
  blockedReason: (host: string) => string | null
  /** Lets requests go to `host` again (every host when none is given). */
  unblock: (host?: string) => void
}

interface HostState {
  /** The end of the request before, to queue the next one behind it. */
  tail: Promise<void>
  /** Earliest start of the next request to this host. */
  nextAt: number
  blocked: string | null
  /** Least time between two requests to this host. */
  intervalMs: number
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const fetch = options.fetch ?? globalThis.fetch
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  const userAgent = options.userAgent ?? USER_AGENT
  const minIntervalMs = options.minIntervalMs ?? DEFAULTS.minIntervalMs
  const hostIntervalsMs = { ...DEFAULTS.hostIntervalsMs, ...options.hostIntervalsMs }
  const validators = options.validators ?? null
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs
  const offlineProbeMs = options.offlineProbeMs ?? DEFAULTS.offlineProbeMs

  const hosts = new Map<string, HostState>()
  const listeners = new Set<() => void>()
  let online = true

  const hostState = (url: URL): HostState => {
    let state = hosts.get(url.host)
    if (!state) {
      const intervalMs = hostIntervalsMs[url.host] ?? hostIntervalsMs[url.hostname] ?? minIntervalMs
      state = { tail: Promise.resolve(), nextAt: -Infinity, blocked: null, intervalMs }
      hosts.set(url.host, state)
    }
    return state
  }

  const setOnline = (value: boolean) => {
    if (online === value) return
    online = value
    for (const listener of [...listeners]) listener()
  }

  /** One request after another per host: `task` starts when the one before has ended. */
  const inTurn = <T>(state: HostState, task: () => Promise<T>): Promise<T> => {
    const result = state.tail.then(task)
    state.tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  const waitUntil = async (at: number, signal: AbortSignal | undefined) => {
    const wait = at - now()
    if (wait > 0) await sleep(wait, signal)
    throwIfAborted(signal)
  }

  /** After an answer: the host's interval, and longer when its RateLimit headers say so. */
  const spaceNext = (state: HostState, headers?: Headers) => {
    const rateLimited = headers ? rateLimitWaitMs(headers, now()) : null
    state.nextAt = Math.max(state.nextAt, now() + Math.max(state.intervalMs, rateLimited ?? 0))
  }

  const requestHeaders = (url: string, accept: string, conditional: boolean) => {
    const headers: Record<string, string> = { 'user-agent': userAgent, accept }
    const known = conditional ? validators?.get(url) : null
    if (known?.etag) headers['if-none-match'] = known.etag
    if (known?.lastModified) headers['if-modified-since'] = known.lastModified
    return headers
  }

  const answer = (
    url: string,
    response: Response,
    body: Uint8Array,
    keep: boolean,
  ): HttpResponse => {
    const kept = {
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    }
    return {
      url: response.url || url,
      status: response.status,
      headers: response.headers,
      body,
      notModified: response.status === 304,
      keepValidators: () => {
        if (keep && validators && (kept.etag || kept.lastModified)) validators.put(url, kept)
      },
    }
  }

  const attempt = async (
    url: string,
    state: HostState,
    host: string,
    call: Required<Omit<GetOptions, 'signal'>> & { signal: AbortSignal | undefined },
  ): Promise<HttpResponse> => {
    const { signal } = call
    let failures = 0
    let probeWait = offlineProbeMs.first
    for (;;) {
      throwIfAborted(signal)
      if (state.blocked) throw new HttpFailure('forbidden', state.blocked, 403)
      await waitUntil(state.nextAt, signal)

      const timer = new Timer(call.timeoutMs)
      const bodyTimer = new Timer(call.bodyTimeMs, false)
      const abort = AbortSignal.any([...(signal ? [signal] : []), timer.signal, bodyTimer.signal])
      let response: Response
      try {
        response = await fetch(url, {
          headers: requestHeaders(url, call.accept, call.conditional),
          redirect: 'follow',
          signal: abort,
        })
      } catch (error) {
        timer.stop()
        spaceNext(state)
        throwIfAborted(signal)
        if (!timer.fired && !isOfflineError(error)) throw error
        setOnline(false)
        if (call.offline === 'fail') {
          throw new HttpFailure(
            'offline',
            `Margin could not reach ${host}${timer.fired ? ` (no answer within ${seconds(timer.ms)})` : ''}; it may be offline.`,
          )
        }
        await sleep(probeWait, signal)
        probeWait = Math.min(probeWait * 2, offlineProbeMs.max)
        continue
      }
      setOnline(true)
      probeWait = offlineProbeMs.first

      const status = response.status
      if ((status >= 200 && status < 300) || (status === 304 && call.conditional)) {
        bodyTimer.restart()
        try {
          const body =
            status === 304
              ? new Uint8Array(0)
              : await readBody(response, timer, bodyTimer, signal, call.maxBytes)
          return answer(url, response, body, call.conditional && status !== 304)
        } finally {
          timer.stop()
          bodyTimer.stop()
          spaceNext(state, response.headers)
        }
      }
      timer.stop()
      await response.body?.cancel().catch(() => {})
      spaceNext(state, response.headers)

      if (status === 403) {
        state.blocked = `${host} refused Margin's request (403 Forbidden), so Margin asks it nothing more for now.`
        throw new HttpFailure('forbidden', state.blocked, 403)
      }
      if (!RETRIED.has(status)) {
        throw new HttpFailure('status', `${host} answered ${statusLine(status)}.`, status)
      }
      failures += 1
      const asked = retryAfterMs(response.headers.get('retry-after'), now())
      const wait = asked ?? backoffMs * 2 ** (failures - 1)
      // The host's back-off holds for whatever is asked of it next, this call or another.
      state.nextAt = Math.max(state.nextAt, now() + wait)
      if (asked !== null && asked > call.maxRetryAfterMs) {
        throw new HttpFailure(
          'busy',
          `${host} is busy (${statusLine(status)}) and asked Margin to come back in ${Math.ceil(asked / 60_000)} minutes.`,
          status,
          now() + asked,
        )
      }
      if (failures >= call.maxAttempts) {
        throw new HttpFailure(
          'busy',
          `${host} answered ${statusLine(status)} ${failures} times in a row; try again later.`,
          status,
          asked === null ? null : now() + asked,
        )
      }
    }
  }

  return {
    get: (url, { signal, ...asked } = {}) => {
      const parsed = new URL(url)
      const state = hostState(parsed)
      const call = {
        signal,
        accept: asked.accept ?? '*/*',
        offline: asked.offline ?? 'wait',
        conditional: asked.conditional ?? false,
        maxBytes: asked.maxBytes ?? options.maxBytes ?? DEFAULTS.maxBytes,
        timeoutMs: asked.timeoutMs ?? options.timeoutMs ?? DEFAULTS.timeoutMs,
        bodyTimeMs: asked.bodyTimeMs ?? options.bodyTimeMs ?? DEFAULTS.bodyTimeMs,
        maxRetryAfterMs: asked.maxRetryAfterMs ?? maxRetryAfterMs,
        maxAttempts: asked.maxAttempts ?? maxAttempts,
      }
      return inTurn(state, () => attempt(url, state, parsed.host, call))
    },
    get online() {
      return online
    },
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    blockedReason: (host) => hosts.get(host)?.blocked ?? null,
    unblock: (host) => {
      for (const [name, state] of hosts)
        if (host === undefined || name === host) state.blocked = null
    },
  }
}

/** Answers worth asking again after a while: too many requests, and a server that is busy or down. */
const RETRIED = new Set([429, 500, 502, 503, 504])

function statusLine(status: number): string {
  const text = STATUS_CODES[status]
  return text ? `${status} ${text}` : String(status)
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null if absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  const text = value?.trim()
  if (!text) return null
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // Every HTTP date form starts with the day's name ("Mon, 05 Jan 2026 09:00:00 GMT").
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * How long a host's rate-limit headers ask Margin to wait before its next request, in
 * milliseconds from `now`: null unless they say nothing remains. Read in the forms hosts use:
 * `RateLimit: "api";r=0;t=30` (with `RateLimit-Policy: "fixed window";"api";q=500;w=300`, as
 * huggingface.co sends), `RateLimit: limit=100, remaining=0, reset=30`,
 * `RateLimit-Remaining` / `RateLimit-Reset`, and `X-RateLimit-Remaining` / `X-RateLimit-Reset`
 * (seconds to wait, or the reset time in seconds since the epoch).
 */
export function rateLimitWaitMs(headers: Headers, now: number): number | null {
  const windowSeconds = number(/(?:^|;)\s*w=(\d+)/.exec(headers.get('ratelimit-policy') ?? '')?.[1])
  const waits: number[] = []
  for (const item of (headers.get('ratelimit') ?? '').split(',')) {
    const remaining = number(/(?:^|;)\s*r=(\d+)/.exec(item)?.[1])
    if (remaining === 0)
      waits.push(number(/(?:^|;)\s*t=(\d+)/.exec(item)?.[1]) ?? windowSeconds ?? 0)
  }
  const combined = headers.get('ratelimit') ?? ''
  if (number(/\bremaining=(\d+)/.exec(combined)?.[1]) === 0) {
    waits.push(number(/\breset=(\d+)/.exec(combined)?.[1]) ?? windowSeconds ?? 0)
  }
  for (const prefix of ['ratelimit', 'x-ratelimit']) {
    if (number(headers.get(`${prefix}-remaining`)) !== 0) continue
    const reset = number(headers.get(`${prefix}-reset`)) ?? windowSeconds ?? 0
    // A reset past a billion seconds is a time (seconds since the epoch), not a wait.
    waits.push(reset > 1e9 ? Math.max(0, reset - now / 1000) : reset)
  }
  return waits.length ? Math.max(...waits) * 1000 : null
}

const number = (text: string | null | undefined): number | null =>
  text != null && /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null

/** Error codes of a machine that cannot reach the host (no network, no DNS, refused, timed out). */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
])

/** Chromium's errors (Electron's net.fetch: "net::ERR_INTERNET_DISCONNECTED") of the same. */
const OFFLINE_NET_ERRORS =
  /^net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|ADDRESS_UNREACHABLE|CONNECTION_(REFUSED|RESET|CLOSED|ABORTED|FAILED|TIMED_OUT)|TIMED_OUT|NETWORK_CHANGED|NETWORK_IO_SUSPENDED|PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED|EMPTY_RESPONSE)\b/

/**
 * Whether fetch failed for want of a connection: Node's fetch says "fetch failed" and its cause
 * says why; Electron's net.fetch names Chromium's error.
 */
export function isOfflineError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) return true
    if (e instanceof TypeError && message === 'fetch failed') return true
    if (typeof message === 'string' && OFFLINE_NET_ERRORS.test(message)) return true
  }
  return false
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HttpFailure('aborted', 'The request was stopped.')
}

/** A real-time limit that can be (re)started (each piece of a body restarts the idle one). */
class Timer {
  private readonly controller = new AbortController()
  private handle: ReturnType<typeof setTimeout> | undefined
  fired = false

  constructor(
    readonly ms: number,
    start = true,
  ) {
    if (start) this.restart()
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  restart(): void {
    clearTimeout(this.handle)
    this.handle = setTimeout(() => {
      this.fired = true
      this.controller.abort()
    }, this.ms)
  }

  stop(): void {
    clearTimeout(this.handle)
  }
}

async function readBody(
  response: Response,
  timer: Timer,
  bodyTimer: Timer,
  signal: AbortSignal | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  const host = new URL(response.url || 'http://unknown').host
  // With a Content-Encoding, Content-Length counts the compressed bytes, not those read here.
  const lengthHeader = response.headers.get('content-encoding')
    ? null
    : response.headers.get('content-length')
  const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null
  const tooLarge = () =>
    new HttpFailure(
      'too-large',
      `${host} sent more than ${formatBytes(maxBytes)}, more than Margin keeps for one answer.`,
    )
  if (declared !== null && declared > maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let received = 0
  const reader = response.body?.getReader()
  if (reader) {
    try {
      for (;;) {
        timer.restart()
        const { done, value } = await reader.read()
        if (done) break
        received += value.byteLength
        if (received > maxBytes) {
          await reader.cancel().catch(() => {})
          throw tooLarge()
        }
        chunks.push(value)
      }
    } catch (error) {
      if (error instanceof HttpFailure) throw error
      throwIfAborted(signal)
      if (bodyTimer.fired) {
        throw new HttpFailure(
          'too-slow',
          `The answer from ${host} took longer than ${seconds(bodyTimer.ms)} to arrive (${received}${declared === null ? '' : ` of ${declared}`} bytes by then); try again later.`,
        )
      }
      const why = timer.fired ? `stalled (nothing for ${seconds(timer.ms)})` : 'was cut off'
      throw new HttpFailure('cut-off', cutOffMessage(host, why, received, declared))
    }
  }
  if (declared !== null && received !== declared) {
    throw new HttpFailure('cut-off', cutOffMessage(host, 'was cut off', received, declared))
  }
  const body = new Uint8Array(received)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

function cutOffMessage(host: string, why: string, received: number, declared: number | null) {
  const of = declared === null ? '' : ` of ${declared}`
  return `The download from ${host} ${why} after ${received}${of} bytes.`
}
