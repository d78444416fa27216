import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { CHANNELS, type Channel, type IpcResult } from '../../shared/ipc'
import type { Api, ApiDeps } from '../api'
import { isTrustedSender, type SenderFrame } from '../security/sender'
import { dispatch } from './dispatch'

export interface AppPage {
  /** The URL Margin's window loads. */
  url: string
  isAppWindow: (contents: WebContents) => boolean
}

/** Serves the handler table on ipcMain, to Margin's own page only. */
export function registerIpc(api: Api, page: AppPage): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown) => {
      if (isTrustedSender(senderFrame(event, page), page.url)) {
        return dispatch(api, channel, request)
      }
      console.warn(`[margin] refused ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`)
      return forbidden(channel)
    })
  }
}

/** Pushes events to Margin's window, when it has one. */
export function createEmitter(currentWindow: () => BrowserWindow | undefined): ApiDeps['emit'] {
  return (event, payload) => currentWindow()?.webContents.send(event, payload)
}

function senderFrame(event: IpcMainInvokeEvent, page: AppPage): SenderFrame | null {
  const frame = event.senderFrame
  if (!frame) return null
  return {
    url: frame.url,
    isTopFrame: frame.parent === null,
    inAppWindow: page.isAppWindow(event.sender),
  }
}

function forbidden(channel: Channel): IpcResult<never> {
  return {
    ok: false,
    error: { code: 'FORBIDDEN', message: `Only Margin's own window may call ${channel}.` },
  }
}
