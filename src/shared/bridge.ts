import type { Channel, EventName, IpcEvents, IpcResult, MarginBridge } from './ipc'

type Invoke = (channel: Channel, request: unknown) => Promise<IpcResult<unknown>>
type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

/**
 * Builds `window.margin` from a transport: one function per channel plus `on` and `pdfUrl`.
 * The preload passes Electron's ipcRenderer and the pdf protocol; the e2e harness passes a
 * Playwright binding and an http URL its page.route serves with the same handler (Chromium
 * fetches no unknown scheme, so a route cannot catch the app's own).
 */
export function createBridge(
  channels: readonly Channel[],
  invoke: Invoke,
  subscribe: Subscribe,
  pdfUrlBase: string,
): MarginBridge {
  const bridge: Record<string, unknown> = {
    on: <E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void) =>
      subscribe(event, listener as (payload: unknown) => void),
    // A hash is hex; anything else never reaches the protocol as a path.
    pdfUrl: (sha256: string) => pdfUrlBase + encodeURIComponent(sha256),
  }
  for (const channel of channels) bridge[channel] = (request: unknown) => invoke(channel, request)
  return bridge as MarginBridge
}
