import { describe, expect, it } from 'vitest'
import { fakeClock } from '../testing/fakeClock'
import { createScheduler, FIRST_PASS_DELAY_MS, FIRST_RETRY_MS, nextAttemptAt } from './scheduler'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Lets the scheduler's loop run (a fake clock's sleep takes a turn of the event loop) until `done`. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  expect(done()).toBe(true)
}

describe('nextAttemptAt', () => {
  it('comes an interval after a success, and 15 min, 30, 60 … (at most the interval) after misses', () => {
    const at = Date.UTC(2026, 10, 30, 9)
    expect(nextAttemptAt(at, 6 * HOUR, 0) - at).toBe(6 * HOUR)
    expect([1, 2, 3, 4, 5, 6, 9].map((misses) => nextAttemptAt(at, 6 * HOUR, misses) - at)).toEqual(
      [15, 30, 60, 120, 240, 360, 360].map((minutes) => minutes * MINUTE),
    )
    expect(nextAttemptAt(at, HOUR, 3) - at).toBe(HOUR)
    expect(FIRST_RETRY_MS).toBe(15 * MINUTE)
  })
})

describe('createScheduler', () => {
  it('runs its first pass a minute after start, never on the start-up path, then each time one is due', async () => {
    const clock = fakeClock()
    const start = clock.now()
    let due: number | null | undefined = null
    const passes: number[] = []
    const scheduler = createScheduler({
      now: clock.now,
      sleep: clock.sleep,
      nextDue: () => due,
      runDue: async () => {
        passes.push(clock.now() - start)
        // A failure, then the back-off, then a success and the interval.
        due = clock.now() + [FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 6 * HOUR][passes.length - 1]!
        if (passes.length === 4) void scheduler.stop()
      },
    })
    scheduler.start()
    expect(passes).toEqual([])
    await until(() => passes.length === 4)
    expect(passes).toEqual([
      FIRST_PASS_DELAY_MS,
      FIRST_PASS_DELAY_MS + 15 * MINUTE,
      FIRST_PASS_DELAY_MS + 45 * MINUTE,
      FIRST_PASS_DELAY_MS + 45 * MINUTE + 6 * HOUR,
    ])
    await scheduler.stop()
    expect(scheduler.running).toBe(false)
  })

  it('with nothing to follow it makes no pass; a subscription added wakes it', async () => {
    const clock = fakeClock()
    let due: number | null | undefined = undefined
    const passes: number[] = []
    const scheduler = createScheduler({
      now: clock.now,
      sleep: clock.sleep,
      nextDue: () => due,
      runDue: async () => {
        passes.push(clock.now())
        due = clock.now() + 6 * HOUR
      },
    })
    scheduler.start()
    await until(() => clock.sleeps.length >= 5)
    expect(passes).toEqual([])
    due = null
    scheduler.wake()
    await until(() => passes.length === 1)
    await scheduler.stop()
    const after = clock.sleeps.length
    await new Promise((resolve) => setImmediate(resolve))
    expect(clock.sleeps.length).toBe(after)
  })

  it('stops the pass that runs and resolves once it has', async () => {
    const clock = fakeClock()
    let aborted = false
    let running = false
    const scheduler = createScheduler({
      now: clock.now,
      sleep: clock.sleep,
      nextDue: () => null,
      runDue: (signal) => {
        running = true
        return new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true
            resolve()
          }),
        )
      },
    })
    scheduler.start()
    await until(() => running)
    await scheduler.stop()
    expect(aborted).toBe(true)
  })
})
