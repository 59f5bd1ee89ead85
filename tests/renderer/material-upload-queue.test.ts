/** Browser-mode upload of materials: every file goes, one failure does not stop the rest, cancel stops all. */
import { describe, expect, it } from 'vitest'
import type { UploadedFile } from '../../src-main/shared/schemas/material'
import { runUploads, uploadTotals, type SendFile, type UploadItem, type UploadState } from '../../src-renderer/src/components/materials/uploadQueue'
import { readUploadAnswer } from '../../src-renderer/src/components/materials/uploadTransport'

const item = (name: string, size: number): UploadItem => ({ name, file: new Blob([new Uint8Array(size)]) })

/** A transport that "sends" in two halves, answering like POST /upload; names in `refuse` are refused. */
function transport(refuse: Record<string, string> = {}): { send: SendFile; sent: string[]; maxInFlight: () => number } {
  const sent: string[] = []
  let inFlight = 0
  let max = 0
  const send: SendFile = async (it, onProgress, signal) => {
    inFlight++
    max = Math.max(max, inFlight)
    try {
      await new Promise((r) => setTimeout(r, 1))
      signal.throwIfAborted()
      onProgress(Math.floor(it.file.size / 2))
      await new Promise((r) => setTimeout(r, 1))
      signal.throwIfAborted()
      if (refuse[it.name]) throw new Error(refuse[it.name])
      sent.push(it.name)
      return { uploadId: `u-${it.name}`, name: it.name, size: it.file.size } satisfies UploadedFile
    } finally {
      inFlight--
    }
  }
  return { send, sent, maxInFlight: () => max }
}

describe('material uploads (browser mode)', () => {
  it('sends every file, keeps folder names, reports each failure by name and goes on', async () => {
    const items = [item('台账/2024年台账.pdf', 1000), item('照片/活动.png', 10), item('坏文件.pdf', 0), item('申报书.docx', 400)]
    const t = transport({ '坏文件.pdf': '文件是空的（0 字节）' })
    const states: UploadState[] = []
    const outcome = await runUploads(items, t.send, { signal: new AbortController().signal, onChange: (i, s) => (states[i] = s) })

    expect(outcome.uploaded.map((u) => u.name)).toEqual(['台账/2024年台账.pdf', '照片/活动.png', '申报书.docx'])
    expect(outcome.failed).toEqual([{ name: '坏文件.pdf', reason: '文件是空的（0 字节）' }])
    expect(states.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'done'])
    expect(uploadTotals(states)).toEqual({ loaded: 1410, size: 1410, done: 4, count: 4 })
    // Two at a time: no more requests in flight than that.
    expect(t.maxInFlight()).toBe(2)
  })

  it('counts bytes sent so far while files are on their way', async () => {
    const seen: number[] = []
    const states: UploadState[] = []
    await runUploads([item('a.pdf', 100), item('b.pdf', 300)], transport().send, {
      signal: new AbortController().signal,
      concurrency: 1,
      onChange: (i, s) => {
        states[i] = s
        seen.push(uploadTotals(states.filter(Boolean)).loaded)
      },
    })
    // a: 50 of 100, then done; b: 150 of 300, then done.
    expect(seen).toEqual([0, 50, 100, 100, 250, 400])
  })

  it('cancel stops the queue: it rejects and later files are never sent', async () => {
    const controller = new AbortController()
    const t = transport()
    const items = ['1.pdf', '2.pdf', '3.pdf', '4.pdf'].map((n) => item(n, 10))
    const run = runUploads(items, t.send, {
      signal: controller.signal,
      concurrency: 1,
      onChange: (i, s) => {
        if (i === 1 && s.status === 'uploading') controller.abort(new DOMException('已取消上传', 'AbortError'))
      },
    })
    await expect(run).rejects.toThrow('已取消上传')
    expect(t.sent).toEqual(['1.pdf'])
  })

  it("reads the bridge's answer: the file, its Chinese refusal, or a route that is not there", async () => {
    const uploaded = { uploadId: crypto.randomUUID(), name: '台账/台账.pdf', size: 3 }
    expect(await readUploadAnswer(200, JSON.stringify({ ok: true, data: uploaded }))).toEqual(uploaded)
    expect(await readUploadAnswer(400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '文件名不能包含“..”' } }))).toEqual(new Error('文件名不能包含“..”'))
    // Before the route exists the bridge answers its HTML page or a 404: say so in words.
    expect(await readUploadAnswer(404, '<!doctype html><title>现场评审</title>')).toEqual(new Error('本机服务不支持上传材料，请更新程序后再试'))
    expect(await readUploadAnswer(404, JSON.stringify({ ok: false }))).toEqual(new Error('本机服务不支持上传材料，请更新程序后再试'))
    expect(await readUploadAnswer(413, 'Payload Too Large')).toEqual(new Error('文件太大，无法上传'))
  })
})
