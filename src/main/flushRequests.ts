import type { EventName, IpcEvents } from '../shared/ipc'

/** Quitting never waits longer than this for a window that does not answer. */
const FLUSH_TIMEOUT_MS = 2_000

/**
 * Asks the window to save what it has pending (a note typed within the autosave pause) and
 * waits for its answer, so quitting, closing the window or shutting down loses nothing.
 */
export function createFlushRequests(
  emit: <E extends EventName>(event: E, payload: IpcEvents[E]) => void,
  timeoutMs = FLUSH_TIMEOUT_MS,
) {
  const waiting = new Map<number, () => void>()
  let lastId = 0
  return {
    /** Resolves true when the window answered, false when it did not within the timeout. */
    request(): Promise<boolean> {
      const requestId = ++lastId
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(requestId)
          resolve(false)
        }, timeoutMs)
        waiting.set(requestId, () => {
          clearTimeout(timer)
          waiting.delete(requestId)
          resolve(true)
        })
        emit('app:flushRequested', { requestId })
      })
    },
    /** The window's answer (app:flushed); unknown or late answers are ignored. */
    settle(requestId: number): void {
      waiting.get(requestId)?.()
    },
  }
}

export type FlushRequests = ReturnType<typeof createFlushRequests>
