/**
 * The HTTP bridge under hostile or broken requests: every one gets a status and a Chinese message
 * (never a 500, never a reset connection), nothing is stored, and no file outside the UI folder is served.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src-main/bridge/server'
import { makeTestCore, type TestCore } from '../helpers/core'
import { makeUnitListXlsx } from '../helpers/xlsx'

let t: TestCore
let server: Server & { url: string }
let site: string
const SECRET = 'SECRET-OUTSIDE-THE-UI-FOLDER'
beforeAll(async () => {
  t = makeTestCore()
  // The UI folder, with a file beside it that must never be reachable.
  site = mkdtempSync(join(tmpdir(), 'onsite-site-'))
  mkdirSync(join(site, 'ui'))
  writeFileSync(join(site, 'ui', 'index.html'), '<!doctype html><title>现场评审</title>')
  writeFileSync(join(site, 'secret.txt'), SECRET)
  writeFileSync(join(site, 'package.json'), SECRET)
  server = await startBridge({ core: t.core, port: 0, staticDir: join(site, 'ui') })
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
  rmSync(site, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** A request with the path sent exactly as given (fetch would normalise "..", "%2e%2e" and "\"). */
function raw(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const meetingCount = () => (t.core.context.db.prepare('SELECT count(*) AS n FROM meetings').get() as { n: number }).n

describe('where the bridge listens', () => {
  it('is bound to the IPv4 loopback address only', () => {
    const address = server.address() as AddressInfo
    expect(address.address).toBe('127.0.0.1')
    expect(address.family).toBe('IPv4')
  })
})

describe('malformed requests get 4xx and a Chinese message', () => {
  it('a malformed percent-encoding (or no URL at all) in the path is a 400, not a 500', async () => {
    for (const [method, path] of [
      ['POST', '/api/%FF'],
      ['POST', '/api/meetings.%E4list'],
      ['GET', '/%'],
      ['GET', '/assets/%E0%A4%A'],
      ['GET', '//['],
    ]) {
      const reply = await raw(method, path, Buffer.from('{}'))
      expect(reply.status, path).toBe(400)
      expect(JSON.parse(reply.text).error).toEqual({ code: 'VALIDATION', message: '请求地址中的编码无效' })
    }
  })

  it('an operation called with GET is a 405', async () => {
    const reply = await raw('GET', '/api/meetings.list')
    expect(reply.status).toBe(405)
    expect(JSON.parse(reply.text).error.message).toBe('请使用 POST 调用接口')
  })

  it('invalid UTF-8 in a JSON body is refused, not stored as U+FFFD', async () => {
    const before = meetingCount()
    const body = Buffer.concat([Buffer.from('{"title":"青岚市评审'), Buffer.from([0xff, 0xfe]), Buffer.from('会","date":"2024-12-18"}')])
    const reply = await raw('POST', '/api/meetings.create', body)
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.text).error).toEqual({ code: 'VALIDATION', message: '请求内容不是有效的 UTF-8 文本' })
    expect(meetingCount()).toBe(before)
  })
})

describe('the body limit', () => {
  it('answers 413 from the Content-Length alone, before reading the body', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(`${server.url}/api/meetings.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', reject)
      // Only the start of the announced 50 MB is sent: the answer must not wait for the rest.
      req.write('{"title":"')
    })
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.text).error).toEqual({ code: 'VALIDATION', message: '请求内容过大（上限 40 MB）' })
  })

  it('answers 413 to a chunked body that grows past the limit, then closes the connection', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    const before = meetingCount()
    const reply = await new Promise<Reply>((resolve, reject) => {
      let answered = false
      const req = request(`${server.url}/api/meetings.create`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        answered = true
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      })
      // Writing after the server has closed may fail; the answer is what counts.
      req.on('error', (error) => answered || reject(error))
      let sent = 0
      const pump = () => {
        while (!answered && sent < 60) {
          sent++
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        if (!answered) req.end()
      }
      pump()
    })
    expect(reply.status).toBe(413)
    expect(reply.headers.connection).toBe('close')
    expect(JSON.parse(reply.text).error.message).toBe('请求内容过大（上限 40 MB）')
    expect(meetingCount()).toBe(before)
  })
})

describe('static files', () => {
  const traversals = ['/../secret.txt', '/../package.json', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2f..%2fpackage.json', '/..%5csecret.txt', '/%5c..%5csecret.txt', '/ui/../../secret.txt', '/%00']
  for (const path of traversals) {
    it(`never serve a file outside the UI folder: ${path}`, async () => {
      const reply = await raw('GET', path)
      expect(reply.text).not.toContain(SECRET)
      expect([200, 400, 403, 404]).toContain(reply.status)
      if (reply.status === 200) expect(reply.text).toContain('<title>现场评审</title>')
    })
  }

  it('the page cannot be framed by another site', async () => {
    const reply = await raw('GET', '/')
    expect(reply.status).toBe(200)
    expect(reply.headers['x-frame-options']).toBe('DENY')
    expect(reply.headers['content-security-policy']).toMatch(/(^|; )frame-ancestors 'none'(;|$)/)
    expect(reply.headers['content-security-policy']).toMatch(/(^|; )default-src 'self'(;|$)/)
  })
})

describe('push events (SSE)', () => {
  it('delivers the progress events of a long operation to a connected page', async () => {
    const meeting = (await (await fetch(`${server.url}/api/meetings.create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: '推送测试会', date: '2024-12-18' }) })).json()) as { data: { id: string } }
    const received: unknown[] = []
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${server.url}/api/events`, { method: 'GET' }, resolve)
      req.on('error', reject)
      req.end()
    })
    expect(stream.statusCode).toBe(200)
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    let buffer = ''
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (message.startsWith('data: ')) received.push(JSON.parse(message.slice('data: '.length)))
      }
    })
    const units = Array.from({ length: 60 }, (_, i) => ({ 单位名称: `推送测试单位${i + 1}`, 类别: '处室' }))
    const dataBase64 = (await makeUnitListXlsx(units)).toString('base64')
    const imported = await fetch(`${server.url}/api/units.importXlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId: meeting.data.id, fileName: '名单.xlsx', dataBase64 }),
    })
    expect(imported.status).toBe(200)
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(3)
    stream.destroy()
    expect(received).toContainEqual({ type: 'progress', taskId: `units.importXlsx:${meeting.data.id}`, label: '导入单位名单', done: 60, total: 60 })
  })
})
