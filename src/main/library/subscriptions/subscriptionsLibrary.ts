import { isMarginError, MarginError } from '../../../shared/errors'
import type {
  FetchReport,
  FileImportReport,
  RuleEffects,
  Subscription,
  SubscriptionFetchReport,
  SubscriptionKind,
  SubscriptionsStatus,
} from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import { MAX_DIGEST_FILE_BYTES, type DigestSource } from '../import/digestSource'
import { HttpFailure, type HttpClient, type Sleep } from '../net/httpClient'
import { createArxivFetcher } from './arxivFetcher'
import type { FetchContext, Fetcher } from './fetcher'
import { createHfDailyFetcher } from './hfDailyFetcher'
import { createScheduler, nextAttemptAt } from './scheduler'
import { subscriptionLabel, validArxivQuery, validSince } from './subscriptionQuery'
import { createSubscriptionsRepo, type SubscriptionRow } from './subscriptions.repo'

export const DEFAULT_INTERVAL_HOURS = 6
export const MIN_INTERVAL_HOURS = 1
export const MAX_INTERVAL_HOURS = 168
const HOUR_MS = 3_600_000
/**
 * The longest Retry-After a pass waits out; a host asking for longer fails the subscription for
 * now, and the scheduler comes back when it asked (the CLI's fetch never sits silent for long).
 */
const MAX_RETRY_AFTER_WAIT_MS = 2 * 60_000
/** A busy host (429/5xx) is asked once more, then the scheduler's back-off takes over. */
const MAX_ATTEMPTS = 2

export interface SubscriptionsDeps {
  db: Db
  /** The library's one HTTP client (shared with the PDF downloads). */
  client: HttpClient
  now: () => number
  sleep: Sleep
  /** Without a trailing slash: https://huggingface.co, https://export.arxiv.org. */
  hfBaseUrl: string
  arxivBaseUrl: string
  /** Imports one fetched answer (the library's import path): its report and the papers it added. */
  importAnswer: (source: DigestSource) => { report: FileImportReport; addedIds: number[] }
  /** Whether the library has the paper with this arXiv id. */
  isKnown: (arxivId: string) => boolean
  /** What the saved searches' rules do to papers a subscription just added. */
  applyRules: (newIds: readonly number[]) => RuleEffects
}

/**
 * What the library follows while online (`library.subscriptions`): the subscriptions (add,
 * remove, status), a fetch pass over them (one subscription after another; a failure or an
 * offline machine ends only that subscription's part, said in the report and kept as its last
 * failure), and the schedule that runs passes while the app runs (start, stop). Nothing
 * touches the network before `start()`, `fetch()` or `fetchNow()`.
 */
export function createSubscriptionsLibrary(deps: SubscriptionsDeps) {
  const { db, client, now } = deps
  const repo = createSubscriptionsRepo(db)
  const fetchers: Record<SubscriptionKind, Fetcher> = {
    'hf-daily': createHfDailyFetcher({ baseUrl: deps.hfBaseUrl }),
    arxiv: createArxivFetcher({ baseUrl: deps.arxivBaseUrl, isKnown: deps.isKnown }),
  }
  const changeListeners = new Set<(status: SubscriptionsStatus) => void>()
  const fetchedListeners = new Set<(report: FetchReport) => void>()
  /** Failed or offline passes in a row, per subscription (the back-off). */
  const misses = new Map<number, number>()

  let fetching: SubscriptionsStatus['fetching'] = null
  let online = true
  let running: Promise<FetchReport> | null = null

  const intervalHours = () => repo.intervalHours() ?? DEFAULT_INTERVAL_HOURS

  const status = (): SubscriptionsStatus => ({
    subscriptions: repo.list().map(toSubscription),
    fetching,
    online,
    intervalHours: intervalHours(),
  })

  const notify = () => {
    if (changeListeners.size === 0 || !db.open) return
    const now = status()
    for (const listener of [...changeListeners]) listener(now)
  }

  const requireSubscription = (id: number): SubscriptionRow => {
    const row = repo.get(id)
    if (!row) throw new MarginError('NOT_FOUND', `There is no subscription with id ${id}.`)
    return row
  }

  /** One subscription's part of a pass: what it brought, or why not. Never throws for its failure. */
  const fetchOne = async (row: SubscriptionRow, signal: AbortSignal) => {
    const report: SubscriptionFetchReport = {
      id: row.id,
      label: subscriptionLabel(row.kind, row.query),
      requests: 0,
      digests: [],
      added: 0,
      merged: 0,
      failure: null,
      offline: false,
    }
    const newIds: number[] = []
    const context: FetchContext = {
      now,
      get: (url, accept) => {
        report.requests += 1
        return client.get(url, {
          signal,
          accept,
          offline: 'fail',
          conditional: true,
          maxBytes: MAX_DIGEST_FILE_BYTES,
          maxRetryAfterMs: MAX_RETRY_AFTER_WAIT_MS,
          maxAttempts: MAX_ATTEMPTS,
        })
      },
      importAnswer: (source, what) => {
        const { report: file, addedIds } = deps.importAnswer(source)
        if (!file.ok) {
          throw new MarginError(
            'SOURCE_ERROR',
            `Margin could not import ${what}: ${file.error.message}`,
          )
        }
        // The same answer as before (same bytes): it changed nothing.
        if (file.alreadyImported) return
        for (const digest of file.digests) {
          const same = report.digests.find((d) => d.date === digest.date)
          if (same) same.papers += digest.papers
          else report.digests.push({ ...digest })
        }
        report.added += file.added
        report.merged += file.alreadyPresent
        newIds.push(...addedIds)
      },
      advance: (cursor) => repo.setCursor(row.id, cursor),
    }
    /** When the host asked to be asked again (a 429's or 503's Retry-After), if it said. */
    let retryAt: number | null = null
    try {
      await fetchers[row.kind](row, context)
    } catch (error) {
      if (signal.aborted) return { report, newIds, retryAt, stopped: true }
      if (isOffline(error)) report.offline = true
      else report.failure = failureSentence(error)
      if (error instanceof HttpFailure) retryAt = error.retryAt
    }
    return { report, newIds, retryAt, stopped: false }
  }

  /** Keeps the outcome with the subscription: last success or failure, and when to try next. */
  const record = ({ id, failure, offline }: SubscriptionFetchReport, retryAt: number | null) => {
    const at = now()
    const missed = failure !== null || offline ? (misses.get(id) ?? 0) + 1 : 0
    misses.set(id, missed)
    const next = Math.max(nextAttemptAt(at, intervalHours() * HOUR_MS, missed), retryAt ?? at)
    if (failure !== null) repo.failed(id, failure, at, next)
    else if (offline) repo.setNextAttempt(id, next)
    else repo.succeeded(id, at, next)
    online = !offline
  }

  const pass = async (rows: readonly SubscriptionRow[], signal: AbortSignal) => {
    const result: FetchReport = {
      subscriptions: [],
      rules: { previous: [], tagged: [], queued: [] },
    }
    // Nothing due any more (a pass asked for in the meantime fetched them): nothing to tell.
    if (rows.length === 0) return result
    try {
      for (const row of rows) {
        if (signal.aborted || !db.open) break
        fetching = { id: row.id, label: subscriptionLabel(row.kind, row.query) }
        notify()
        const { report, newIds, retryAt, stopped } = await fetchOne(row, signal)
        if (!db.open) break
        // Stopped halfway: what it imported still meets the rules; its outcome is not kept.
        if (!stopped && repo.get(row.id)) record(report, retryAt)
        result.subscriptions.push(report)
        if (newIds.length > 0) {
          const effects = deps.applyRules(newIds)
          result.rules.previous.push(...effects.previous)
          result.rules.tagged.push(...effects.tagged)
          result.rules.queued.push(...effects.queued)
        }
      }
    } finally {
      fetching = null
      notify()
    }
    if (!signal.aborted) for (const listener of [...fetchedListeners]) listener(result)
    return result
  }

  /** Stops the passes started by fetch and fetchNow (the scheduler stops its own). */
  const stopping = new Set<AbortController>()

  /** Runs a pass over `rows` once the running one (if any) has ended. */
  const exclusive = (rows: () => SubscriptionRow[], signal?: AbortSignal) => {
    const stop = new AbortController()
    stopping.add(stop)
    const start = () => pass(rows(), signal ? AbortSignal.any([signal, stop.signal]) : stop.signal)
    // Started at once when nothing runs, so the status says what is being fetched right away.
    const next = running ? running.then(start, start) : start()
    running = next
    const clear = () => {
      stopping.delete(stop)
      if (running === next) running = null
    }
    next.then(clear, clear)
    return next
  }

  const selected = (ids: readonly number[] | undefined) => () =>
    ids === undefined ? repo.list() : ids.flatMap((id) => repo.get(id) ?? [])

  const scheduler = createScheduler({
    now,
    sleep: deps.sleep,
    nextDue: () => {
      const rows = repo.list()
      if (rows.length === 0) return undefined
      return rows.some((row) => row.next_attempt_at === null)
        ? null
        : Math.min(...rows.map((row) => row.next_attempt_at!))
    },
    runDue: async (signal) => {
      const due = () =>
        repo.list().filter((row) => row.next_attempt_at === null || row.next_attempt_at <= now())
      await exclusive(due, signal)
    },
  })

  return {
    status,

    /**
     * Follows the Hugging Face daily papers list, or an arXiv category, archive or query (refused
     * with the reason when arXiv would not read it), from `since` (default: 3 days ago).
     */
    add: ({
      kind,
      query,
      since,
    }: {
      kind: SubscriptionKind
      query?: string | undefined
      since?: string | undefined
    }): SubscriptionsStatus => {
      const text = kind === 'arxiv' ? validArxivQuery(query ?? '') : null
      if (kind === 'hf-daily' && query?.trim()) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          'The Hugging Face daily papers list takes no query; it brings each day’s whole list.',
        )
      }
      const first = validSince(since, now())
      const existing = repo.find(kind, text)
      if (existing) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          `You follow ${subscriptionLabel(kind, text)} already (subscription ${existing.id}).`,
        )
      }
      repo.insert(kind, text, first, now())
      notify()
      scheduler.wake()
      return status()
    },

    /** Stops following it; the papers it brought stay. */
    remove: (id: number): SubscriptionsStatus => {
      if (!repo.remove(id)) {
        throw new MarginError('NOT_FOUND', `There is no subscription with id ${id}.`)
      }
      misses.delete(id)
      notify()
      return status()
    },

    /** Hours between two passes while the app runs; the next ones move with it. */
    setInterval: (hours: number): SubscriptionsStatus => {
      if (!Number.isInteger(hours) || hours < MIN_INTERVAL_HOURS || hours > MAX_INTERVAL_HOURS) {
        throw new MarginError(
          'INVALID_ARGUMENT',
          `The interval is a whole number of hours from ${MIN_INTERVAL_HOURS} to ${MAX_INTERVAL_HOURS}; ${hours} is not.`,
        )
      }
      db.transaction(() => {
        repo.setIntervalHours(hours)
        for (const row of repo.list()) {
          if (row.last_success_at !== null && row.last_failure === null) {
            repo.setNextAttempt(row.id, row.last_success_at + hours * HOUR_MS)
          }
        }
      })()
      notify()
      scheduler.wake()
      return status()
    },

    /**
     * One pass now over these subscriptions (all when none are given), in order, after the one
     * running if any; resolves with what each brought and what the rules did.
     */
    fetch: async (ids?: readonly number[]): Promise<FetchReport> => {
      ids?.forEach(requireSubscription)
      return exclusive(selected(ids))
    },

    /**
     * Starts a pass in the background unless one is running; answers the status at once. The
     * person asked: a host that refused earlier (403) is asked again.
     */
    fetchNow: (ids?: readonly number[]): SubscriptionsStatus => {
      ids?.forEach(requireSubscription)
      for (const base of [deps.hfBaseUrl, deps.arxivBaseUrl]) client.unblock(new URL(base).host)
      if (!running) void exclusive(selected(ids))
      return status()
    },

    /** Told when fetching moves on (a subscription starts or ends, online or not, a change). */
    onChange: (listener: (status: SubscriptionsStatus) => void) => {
      changeListeners.add(listener)
      return () => changeListeners.delete(listener)
    },

    /** Told as each pass ends, with its report. */
    onFetched: (listener: (report: FetchReport) => void) => {
      fetchedListeners.add(listener)
      return () => fetchedListeners.delete(listener)
    },

    /** Fetches while the app runs: a first pass a minute after start, then as subscriptions fall due. */
    start: () => scheduler.start(),
    /** Stops the schedule and any pass that runs; resolves when they have. */
    stop: async () => {
      for (const stop of stopping) stop.abort()
      await scheduler.stop()
      await running?.catch(() => {})
    },
  }
}

export type SubscriptionsLibrary = ReturnType<typeof createSubscriptionsLibrary>

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    kind: row.kind,
    query: row.query,
    label: subscriptionLabel(row.kind, row.query),
    since: row.since,
    createdAt: row.created_at,
    lastSuccessAt: row.last_success_at,
    lastFailure:
      row.last_failure === null
        ? null
        : { at: row.last_failure_at ?? row.created_at, message: row.last_failure },
    nextAttemptAt: row.next_attempt_at,
  }
}

function isOffline(error: unknown): boolean {
  return error instanceof HttpFailure && error.kind === 'offline'
}

function failureSentence(error: unknown): string {
  if (error instanceof HttpFailure || isMarginError(error)) return error.message
  return `Fetching failed: ${error instanceof Error ? error.message : String(error)}.`
}
