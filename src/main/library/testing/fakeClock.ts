import type { Sleep } from '../net/httpClient'

/**
 * A clock for the network's tests: `sleep` moves the time forward at once instead of waiting
 * (after a turn of the event loop, so real I/O such as a local server keeps going), and every
 * wait is kept in `sleeps`. Waits run one after another, so the time is the sum of them.
 */
export function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let time = start
  const sleeps: number[] = []
  const sleep: Sleep = async (ms, signal) => {
    sleeps.push(ms)
    await new Promise((resolve) => setImmediate(resolve))
    if (!signal?.aborted) time += ms
  }
  return {
    now: () => time,
    sleep,
    sleeps,
    advance: (ms: number) => {
      time += ms
    },
  }
}
