import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { registerAppScheme, rendererResponse, serveRenderer } from '../../src-main/electron/protocol'
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/content-security-policy'
import { repoRoot } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

let root: string
let rendererDir: string
const get = (url: string, method = 'GET') => rendererResponse(rendererDir, { url, method })

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'onsite-protocol-'))
  rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>现场评审</title>')
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]))
  // A sibling folder whose name starts like the root: a naive startsWith(root) check would leak it.
  mkdirSync(join(root, 'renderer-secret'))
  writeFileSync(join(root, 'renderer-secret', 'key.txt'), 'SECRET')
  writeFileSync(join(root, 'secret.txt'), 'SECRET')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('app:// protocol', () => {
  it('is registered as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme()
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith(
      expect.arrayContaining([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]),
    )
  })

  it('serves the built renderer with the right MIME types and the CSP header', async () => {
    await fake.app.whenReady() // the scheme was registered before ready (above); handlers come after
    serveRenderer(rendererDir)
    const handler = fake.protocol.handlers.get('app')!
    const index = await handler(new Request('app://onsite/'))
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await index.text()).toContain('现场评审')
    const types = {
      'app://onsite/index.html': 'text/html; charset=utf-8',
      'app://onsite/assets/index-abc.js': 'text/javascript; charset=utf-8',
      'app://onsite/assets/index-abc.css': 'text/css; charset=utf-8',
      'app://onsite/assets/font.woff2': 'font/woff2',
    }
    for (const [url, type] of Object.entries(types)) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type'), url).toBe(type)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('never serves a file outside the renderer folder', async () => {
    const attempts = [
      'app://onsite/../secret.txt',
      'app://onsite/%2e%2e/secret.txt',
      'app://onsite/assets/..%2f..%2fsecret.txt',
      'app://onsite/%2E%2E%2Fsecret.txt',
      'app://onsite/..%5csecret.txt',
      'app://onsite/%2e%2e/renderer-secret/key.txt',
      'app://onsite/index.html%00.js',
      'app://onsite/%E0%A4%A',
    ]
    for (const url of attempts) {
      const response = await get(url)
      expect(response.status, url).toBeGreaterThanOrEqual(400)
      expect(await response.text(), url).not.toContain('SECRET')
    }
  })

  it('answers 404 for missing files and other hosts, 405 for writes', async () => {
    expect((await get('app://onsite/assets/missing.js')).status).toBe(404)
    expect((await get('app://onsite/assets')).status).toBe(404) // a folder is not a file
    expect((await get('app://other/index.html')).status).toBe(404)
    expect((await get('app://onsite/index.html', 'POST')).status).toBe(405)
    const head = await get('app://onsite/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

  it("defaults to 'self' and allows no remote origin anywhere", () => {
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|ws:|'unsafe-eval'|data:text/)
  })

  it("runs only our own scripts; WebAssembly (pdf.js decoders) may compile, JavaScript may never be eval'd", () => {
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(directives['worker-src']).toBeUndefined() // pdf.js' module worker comes from 'self' via script-src
  })

  it('lets the viewer read materials from material:// and nowhere else new', () => {
    expect(directives['connect-src']).toEqual(["'self'", 'material:'])
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', 'material:'])
    expect(directives['font-src']).toEqual(["'self'", 'data:', 'blob:'])
    for (const directive of ['frame-src', 'media-src', 'child-src']) expect(directives[directive], directive).toBeUndefined()
  })

  it('is the same policy the page carries in its <meta> tag (for the dev server), less frame-ancestors', () => {
    const html = readFileSync(join(repoRoot, 'src-renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''))
  })

  it('allows inline code for styles only, never for scripts', () => {
    expect(directives['style-src']).toContain("'unsafe-inline'")
    expect(directives['script-src']).not.toContain("'unsafe-inline'")
  })
})
