/**
 * The renderer's typed API client. Inside Electron it calls the preload's `invoke` (IPC); in a
 * plain browser it POSTs to the local bridge. Views only ever see `api.<ns>.<op>(input)`.
 */
import { createApiClient, createClient, type Invoke } from '@shared/client'
import type { HostContract } from '@shared/host-contract'
import type { ApiResult } from '@shared/errors'
import type { AppEvent } from '@shared/events'

const httpInvoke: Invoke = async (name, input) => {
  try {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    })
    return (await response.json()) as ApiResult<unknown>
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' } }
  }
}

const invoke: Invoke = window.onsite ? (name, input) => window.onsite!.invoke(name, input) : httpInvoke

export const api = createApiClient(invoke)

/** True inside the desktop app: the host operations (open, show in folder, save as) work there only. */
export const isDesktop = Boolean(window.onsite)
/** Desktop-only operations; in browser mode each answers HOST_UNAVAILABLE. */
export const host = createClient<HostContract>(invoke)

/**
 * Where the page reads a material's bytes: by id only, through the desktop app's material:// scheme
 * or the bridge's /material/ route (both send Content-Type, nosniff and byte ranges).
 */
export const materialUrl = (id: string): string => (isDesktop ? `material://m/${id}` : `/material/${id}`)

/** Subscribe to push events (progress of long imports and exports). */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  if (window.onsite) return window.onsite.onEvent(listener)
  const source = new EventSource('/api/events')
  source.onmessage = (message) => listener(JSON.parse(message.data) as AppEvent)
  return () => source.close()
}

export { ApiCallError } from '@shared/client'
