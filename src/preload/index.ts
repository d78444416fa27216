import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createBridge } from '../shared/bridge'
import { BRIDGE_GLOBAL, CHANNELS, EVENT_NAMES, PDF_URL_BASE } from '../shared/ipc'

// The page gets one function per channel and `on` for Margin's events; never ipcRenderer itself.
const bridge = createBridge(
  CHANNELS,
  (channel, request) => ipcRenderer.invoke(channel, request),
  (event, listener) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`"${event}" is not a Margin event.`)
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
  PDF_URL_BASE,
)

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
