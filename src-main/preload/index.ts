/**
 * The preload (sandboxed, CommonJS): exposes exactly `window.onsite.invoke`, `window.onsite.onEvent`
 * and `window.onsite.pathForFile` — never ipcRenderer itself, so the page can reach nothing but the
 * two channels the main process validates.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
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
  /**
   * The path of a file dropped on the window (File.path is gone since Electron 32); '' for a File
   * the page made itself. The path then goes to materials.import, which checks it like any other.
   */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  },
}

contextBridge.exposeInMainWorld('onsite', onsite)
