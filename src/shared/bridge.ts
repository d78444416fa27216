import type { Channel, EventName, IpcEvents, IpcResult, MarginBridge } from './ipc'

type Invoke = (channel: Channel, request: unknown) => Promise<IpcResult<unknown>>
type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

/**
 * Builds `window.margin` from a transport: one function per channel plus `on`. The preload
 * passes Electron's ipcRenderer; the e2e harness passes a Playwright binding.
 */
export function createBridge(
  channels: readonly Channel[],
  invoke: Invoke,
  subscribe: Subscribe,
): MarginBridge {
  const bridge: Record<string, unknown> = {
    on: <E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void) =>
      subscribe(event, listener as (payload: unknown) => void),
  }
  for (const channel of channels) bridge[channel] = (request: unknown) => invoke(channel, request)
  return bridge as MarginBridge
}
