import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFlushRequests } from './flushRequests'

afterEach(() => vi.useRealTimers())

describe('flush requests before quitting', () => {
  it('asks the window and resolves when it answers', async () => {
    const asked: number[] = []
    const flushes = createFlushRequests((_event, payload) =>
      asked.push((payload as { requestId: number }).requestId),
    )
    const answered = flushes.request()
    expect(asked).toEqual([1])
    flushes.settle(1)
    expect(await answered).toBe(true)
  })

  it('gives up after the timeout when the window does not answer, and ignores late answers', async () => {
    vi.useFakeTimers()
    const flushes = createFlushRequests(() => {}, 2_000)
    const answered = flushes.request()
    vi.advanceTimersByTime(1_999)
    flushes.settle(7) // not a request it made
    vi.advanceTimersByTime(1)
    expect(await answered).toBe(false)
    flushes.settle(1) // too late: nothing happens
  })
})
