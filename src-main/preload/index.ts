/**
 * The preload (sandboxed, CommonJS): exposes exactly `window.onsite.invoke` and
 * `window.onsite.onEvent` — never ipcRenderer itself, so the page can reach nothing but the two
 * channels the main process validates.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiResult } from '../shared/errors'
import type { AppEvent } from '../shared/events'

const onsite = {
  invoke(name: string, input: unknown): Promise<ApiResult<unknown>> {
    return ipcRenderer.invoke('api', name, input)
  },
  onEvent(listener: (event: AppEvent) => void): () => void {
    // Hand the page the payload only, never the IpcRendererEvent (it carries `sender`).
    const relay = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload)
    ipcRenderer.on('event', relay)
    return () => {
      ipcRenderer.removeListener('event', relay)
    }
  },
}

contextBridge.exposeInMainWorld('onsite', onsite)
