/** The HTTP bridge exposes the same contract, documents itself, and refuses cross-site calls. */
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationNames } from '../../src-main/shared/contract'
import { hostOperationNames } from '../../src-main/shared/host-contract'
import { startBridge } from '../../src-main/bridge/server'
import { makeTestCore, type TestCore } from '../helpers/core'

let t: TestCore
let server: Server & { url: string }
beforeAll(async () => {
  t = makeTestCore()
  server = await startBridge({ core: t.core, port: 0 })
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
type Json = any
const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

describe('HTTP bridge', () => {
  it('binds to 127.0.0.1 (the socket, not only the URL it reports)', () => {
    expect(server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' })
    expect(server.url).toBe(`http://127.0.0.1:${(server.address() as { port: number }).port}`)
  })

  it('GET /api lists every operation with its input JSON Schema', async () => {
    const doc = (await (await fetch(`${server.url}/api`)).json()) as { operations: { name: string; summary: string; desktopOnly: boolean; input: { type: string } }[] }
    expect(doc.operations.map((o) => o.name).sort()).toEqual([...operationNames, ...hostOperationNames].sort())
    expect(doc.operations.filter((o) => o.desktopOnly).map((o) => o.name)).toEqual(hostOperationNames)
    const create = doc.operations.find((o) => o.name === 'meetings.create')!
    expect(create.summary).toMatch(/新建会议/)
    expect(create.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['title', 'date']) })
  })

  it('POST /api/<op> runs the operation', async () => {
    const created = await (await post('meetings.create', { title: '浏览器模式测试会', date: '2024-12-18' })).json()
    expect(created).toMatchObject({ ok: true, data: { title: '浏览器模式测试会' } })
    const listed: Json = await (await post('meetings.list', {})).json()
    expect(listed.data).toHaveLength(1)
  })

  it('answers errors with status codes and Chinese messages', async () => {
    const bad = await post('meetings.create', { title: '', date: '2024-12-18' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as Json).error).toMatchObject({ code: 'VALIDATION', message: '输入有误：会议名称不能为空' })
    const unknown = await post('meetings.fly', {})
    expect(unknown.status).toBe(404)
    const notJson = await fetch(`${server.url}/api/meetings.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })
    expect(((await notJson.json()) as Json).error.message).toBe('请求内容不是有效的 JSON')
  })

  it('answers the desktop-only operations with HOST_UNAVAILABLE: a browser page cannot open local files', async () => {
    for (const name of hostOperationNames) {
      const response = await post(name, { fileName: '青岚市纪要.docx' })
      expect(response.status).toBe(501)
      expect(((await response.json()) as Json).error).toEqual({ code: 'HOST_UNAVAILABLE', message: '浏览器模式不能直接打开或另存本机文件，请使用下载链接' })
    }
  })

  it('refuses requests from another origin and non-JSON posts (CSRF)', async () => {
    const foreign = await post('meetings.list', {}, { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    const form = await fetch(`${server.url}/api/meetings.delete`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect(form.status).toBe(415)
  })
})

describe('HTTP bridge and DNS rebinding', () => {
  it('refuses a request whose Host is not this machine, even with a matching Origin', async () => {
    const { request } = await import('node:http')
    const port = new URL(server.url).port
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/meetings.list', method: 'POST', headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-type': 'application/json' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })
})
