/**
 * Browser-mode transport of one file to the bridge's POST /upload (raw body, name in x-file-name).
 *
 * XMLHttpRequest, not fetch: fetch can send a File as the body (streamed from disk) but reports no
 * upload progress, and a ReadableStream body (the only way to count bytes with fetch) needs
 * `duplex: 'half'`, which Chromium only streams over HTTP/2 — the bridge speaks HTTP/1.1.
 * `xhr.send(file)` streams the file as well and `xhr.upload.onprogress` counts the bytes sent.
 */
import type { UploadedFile } from '@shared/schemas/material'
import type { SendFile, UploadItem } from './uploadQueue'

const UNAVAILABLE = '本机服务不支持上传材料，请更新程序后再试'

/**
 * The user's sentence for an answer of POST /upload, or the uploaded file. The shared schemas (zod and
 * every schema of the contract) load with the first answer: the home page, whose cards upload packages,
 * does not wait for them before it can be clicked.
 */
export async function readUploadAnswer(status: number, body: string): Promise<UploadedFile | Error> {
  let answer: unknown
  try {
    answer = JSON.parse(body)
  } catch {
    // An HTML page (the app itself) or nothing: the route is not there.
    return new Error(status === 413 ? '文件太大，无法上传' : UNAVAILABLE)
  }
  const a = answer as { ok?: unknown; data?: unknown; error?: { message?: unknown } }
  if (a.ok === true) {
    const { UploadedFile } = await import('@shared/schemas/material')
    const parsed = UploadedFile.safeParse(a.data)
    return parsed.success ? parsed.data : new Error(UNAVAILABLE)
  }
  if (typeof a.error?.message === 'string' && a.error.message) return new Error(a.error.message)
  return new Error(status === 404 || status === 405 ? UNAVAILABLE : `上传失败（${status}）`)
}

export const sendByXhr: SendFile = (item, onProgress, signal) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/upload')
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.setRequestHeader('x-file-name', encodeURIComponent(item.name))
    xhr.upload.onprogress = (e) => onProgress(e.loaded)
    xhr.onload = () =>
      void readUploadAnswer(xhr.status, xhr.responseText).then((answer) => (answer instanceof Error ? reject(answer) : resolve(answer)), reject)
    xhr.onerror = () => reject(new Error('无法连接到本机服务，请确认程序仍在运行'))
    xhr.onabort = () => reject(signal.reason ?? new DOMException('已取消', 'AbortError'))
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(item.file)
  })

/** A chosen file's stored name: with its folders when it came from a folder choice. */
export const itemOf = (file: File): UploadItem => ({ file, name: file.webkitRelativePath || file.name })

/**
 * Everything dropped, folders walked (webkitGetAsEntry), names with their folders. Entries must be
 * taken synchronously during the drop event, so call this from the handler before any await.
 */
export function droppedItems(transfer: DataTransfer): Promise<UploadItem[]> {
  const taken = [...transfer.items]
    .filter((i) => i.kind === 'file')
    .map((i) => {
      // A file without an entry (some sources give none) is taken as a plain file.
      const entry = i.webkitGetAsEntry()
      const file = entry ? null : i.getAsFile()
      return entry ? walk(entry, '') : Promise.resolve(file ? [{ file, name: file.name }] : [])
    })
  return Promise.all(taken).then((lists) => lists.flat())
}

async function walk(entry: FileSystemEntry, prefix: string): Promise<UploadItem[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    return [{ file, name: prefix + entry.name }]
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const children: FileSystemEntry[] = []
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (!batch.length) break
    children.push(...batch)
  }
  const lists = await Promise.all(children.map((c) => walk(c, `${prefix}${entry.name}/`)))
  return lists.flat()
}
