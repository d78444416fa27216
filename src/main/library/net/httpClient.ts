import { STATUS_CODES } from 'node:http'
import { version } from '../../../../package.json'

/**
 * The one module of Margin that talks to the network. A polite client, as arXiv asks
 * (https://info.arxiv.org/help/robots.html): one request at a time per host, at least 3 s
 * between requests to a host, a User-Agent naming Margin and its version, back-off on 429 and
 * 503 honouring Retry-After, never a retry after a 403 (the host is left alone from then on,
 * with the reason), and a bounded number of attempts. A machine that cannot connect is
 * "offline": a state, not a failure; the request waits quietly, probes again with back-off,
 * and goes on when the network is back. Clock, sleep and fetch are dependencies, so tests run
 * on a fake clock.
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
}

export const DEFAULTS = {
  minIntervalMs: 3_000,
  maxAttempts: 4,
  backoffMs: 5_000,
  maxRetryAfterMs: 60 * 60_000,
  offlineProbeMs: { first: 5_000, max: 5 * 60_000 },
  maxBytes: 200 * 1024 * 1024,
  timeoutMs: 60_000,
} as const

export interface HttpResponse {
  /** The URL that answered, after redirects. */
  url: string
  status: number
  headers: Headers
  body: Uint8Array
}

/**
 * Why a request gave no body: `forbidden` (a 403: the host is not asked again), `status`
 * (another answer that retrying does not change, such as 404), `busy` (429/5xx until the
 * attempts ran out, or a Retry-After too long to wait), `too-large`, `cut-off` (the body ended
 * or stalled before its announced length), `aborted` (the caller's signal).
 */
export type HttpFailureKind = 'forbidden' | 'status' | 'busy' | 'too-large' | 'cut-off' | 'aborted'

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
  get: (url: string, options?: { signal?: AbortSignal; accept?: string }) => Promise<HttpResponse>
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
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const fetch = options.fetch ?? globalThis.fetch
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  const userAgent = options.userAgent ?? USER_AGENT
  const minIntervalMs = options.minIntervalMs ?? DEFAULTS.minIntervalMs
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts
  const backoffMs = options.backoffMs ?? DEFAULTS.backoffMs
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs
  const offlineProbeMs = options.offlineProbeMs ?? DEFAULTS.offlineProbeMs
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs

  const hosts = new Map<string, HostState>()
  const listeners = new Set<() => void>()
  let online = true

  const hostState = (host: string): HostState => {
    let state = hosts.get(host)
    if (!state) {
      state = { tail: Promise.resolve(), nextAt: -Infinity, blocked: null }
      hosts.set(host, state)
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

  const attempt = async (
    url: string,
    state: HostState,
    host: string,
    signal: AbortSignal | undefined,
    accept: string,
  ): Promise<HttpResponse> => {
    let failures = 0
    let probeWait = offlineProbeMs.first
    for (;;) {
      throwIfAborted(signal)
      if (state.blocked) throw new HttpFailure('forbidden', state.blocked, 403)
      await waitUntil(state.nextAt, signal)

      const timer = new Timer(timeoutMs)
      const abort = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal
      let response: Response
      try {
        response = await fetch(url, {
          headers: { 'user-agent': userAgent, accept },
          redirect: 'follow',
          signal: abort,
        })
      } catch (error) {
        timer.stop()
        state.nextAt = now() + minIntervalMs
        throwIfAborted(signal)
        if (!timer.fired && !isOfflineError(error)) throw error
        setOnline(false)
        await sleep(probeWait, signal)
        probeWait = Math.min(probeWait * 2, offlineProbeMs.max)
        continue
      }
      setOnline(true)
      probeWait = offlineProbeMs.first

      const status = response.status
      if (status >= 200 && status < 300) {
        try {
          const body = await readBody(response, timer, signal, maxBytes)
          return { url: response.url || url, status, headers: response.headers, body }
        } finally {
          timer.stop()
          state.nextAt = now() + minIntervalMs
        }
      }
      timer.stop()
      await response.body?.cancel().catch(() => {})
      state.nextAt = now() + minIntervalMs

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
      if (asked !== null && asked > maxRetryAfterMs) {
        throw new HttpFailure(
          'busy',
          `${host} is busy (${statusLine(status)}) and asked Margin to come back in ${Math.ceil(asked / 60_000)} minutes.`,
          status,
          now() + asked,
        )
      }
      if (failures >= maxAttempts) {
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
    get: (url, { signal, accept = '*/*' } = {}) => {
      const host = new URL(url).host
      const state = hostState(host)
      return inTurn(state, () => attempt(url, state, host, signal, accept))
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

/** Whether fetch failed for want of a connection (Node's fetch says "fetch failed", the cause says why). */
export function isOfflineError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && OFFLINE_CODES.has(code)) return true
    if (e instanceof TypeError && message === 'fetch failed') return true
  }
  return false
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HttpFailure('aborted', 'The request was stopped.')
}

/** A real-time limit that can be restarted (each piece of a body restarts it). */
class Timer {
  private readonly controller = new AbortController()
  private handle: ReturnType<typeof setTimeout> | undefined
  fired = false

  constructor(readonly ms: number) {
    this.restart()
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
      `${host} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB, more than Margin keeps for one file.`,
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
