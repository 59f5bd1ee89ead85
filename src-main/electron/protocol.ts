/**
 * app:// — the renderer is served from a privileged custom scheme rather than file://, so it gets
 * a real origin (for CSP 'self' and IPC sender checks) and can only ever read the built renderer.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { MATERIAL_SCHEME } from './material-protocol'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

/**
 * Must run before `app` is ready, and only once (a second call replaces the first): gives app:// an
 * origin, a secure context and fetch(); material:// (material-protocol.ts) is read by fetch/XHR
 * from app:// with CORS and streamed in ranges.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MATERIAL_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ])
}

/** Serves `rendererDir` (out/renderer) on app://onsite/. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request))
}

export async function rendererResponse(rendererDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, '只允许读取界面文件')
  const url = new URL(request.url)
  if (url.host !== APP_HOST) return textResponse(404, '页面不存在')
  const file = resolveInside(resolve(rendererDir), url.pathname === '/' ? '/index.html' : url.pathname)
  if (!file) return textResponse(403, '路径无效')
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return textResponse(404, `界面文件不存在：${url.pathname}（请重新运行 npm start 构建界面）`)
  const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file))
  return new Response(body, { status: 200, headers: headers(MIME[extname(file).toLowerCase()] ?? 'application/octet-stream') })
}

/** The file a URL path names, or null when it would escape the root (../, %2e%2e, %2f, NUL…). */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const file = resolve(root, `.${decoded}`)
  return file.startsWith(root + sep) ? file : null
}

function headers(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  }
}

const textResponse = (status: number, message: string): Response =>
  new Response(message, { status, headers: headers('text/plain; charset=utf-8') })
