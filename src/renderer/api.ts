import type {
  Channel,
  EventName,
  IpcError,
  IpcEvents,
  MarginBridge,
  RequestOf,
  ResponseOf,
} from '../shared/ipc'

declare global {
  interface Window {
    margin?: MarginBridge
  }
}

/** A refused or failed call, with the sentence to show the person. */
export class ApiError extends Error {
  readonly code: IpcError['code']

  constructor(error: IpcError) {
    super(error.message)
    this.code = error.code
  }
}

function bridge(): MarginBridge {
  if (!window.margin) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'Margin cannot reach its library: the window was opened outside the app.',
    })
  }
  return window.margin
}

/** The only way the renderer talks to the main process. */
export async function call<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const invoke = bridge()[channel] as (request: RequestOf<C>) => ReturnType<MarginBridge[C]>
  const result = await invoke(request)
  if (!result.ok) throw new ApiError(result.error)
  return result.value as ResponseOf<C>
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: IpcEvents[E]) => void,
): () => void {
  return bridge().on(event, listener)
}

/** Where the window reads a stored PDF's bytes (the app's pdf protocol), by its SHA-256. */
export function pdfUrl(sha256: string): string {
  return bridge().pdfUrl(sha256)
}
