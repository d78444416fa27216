import { isMarginError } from '../../shared/errors'
import {
  CHANNELS,
  type Channel,
  type IpcResult,
  type RequestOf,
  type ResponseOf,
} from '../../shared/ipc'
import type { Api } from '../api'
import { REQUEST_SCHEMAS } from './requestSchemas'

/**
 * Validates a request and runs its handler. Every outcome is a value: a raw exception never
 * crosses to the window. Electron's ipcMain and the e2e bridge both call this.
 */
export async function dispatch(
  api: Api,
  channel: string,
  request: unknown,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return failure('INVALID_REQUEST', `"${channel}" is not something Margin can do.`)
  }
  const parsed = REQUEST_SCHEMAS[channel].safeParse(request)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    return failure(
      'INVALID_REQUEST',
      `The request to ${channel} was refused${where}: ${issue?.message ?? 'wrong shape'}.`,
    )
  }
  try {
    return { ok: true, value: await call(api, channel, parsed.data) }
  } catch (error) {
    if (isMarginError(error)) return failure(error.code, error.message)
    console.error(`[margin] ${channel} failed`, error)
    return failure(
      'INTERNAL',
      `Margin could not complete ${channel}: ${String(error)}. Nothing was changed.`,
    )
  }
}

function call<C extends Channel>(
  api: Api,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> | ResponseOf<C> {
  return (api[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>)(
    request,
  )
}

function isChannel(channel: string): channel is Channel {
  return (CHANNELS as string[]).includes(channel)
}

function failure(code: Extract<IpcResult<never>, { ok: false }>['error']['code'], message: string) {
  return { ok: false as const, error: { code, message } }
}
