/**
 * yazl's CRC-32 by Node's native zlib.crc32 (src-main/core/packages/yazl-native-crc.ts): the same
 * values as the JavaScript buffer-crc32 yazl ships, used by the very yazl the writer holds — in the
 * tests, and in the writer as electron-vite builds it for the app and esbuild for the bench — and the
 * zips it writes pass `unzip -t` and 7-Zip's test.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { runInThisContext } from 'node:vm'
import zlib from 'node:zlib'
import { build as esbuild } from 'esbuild'
import { resolveConfig } from 'electron-vite'
import { build as viteBuild } from 'vite'
import yauzl from 'yauzl'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { writePackage } from '../../../src-main/core/packages/package-writer'
import yazl from '../../../src-main/core/packages/yazl-native-crc'
import { repoRoot } from '../../helpers/core'

type Crc32 = ((buf: Buffer | string, previous?: Buffer | number) => Buffer) & {
  signed(buf: Buffer | string, previous?: Buffer | number): number
  unsigned(buf: Buffer | string, previous?: Buffer | number): number
}

const load = createRequire(import.meta.url)
const yazlPath = load.resolve('yazl')
const crcPath = createRequire(yazlPath).resolve('buffer-crc32')

/** The buffer-crc32 module object yazl required (and calls at each chunk). */
function heldByYazl(): Crc32 {
  const child = load.cache[yazlPath]?.children.find((m) => m.id === crcPath)
  if (!child) throw new Error('yazl has not required buffer-crc32')
  return child.exports as Crc32
}

/** A fresh copy of buffer-crc32 as published, outside the module cache: the JavaScript the adapter replaces. */
function published(): Crc32 {
  const module = { exports: {} as unknown }
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${readFileSync(crcPath, 'utf8')}\n})`) as (...args: unknown[]) => void
  wrapper(module.exports, createRequire(crcPath), module, crcPath, dirname(crcPath))
  return module.exports as Crc32
}

const work = mkdtempSync(join(tmpdir(), 'onsite-crc-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

/** Each entry's CRC-32 as the zip's central directory records it. */
async function recordedCrcs(path: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const crcs = new Map<string, number>()
    yauzl.open(path, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('not opened'))
      file.on('entry', (entry: yauzl.Entry) => {
        crcs.set(entry.fileName, entry.crc32)
        file.readEntry()
      })
      file.on('end', () => resolve(crcs))
      file.on('error', reject)
      file.readEntry()
    })
  })
}

function expectStandardToolsAccept(path: string): void {
  expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toMatch(/No errors detected/)
  expect(execFileSync('7zz', ['t', path], { encoding: 'utf8' })).toMatch(/Everything is Ok/)
}

describe("yazl's CRC-32, computed natively", () => {
  it('gives the values of the buffer-crc32 yazl ships: whole, chained from a number or a Buffer, signed, and for UTF-8 text', () => {
    const js = published()
    const native = heldByYazl()
    for (const size of [0, 1, 3, 255, 4096, 65_543, 1024 * 1024 + 13]) {
      const bytes = randomBytes(size)
      expect(native.unsigned(bytes), `${size} bytes`).toBe(js.unsigned(bytes))
      expect(native.signed(bytes), `${size} bytes`).toBe(js.signed(bytes))
      // As yazl runs it: chunk by chunk, each call starting from the CRC so far.
      const cut = [0, Math.floor(size / 3), Math.floor(size / 2), size]
      let nativeRunning = 0
      let jsRunning = 0
      for (let i = 1; i < cut.length; i++) {
        nativeRunning = native.unsigned(bytes.subarray(cut[i - 1], cut[i]), nativeRunning)
        jsRunning = js.unsigned(bytes.subarray(cut[i - 1], cut[i]), jsRunning)
      }
      expect(nativeRunning).toBe(jsRunning)
      expect(nativeRunning).toBe(js.unsigned(bytes))
      const head = bytes.subarray(0, cut[1])
      const tail = bytes.subarray(cut[1])
      expect(native.unsigned(tail, js(head))).toBe(js.unsigned(bytes))
      expect(native.signed(tail, js.signed(head))).toBe(js.signed(bytes))
    }
    for (const text of ['', 'manifest.json', '评审包_张三_现场评审会.zip']) expect(native.unsigned(text)).toBe(js.unsigned(text))
  })

  it("is what yazl calls for every entry: the recorded CRCs are zlib.crc32's, and unzip and 7-Zip test the package clean", async () => {
    const watch = vi.spyOn(zlib, 'crc32')
    const material = randomBytes(3 * 1024 * 1024 + 5)
    const data = Buffer.from(JSON.stringify({ units: Array.from({ length: 2000 }, (_, i) => ({ i, name: `单位${i}` })) }))
    writeFileSync(join(work, 'material.bin'), material)
    writeFileSync(join(work, 'data.json'), data)
    const path = join(work, 'package.zip')
    await writePackage(
      path,
      { appVersion: 'test', kind: 'distribution', schemaVersion: 1, meeting: { id: crypto.randomUUID(), name: '现场评审会' }, rubricHash: 'a'.repeat(64), reviewer: { id: crypto.randomUUID(), name: '张三' }, sequence: 0 },
      [
        { path: 'data/meeting.json', from: join(work, 'data.json'), compress: true },
        { path: 'materials/scan.pdf', from: join(work, 'material.bin'), compress: false },
      ],
    )
    const seen = watch.mock.calls.reduce((sum, [bytes]) => sum + (typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength), 0)
    expect(seen).toBeGreaterThanOrEqual(material.length + data.length)
    const crcs = await recordedCrcs(path)
    expect(crcs.get('materials/scan.pdf')).toBe(published().unsigned(material))
    expect(crcs.get('data/meeting.json')).toBe(published().unsigned(data))
    expectStandardToolsAccept(path)
  })

  it('is given to the writer with the one yazl loaded (no second, unpatched copy)', () => {
    expect(yazl).toBe(load('yazl'))
  })
})

describe('in the writer as it is built', () => {
  const probe = join(repoRoot, 'tests/helpers/zip-crc-probe.ts')
  // Inside the repository, so the built files find node_modules as the app and the bench do.
  const out = mkdtempSync(join(repoRoot, 'out', 'crc-probe-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))
  const material = join(work, 'probe.bin')
  writeFileSync(material, randomBytes(2 * 1024 * 1024))

  function runProbe(script: string): void {
    const dest = join(work, `${Math.random().toString(36).slice(2)}.zip`)
    const line = execFileSync(process.execPath, [script, dest, material], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').at(-1)!
    const { crcBytes } = JSON.parse(line) as { crcBytes: number }
    expect(crcBytes).toBeGreaterThanOrEqual(2 * 1024 * 1024)
    expectStandardToolsAccept(dest)
  }

  it('by electron-vite for the app (its main-process configuration, dependencies external)', async () => {
    const resolved = await resolveConfig({ root: repoRoot, configFile: join(repoRoot, 'electron.vite.config.ts'), logLevel: 'error', build: { outDir: join(out, 'app') } }, 'build', 'production')
    const main = resolved.config!.main!
    main.build!.rollupOptions = { ...main.build!.rollupOptions, input: { probe } }
    await viteBuild(main)
    runProbe(join(out, 'app', 'main', 'probe.js'))
  })

  it('by esbuild for the bench child (packages external)', async () => {
    await esbuild({ entryPoints: { probe }, outdir: join(out, 'bench'), bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' })
    runProbe(join(out, 'bench', 'probe.js'))
  })
})
