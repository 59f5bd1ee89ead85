/**
 * Browser mode: the chosen files are streamed to POST /upload one request each, then imported by
 * their upload ids. This is the queue (order, per-file state, totals, cancel); the transport
 * (XMLHttpRequest, for its upload progress) is in uploadTransport.ts.
 */
import type { RefusedFile, UploadedFile } from '@shared/schemas/material'

export interface UploadItem {
  /** The bytes; the transport streams them from disk, they are never read into memory here. */
  file: Blob
  /** The stored name, folders included (a folder upload's webkitRelativePath). */
  name: string
}

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed'

export interface UploadState {
  name: string
  size: number
  loaded: number
  status: UploadStatus
  error?: string
}

/** Sends one file; reports bytes sent; rejects with an Error whose message is for the user. Aborts on the signal. */
export type SendFile = (item: UploadItem, onProgress: (loaded: number) => void, signal: AbortSignal) => Promise<UploadedFile>

export interface UploadOutcome {
  uploaded: UploadedFile[]
  /** Files that could not be sent, each with the reason. */
  failed: RefusedFile[]
}

export const initialStates = (items: UploadItem[]): UploadState[] => items.map((i) => ({ name: i.name, size: i.file.size, loaded: 0, status: 'waiting' }))

export function uploadTotals(states: readonly UploadState[]): { loaded: number; size: number; done: number; count: number } {
  let loaded = 0
  let size = 0
  let done = 0
  for (const s of states) {
    loaded += s.status === 'done' ? s.size : s.loaded
    size += s.size
    if (s.status === 'done' || s.status === 'failed') done++
  }
  return { loaded, size, done, count: states.length }
}

/**
 * Sends the items `concurrency` at a time (two: one request's latency hides behind another's
 * bytes, more only competes for the same disk). A file that fails is reported and the others go on;
 * an abort stops everything and rejects with the abort reason.
 */
export async function runUploads(
  items: UploadItem[],
  send: SendFile,
  options: { signal: AbortSignal; onChange: (index: number, state: UploadState) => void; concurrency?: number },
): Promise<UploadOutcome> {
  const { signal, onChange, concurrency = 2 } = options
  const states = initialStates(items)
  const uploaded: (UploadedFile | undefined)[] = []
  const failed: RefusedFile[] = []
  const update = (i: number, patch: Partial<UploadState>) => {
    states[i] = { ...states[i]!, ...patch }
    onChange(i, states[i])
  }
  let next = 0
  async function worker(): Promise<void> {
    while (next < items.length) {
      signal.throwIfAborted()
      const i = next++
      update(i, { status: 'uploading' })
      try {
        uploaded[i] = await send(items[i]!, (loaded) => update(i, { loaded }), signal)
        update(i, { status: 'done', loaded: states[i]!.size })
      } catch (error) {
        signal.throwIfAborted()
        const reason = error instanceof Error && error.message ? error.message : '上传失败'
        update(i, { status: 'failed', error: reason })
        failed.push({ name: items[i]!.name, reason })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  signal.throwIfAborted()
  return { uploaded: uploaded.filter((u): u is UploadedFile => u !== undefined), failed }
}
