import type { Sleep } from '../net/httpClient'

/** The first pass comes this long after start, off the start-up path. */
export const FIRST_PASS_DELAY_MS = 60_000
/** A failed (or offline) subscription is tried again after 15 minutes, then 30, 60, … up to the interval. */
export const FIRST_RETRY_MS = 15 * 60_000

/** When a subscription is fetched next after a pass: the interval after a success, else its back-off. */
export function nextAttemptAt(
  at: number,
  intervalMs: number,
  /** Failed or offline passes in a row, this one counted; 0 after a success. */
  misses: number,
): number {
  if (misses === 0) return at + intervalMs
  return at + Math.min(FIRST_RETRY_MS * 2 ** (misses - 1), intervalMs)
}

/** The longest nap between two looks at the subscriptions' times (timers take at most ~24 days). */
const MAX_NAP_MS = 60 * 60_000

export interface SchedulerDeps {
  now: () => number
  sleep: Sleep
  /** The earliest time a subscription is due (null: none planned: due now; undefined: no subscriptions). */
  nextDue: () => number | null | undefined
  /** Runs a pass over the subscriptions due now (unless one is running); resolves when it ends. */
  runDue: (signal: AbortSignal) => Promise<void>
  firstPassDelayMs?: number
}

/**
 * Fetching while the app runs: a first pass a little after start, then each subscription when
 * it is due (its next attempt: the interval after a success, a back-off after a failure). It
 * sleeps until the earliest one; `wake()` (a subscription added, the interval changed) makes it
 * look again. Nothing touches the network before `start()`.
 */
export function createScheduler({
  now,
  sleep,
  nextDue,
  runDue,
  firstPassDelayMs = FIRST_PASS_DELAY_MS,
}: SchedulerDeps) {
  let loop: Promise<void> | null = null
  let stopping: AbortController | null = null
  let napping: AbortController | null = null

  const nap = async (ms: number, stop: AbortSignal) => {
    napping = new AbortController()
    await sleep(Math.max(0, ms), AbortSignal.any([stop, napping.signal]))
    napping = null
  }

  const run = async (stop: AbortSignal) => {
    // A wake before the first pass does not bring it forward: it stays off the start-up path.
    await sleep(firstPassDelayMs, stop)
    while (!stop.aborted) {
      const due = nextDue()
      if (due !== undefined && (due === null || due <= now())) {
        await runDue(stop)
        continue
      }
      // With nothing to follow it naps until woken (a subscription added), looking now and then.
      await nap(Math.min(due === undefined ? MAX_NAP_MS : due - now(), MAX_NAP_MS), stop)
    }
  }

  return {
    start: () => {
      if (loop) return
      stopping = new AbortController()
      loop = run(stopping.signal).catch((error: unknown) => {
        console.error('[margin] fetching subscriptions stopped', error)
      })
    },
    /** Stops the schedule (and the pass that runs); resolves when it has. */
    stop: async () => {
      stopping?.abort()
      await loop
      loop = null
      stopping = null
    },
    /** Looks at the subscriptions' times again (one was added, the interval changed). */
    wake: () => napping?.abort(),
    get running() {
      return loop !== null
    },
  }
}
