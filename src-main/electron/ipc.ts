/**
 * The IPC side of the contract: one `api` channel forwarding to the core dispatcher (and `host.*`
 * operations to the desktop host), and one `event` channel pushing core events to the window. Every call's sender is checked first
 * (VS Code's validated IPC): only our own top-level app:// page may talk to the core.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/app'
import type { ApiResult } from '../shared/errors'
import { isAppUrl } from './app-origin'
import type { HostDispatch } from './host'

export const API_CHANNEL = 'api'
export const EVENT_CHANNEL = 'event'

export const REFUSED = { ok: false, error: { code: 'VALIDATION', message: '拒绝来自未知页面的调用' } } as const satisfies ApiResult<never>

/** The sender must be a top-level frame (not an iframe) showing our own app:// origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  const topLevel = frame === event.sender.mainFrame || frame.parent === null
  return topLevel && isAppUrl(frame.url)
}

/** The `api` handler, separate from its registration so it can be exercised directly. */
export function apiHandler(core: Pick<Core, 'dispatch'>, host?: HostDispatch) {
  return async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event)) {
      console.warn('[ipc] 拒绝来自未知页面的调用', event.senderFrame?.url ?? '(已关闭的页面)', String(name))
      return REFUSED
    }
    if (typeof name !== 'string') return { ok: false, error: { code: 'VALIDATION', message: '操作名称必须是文字' } }
    if (host && name.startsWith('host.')) return host(name, input)
    return core.dispatch(name, input)
  }
}

/** Registers `ipcMain.handle('api', …)`; returns the function that removes it. */
export function registerApiHandler(core: Pick<Core, 'dispatch'>, host?: HostDispatch): () => void {
  ipcMain.handle(API_CHANNEL, apiHandler(core, host))
  return () => ipcMain.removeHandler(API_CHANNEL)
}

/** Pushes core events (progress…) to the window; returns the unsubscribe function. */
export function forwardEvents(core: Pick<Core, 'onEvent'>, window: BrowserWindow): () => void {
  return core.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event)
  })
}
