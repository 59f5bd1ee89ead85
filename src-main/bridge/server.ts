/**
 * Browser mode: the same contract over HTTP on 127.0.0.1, for development and end-to-end tests.
 * Never started by the packaged Electron app.
 *   POST /api/<operation>   JSON body in, `{ ok, data | error }` out
 *   GET  /api               every operation with its input/output JSON Schema
 *   GET  /api/events        push events (Server-Sent Events)
 *   GET  /material/<id>     a stored material's bytes (Content-Type, nosniff, byte ranges)
 *   POST /upload            a material file as the raw body, staged for materials.import
 *   GET  /*                 the built renderer (single-page app)
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { Core } from '../core/app'
import { describeApi } from './describe-api'
import { isHostOperationName } from '../shared/host-contract'
import type { ApiResult } from '../shared/errors'
import { contentDisposition, findExport } from '../core/services/exports'
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'
import { BodyRefused, readJsonBody } from './body'
import { serveMaterial } from './material-route'
import { receiveUpload } from './upload-route'
import { assertExportDownload } from '../core/access/reviewer-scope'
import { DomainError } from '../core/errors'

/** The host contract's stub: the browser has no desktop to open files on; the page offers downloads. */
const HOST_UNAVAILABLE: ApiResult<never> = {
  ok: false,
  error: { code: 'HOST_UNAVAILABLE', message: '浏览器模式不能直接打开或另存本机文件，请使用下载链接' },
}
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js: its worker (.mjs), CMaps (.bcmap), standard fonts (.pfb) and decoders (.wasm).
  '.mjs': 'text/javascript; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
}

export interface BridgeOptions {
  core: Core
  /** Folder with the built renderer (index.html); API only when absent. */
  staticDir?: string
  port: number
  host?: string
}

export function startBridge(options: BridgeOptions): Promise<Server & { url: string }> {
  const { core, staticDir } = options
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[bridge]', error)
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'INTERNAL', message: '服务器内部错误' } })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // No other site may show our pages inside its own (clickjacking); the CSP says it again for new browsers.
    res.setHeader('x-frame-options', 'DENY')
    res.setHeader('x-content-type-options', 'nosniff')
    // A path such as `//[` is not a URL at all.
    const url = URL.parse(req.url ?? '/', 'http://localhost')
    if (!url) return badPath(res)
    if (!localHost(req, host) || !sameOrigin(req)) return json(res, 403, { ok: false, error: { code: 'VALIDATION', message: '拒绝来自其他网站的请求' } })
    if (url.pathname === '/api' && req.method === 'GET') return json(res, 200, describeApi())
    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(req, res)
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: { code: 'VALIDATION', message: '请使用 POST 调用接口' } })
      // A JSON content type cannot be sent by a plain cross-site form: a cheap CSRF guard.
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return json(res, 415, { ok: false, error: { code: 'VALIDATION', message: '请求须为 JSON 格式' } })
      }
      const name = decodePath(url.pathname.slice('/api/'.length))
      if (name === null) return badPath(res)
      let input: unknown
      try {
        input = await readJsonBody(req)
      } catch (error) {
        if (!(error instanceof BodyRefused)) throw error
        // After a 413 the rest of the body is not read: the connection closes once the answer is sent.
        if (error.status === 413) res.setHeader('connection', 'close')
        return json(res, error.status, { ok: false, error: { code: 'VALIDATION', message: error.message } })
      }
      const result = isHostOperationName(name) ? HOST_UNAVAILABLE : await core.dispatch(name, input)
      return json(res, result.ok ? 200 : statusOf(result.error.code), result)
    }
    // <bridge-routes> (file downloads of generated documents)
    if (url.pathname.startsWith('/exports/') && req.method === 'GET') {
      const file = findExport(core.context.dataDir, url.pathname.slice('/exports/'.length))
      const refusal = organizerOnly(core, file?.fileName ?? '')
      if (refusal) return json(res, 403, { ok: false, error: refusal })
      if (!file) return json(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '导出文件不存在或已被删除，请重新导出' } })
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': file.bytes,
        'content-disposition': contentDisposition(file.fileName),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      return void createReadStream(file.path).pipe(res)
    }
    if (url.pathname === '/upload' && req.method === 'POST') return receiveUpload(core, req, res)
    if (url.pathname.startsWith('/material/') && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveMaterial(core, url.pathname.slice('/material/'.length), req, res)
    }
    if (staticDir && req.method === 'GET') {
      const path = decodePath(url.pathname)
      return path === null ? badPath(res) : serveStatic(staticDir, path, res)
    }
    json(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '页面不存在' } })
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write(': connected\n\n')
    const off = core.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
    req.on('close', off)
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : options.port
      resolve(Object.assign(server, { url: `http://${host}:${port}` }))
    })
  })
}

/**
 * The Host header must name this machine: a web page that rebinds its own domain to 127.0.0.1
 * (DNS rebinding) would otherwise pass the same-origin check with its own name.
 */
function localHost(req: IncomingMessage, boundTo: string): boolean {
  const name = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return name === boundTo || name === 'localhost' || name === '127.0.0.1' || name === '::1'
}

/** Browsers send Origin on cross-site requests; only our own origin (or none, e.g. curl) is served. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  return !origin || origin === `http://${req.headers.host}`
}

/** Reviewer mode: the same refusal as the API's, as a JSON error. */
function organizerOnly(core: Core, fileName: string): { code: string; message: string } | null {
  try {
    assertExportDownload(core.context.db, fileName)
    return null
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message }
    throw error
  }
}

const statusOf = (code: string): number =>
  code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' || code === 'UNKNOWN_OPERATION' ? 404 : code === 'HOST_UNAVAILABLE' ? 501 : code === 'INTERNAL' ? 500 : code === 'CONFLICT' ? 409 : 400

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/** The path with its percent-escapes decoded, or null when they are malformed (`/api/%FF`, `/%`). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

const badPath = (res: ServerResponse) => json(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求地址中的编码无效' } })

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = normalize(pathname).replace(/^([/\\])+/, '')
  let file = join(root, relative)
  if (!file.startsWith(root + sep) && file !== root) return json(res, 403, { ok: false, error: { code: 'VALIDATION', message: '路径无效' } })
  // Unknown paths fall back to index.html: the renderer's router owns them.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) return json(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '界面尚未构建，请先运行 npm run build' } })
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  })
  createReadStream(file).pipe(res)
}
