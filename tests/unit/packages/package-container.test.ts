/**
 * The package container: real zips written by the writer (yazl) or byte by byte, read back by the
 * reader. Every refusal names its reason (the error's first detail) with a Chinese message, before
 * any file content is handed out.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID, createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync, deflateSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writePackage, type ManifestFields, type PackageSource } from '../../../src-main/core/packages/package-writer'
import { openPackage, listPackageEntries, PACKAGE_LIMITS } from '../../../src-main/core/packages/package-reader'
import { PackageError, type PackageProblem } from '../../../src-main/core/packages/package-errors'
import { buildZip, utf8, type TestEntry } from '../../helpers/material-fixtures'
import { handlesOn } from '../../helpers/open-handles'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onsite-pkg-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const reviewer = { id: randomUUID(), name: '张评委' }
const fields = (over: Partial<ManifestFields> = {}): ManifestFields => ({
  appVersion: '0.1.0',
  kind: 'return',
  schemaVersion: 13,
  meeting: { id: randomUUID(), name: '创建模范机关现场评审会' },
  rubricHash: 'a'.repeat(64),
  reviewer,
  sequence: 1,
  ...over,
})
const key = randomBytes(32)
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

function source(name: string, bytes: Buffer, compress = true, expectSha256?: string): PackageSource {
  const from = join(dir, `src-${name.replace(/\//g, '_')}`)
  writeFileSync(from, bytes)
  return { path: name, from, compress, expectSha256 }
}

async function refusal(promise: Promise<unknown>): Promise<{ problem: PackageProblem; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(PackageError)
  const e = error as PackageError
  expect(e.message).toMatch(/[\u4e00-\u9fff]/)
  return { problem: e.problem, message: e.message }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/** A package the writer made, then reopened as raw entries to build a doctored copy byte by byte. */
async function rawEntries(path: string): Promise<Map<string, Buffer>> {
  const opened = await openPackage(path, { keyFor: () => key })
  const out = new Map<string, Buffer>()
  out.set('manifest.json', opened.manifestBytes)
  for (const f of opened.manifest.files) out.set(f.path, await collect(await opened.openFile(f.path)))
  if (opened.auth) out.set('manifest.hmac', Buffer.from(JSON.stringify(opened.auth)))
  opened.close()
  return out
}
const zipOf = (entries: Map<string, Buffer> | [string, Buffer][]): Buffer =>
  buildZip([...entries].map(([name, data]): TestEntry => ({ name: utf8(name), data })))

async function goodPackage(): Promise<{ path: string; data: Buffer; material: Buffer }> {
  const data = Buffer.from(JSON.stringify({ scores: Array.from({ length: 500 }, (_, i) => ({ i, v: 9.5 })) }))
  const material = randomBytes(300_000)
  const path = join(dir, '01_张评委_现场会.zip')
  await writePackage(path, fields(), [source('data/return.json', data), source(`materials/${sha(material)}`, material, false, sha(material))], { key })
  return { path, data, material }
}

describe('a package written and read back', () => {
  it('holds every file with its hash, authenticated, and opens with unzip and 7-Zip', async () => {
    const { path, data, material } = await goodPackage()
    const opened = await openPackage(path, { kind: 'return', keyFor: (id) => (id === reviewer.id ? key : undefined) })
    expect(opened.manifest.files.map((f) => f.path)).toEqual(['data/return.json', `materials/${sha(material)}`])
    expect(opened.manifest.files[0]).toMatchObject({ size: data.length, sha256: sha(data) })
    expect(opened.manifest).toMatchObject({ format: 'onsite-review-package', formatVersion: 1, kind: 'return', reviewer, sequence: 1 })
    expect(await collect(await opened.openFile('data/return.json'))).toEqual(data)
    await opened.extractFile(`materials/${sha(material)}`, join(dir, 'out.bin'))
    expect(readFileSync(join(dir, 'out.bin'))).toEqual(material)
    opened.close()
    // Standard tools read it: a clerk can look inside with what the laptop already has.
    expect(execFileSync('unzip', ['-t', path]).toString()).toMatch(/No errors detected/)
    expect(execFileSync('7zz', ['t', path]).toString()).toMatch(/Everything is Ok/)
    // Materials are stored as they are (they are compressed already); data is deflated.
    const entries = await listPackageEntries(path)
    const stored = entries.find((e) => e.path.startsWith('materials/'))!
    expect(stored.compressedSize).toBe(stored.size)
    expect(entries.find((e) => e.path === 'data/return.json')!.compressedSize).toBeLessThan(data.length / 3)
    // Nothing is left beside it.
    expect(readdirSync(dir).filter((n) => n.includes('.part'))).toEqual([])
  })

  it('files many times the size of the writer’s reused read buffers come out whole: a deflated data file, stored materials of odd sizes', async () => {
    // Compressible (hex digits) but not uniform, so deflate has real work on every chunk.
    const data = Buffer.from(randomBytes(7 * 1024 * 1024).toString('hex'))
    expect(data.length).toBeGreaterThan(12 * 1024 * 1024)
    const materials = [randomBytes(5 * 1024 * 1024 + 123), randomBytes(3 * 1024 * 1024), randomBytes(7 * 1024 * 1024 - 1), randomBytes(1)]
    const path = join(dir, 'big.zip')
    await writePackage(path, fields(), [source('data/meeting.json', data), ...materials.map((m) => source(`materials/${sha(m)}`, m, false, sha(m)))], { key })
    const opened = await openPackage(path, { keyFor: () => key })
    // Compared by hash: a deep equality of megabytes is slow.
    expect(sha(await collect(await opened.openFile('data/meeting.json')))).toBe(sha(data))
    for (const m of materials) expect(sha(await collect(await opened.openFile(`materials/${sha(m)}`)))).toBe(sha(m))
    opened.close()
    expect(execFileSync('unzip', ['-t', path]).toString()).toMatch(/No errors detected/)
  })

  it('a damaged material in the store stops the write and leaves no file', async () => {
    const material = randomBytes(10_000)
    const path = join(dir, 'p.zip')
    await expect(writePackage(path, fields(), [source(`materials/${sha(material)}`, material, false, 'b'.repeat(64))], { key })).rejects.toThrow(/已损坏/)
    expect(readdirSync(dir).filter((n) => n.endsWith('.zip') || n.includes('.part'))).toEqual([])
  })

  it('a cancelled write leaves neither the package nor a partial file', async () => {
    const controller = new AbortController()
    const big = randomBytes(4_000_000)
    const path = join(dir, 'p.zip')
    const writing = writePackage(path, fields(), [source('data/a.bin', big, false), source('data/b.bin', big, false)], {
      key,
      signal: controller.signal,
      onProgress: (done) => done > 1_000_000 && controller.abort(),
    })
    await expect(writing).rejects.toThrow()
    expect(readdirSync(dir).filter((n) => n.endsWith('.zip') || n.includes('.part'))).toEqual([])
    // Nor a handle on what it was reading (on Windows one would keep the material from being deleted).
    if (existsSync('/proc/self/fd')) await expect.poll(() => handlesOn(join(dir, 'src-data_a.bin'))).toBe(0)
  })
})

describe('a package that is not what it claims is refused, naming why', () => {
  it('a missing file', async () => {
    expect((await refusal(openPackage(join(dir, 'nope.zip')))).problem).toBe('not-found')
  })

  it('not a zip at all (a PDF renamed .zip, random bytes, an empty file)', async () => {
    for (const bytes of [Buffer.from('%PDF-1.7\n…'), randomBytes(5000), Buffer.alloc(0)]) {
      writeFileSync(join(dir, 'x.zip'), bytes)
      const r = await refusal(openPackage(join(dir, 'x.zip')))
      expect(r.problem).toBe('not-zip')
      expect(r.message).toContain('不是 .zip')
    }
  })

  it('a pipe or a device named .zip, refused without waiting on it', async () => {
    const paths = ['/dev/null']
    if (process.platform !== 'win32') {
      execFileSync('mkfifo', [join(dir, '管道.zip')])
      paths.push(join(dir, '管道.zip'))
    }
    for (const path of paths) expect((await refusal(openPackage(path))).problem, path).toBe('not-zip')
  })

  it('a folder chosen instead of the file in it', async () => {
    mkdirSync(join(dir, '评审结果.zip'), { recursive: true })
    const r = await refusal(openPackage(join(dir, '评审结果.zip')))
    expect(r.problem).toBe('not-zip')
    expect(r.message).toBe('所选的是一个文件夹，不是评审包：请打开文件夹，选择其中的 .zip 文件')
  })

  it('truncated: a stick pulled out mid-copy, at several points', async () => {
    const { path } = await goodPackage()
    const size = statSync(path).size
    for (const keep of [size - 1, size - 30, Math.floor(size / 2), 100]) {
      const cut = join(dir, `cut-${keep}.zip`)
      writeFileSync(cut, readFileSync(path).subarray(0, keep))
      expect((await refusal(openPackage(cut, { keyFor: () => key }))).problem).toBe('truncated')
    }
  })

  it('no manifest', async () => {
    writeFileSync(join(dir, 'x.zip'), zipOf([['data/return.json', Buffer.from('{}')]]))
    expect((await refusal(openPackage(join(dir, 'x.zip')))).problem).toBe('no-manifest')
  })

  it('a manifest that is not JSON, or not ours, or incomplete', async () => {
    for (const manifest of ['{not json', JSON.stringify({ format: 'anki', formatVersion: 1 }), JSON.stringify({ format: 'onsite-review-package', formatVersion: 1, kind: 'return' })]) {
      writeFileSync(join(dir, 'x.zip'), zipOf([['manifest.json', Buffer.from(manifest)]]))
      expect((await refusal(openPackage(join(dir, 'x.zip')))).problem).toBe('bad-manifest')
    }
  })

  it('a newer format, naming the app version needed', async () => {
    const { path } = await goodPackage()
    const entries = await rawEntries(path)
    const manifest = JSON.parse(entries.get('manifest.json')!.toString())
    entries.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, formatVersion: 2, minAppVersion: '0.4.0' })))
    writeFileSync(join(dir, 'x.zip'), zipOf(entries))
    const r = await refusal(openPackage(join(dir, 'x.zip'), { keyFor: () => key }))
    expect(r.problem).toBe('newer-format')
    expect(r.message).toContain('0.4.0')
  })

  it('another kind than expected', async () => {
    const { path } = await goodPackage()
    const r = await refusal(openPackage(path, { kind: 'distribution', keyFor: () => key }))
    expect(r).toMatchObject({ problem: 'wrong-kind' })
    expect(r.message).toContain('评审结果包')
  })

  it('a file changed after writing (same size): the read fails on its hash', async () => {
    const { path } = await goodPackage()
    const entries = await rawEntries(path)
    const data = entries.get('data/return.json')!
    entries.set('data/return.json', Buffer.from(data.toString().replace('9.5', '9.9')))
    writeFileSync(join(dir, 'x.zip'), zipOf(entries))
    const opened = await openPackage(join(dir, 'x.zip'), { keyFor: () => key })
    expect((await refusal(collect(await opened.openFile('data/return.json')))).problem).toBe('hash-mismatch')
    opened.close()
  })

  it('a file of another size than listed, a listed file missing, an unlisted file added', async () => {
    const { path } = await goodPackage()
    const base = await rawEntries(path)
    const longer = new Map(base).set('data/return.json', Buffer.concat([base.get('data/return.json')!, Buffer.from(' ')]))
    const missing = new Map([...base].filter(([n]) => n !== 'data/return.json'))
    const extra = new Map(base).set('data/evil.json', Buffer.from('{}'))
    for (const [entries, problem] of [
      [longer, 'size-mismatch'],
      [missing, 'missing-file'],
      [extra, 'unlisted-file'],
    ] as const) {
      writeFileSync(join(dir, 'x.zip'), zipOf(entries))
      expect((await refusal(openPackage(join(dir, 'x.zip'), { keyFor: () => key }))).problem).toBe(problem)
    }
  })

  it('authentication: another key, an edited manifest, a tag for another reviewer, no tag', async () => {
    const { path } = await goodPackage()
    expect((await refusal(openPackage(path, { keyFor: () => randomBytes(32) }))).problem).toBe('auth-failed')
    expect((await refusal(openPackage(path, { keyFor: () => undefined }))).problem).toBe('auth-failed')
    const base = await rawEntries(path)
    const manifest = JSON.parse(base.get('manifest.json')!.toString())
    const edited = new Map(base).set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, sequence: 99 })))
    writeFileSync(join(dir, 'x.zip'), zipOf(edited))
    expect((await refusal(openPackage(join(dir, 'x.zip'), { keyFor: () => key }))).problem).toBe('auth-failed')
    const auth = JSON.parse(base.get('manifest.hmac')!.toString())
    const otherReviewer = new Map(base).set('manifest.hmac', Buffer.from(JSON.stringify({ ...auth, reviewerId: randomUUID() })))
    writeFileSync(join(dir, 'x.zip'), zipOf(otherReviewer))
    expect((await refusal(openPackage(join(dir, 'x.zip'), { keyFor: () => key }))).problem).toBe('auth-failed')
    const untagged = new Map([...base].filter(([n]) => n !== 'manifest.hmac'))
    writeFileSync(join(dir, 'x.zip'), zipOf(untagged))
    expect((await refusal(openPackage(join(dir, 'x.zip'), { keyFor: () => key }))).problem).toBe('auth-missing')
  })

  it('entry names that could escape: .., absolute, drive letters, backslashes, non-ASCII, empty segments', async () => {
    for (const name of ['../evil.json', 'data/../../evil', '/etc/passwd', 'C:/Windows/x', 'C:\\x', 'data\\..\\x', 'data//x', './x', '评审.json', 'a/b/c/d/e']) {
      writeFileSync(join(dir, 'x.zip'), zipOf([['manifest.json', Buffer.from('{}')], [name, Buffer.from('x')]]))
      expect((await refusal(openPackage(join(dir, 'x.zip')))).problem, name).toBe('unsafe-path')
    }
  })

  it('an entry that inflates past the size it declares is stopped as soon as it does (a zip bomb that lies)', async () => {
    const { path, data } = await goodPackage()
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024))
    const entries = [...(await rawEntries(path))].map(
      ([name, bytes]): TestEntry => (name === 'data/return.json' ? { name: utf8(name), data: bomb, method: 8, declaredSize: data.length } : { name: utf8(name), data: bytes }),
    )
    writeFileSync(join(dir, 'x.zip'), buildZip(entries))
    const opened = await openPackage(join(dir, 'x.zip'), { keyFor: () => key })
    let delivered = 0
    const failure = await (async () => {
      try {
        for await (const chunk of await opened.openFile('data/return.json')) delivered += (chunk as Buffer).length
      } catch (error) {
        return error
      }
    })()
    opened.close()
    expect(failure).toMatchObject({ problem: 'size-mismatch' })
    expect(delivered).toBeLessThanOrEqual(data.length)
  })

  it('a zip bomb by ratio or by declared size', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024)
    writeFileSync(
      join(dir, 'x.zip'),
      buildZip([
        { name: utf8('manifest.json'), data: Buffer.from('{}') },
        { name: utf8('data/x.bin'), data: deflateSync(zeros), method: 8, declaredSize: zeros.length },
      ]),
    )
    expect((await refusal(openPackage(join(dir, 'x.zip')))).problem).toBe('too-large')
    const limits = { ...PACKAGE_LIMITS, entries: 3 }
    writeFileSync(join(dir, 'y.zip'), zipOf(['a', 'b', 'c', 'd'].map((n): [string, Buffer] => [`data/${n}`, Buffer.from(n)])))
    expect((await refusal(openPackage(join(dir, 'y.zip'), { limits }))).problem).toBe('too-large')
  })
})
