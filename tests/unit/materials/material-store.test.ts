import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  MaterialStoreError,
  materialsDir,
  openMaterial,
  putFile,
  putChunks,
  putStream,
  removeUnreferenced,
  toStoreError,
} from '../../../src-main/core/materials/material-store'

const CHUNK = 64 * 1024

/** Chunk `i` of a generated stream: fresh bytes each time, never the whole content in memory. */
function chunk(i: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(CHUNK)
  for (let k = 0; k < CHUNK; k += 4) b.writeUInt32LE((i * 2654435761 + k * 40503 + seed) >>> 0, k)
  return b
}

/** A generated stream of `chunks` × 64 KiB and the SHA-256 it must have (computed alongside, chunk by chunk). */
function generated(chunks: number, seed = 1) {
  const expected = createHash('sha256')
  for (let i = 0; i < chunks; i++) expected.update(chunk(i, seed))
  const sha256 = expected.digest('hex')
  const stream = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++) {
        yield chunk(i, seed)
      }
    })(),
  )
  return { stream, sha256, size: chunks * CHUNK }
}

const readAll = async (stream: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = []
  for await (const part of stream) parts.push(part)
  return Buffer.concat(parts)
}

const tmpLeft = (dataDir: string) => {
  const dir = join(materialsDir(dataDir), '.tmp')
  return existsSync(dir) ? readdirSync(dir) : []
}
const stored = (dataDir: string) => readdirSync(materialsDir(dataDir)).filter((n) => n !== '.tmp')

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'material-store-'))
})
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

describe('material store', () => {
  it('stores a multi-MB stream under its SHA-256 and reads it back byte for byte', async () => {
    const { stream, sha256, size } = generated(80) // 5 MiB
    const result = await putStream(dataDir, stream)
    expect(result).toEqual({ sha256, size, stored: true })
    expect(stored(dataDir)).toEqual([sha256])
    expect(tmpLeft(dataDir)).toEqual([])

    const opened = await openMaterial(dataDir, sha256)
    expect(opened.size).toBe(size)
    const back = await readAll(opened.stream)
    expect(createHash('sha256').update(back).digest('hex')).toBe(sha256)
  })

  it('stores identical content once, whether it comes as a stream or a file', async () => {
    const first = await putStream(dataDir, generated(20, 7).stream)
    const second = await putStream(dataDir, generated(20, 7).stream)
    expect(first.stored).toBe(true)
    expect(second).toEqual({ ...first, stored: false })

    const file = join(dataDir, 'scan.pdf')
    writeFileSync(file, await readAll(generated(20, 7).stream))
    expect(await putFile(dataDir, file)).toEqual({ ...first, stored: false })
    expect(stored(dataDir)).toEqual([first.sha256])
    expect(tmpLeft(dataDir)).toEqual([])
  })

  it('an abort in the middle of a stream leaves neither a temp file nor a material', async () => {
    const controller = new AbortController()
    // A slow source (a USB stick): 50 chunks arrive, then it stalls and the user cancels.
    let sent = 0
    const stream = new Readable({
      read() {
        if (sent < 50) this.push(chunk(sent++, 3))
        else if (sent++ === 50) setImmediate(() => controller.abort())
      },
    })
    await expect(putStream(dataDir, stream, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent).toBeGreaterThan(50)
    expect(tmpLeft(dataDir)).toEqual([])
    expect(stored(dataDir)).toEqual([])
  })

  it('a source that fails part way leaves nothing and reports its own error', async () => {
    const failing = Readable.from(
      (function* () {
        yield chunk(0, 1)
        yield chunk(1, 1)
        throw new Error('U 盘被拔出')
      })(),
    )
    await expect(putStream(dataDir, failing)).rejects.toThrow('U 盘被拔出')
    expect(tmpLeft(dataDir)).toEqual([])
    expect(stored(dataDir)).toEqual([])
  })

  it('chunks read into one reused buffer are each stored before the next is read (a package’s materials)', async () => {
    const { sha256, size } = generated(40, 5)
    const buffer = Buffer.allocUnsafe(CHUNK)
    async function* reused() {
      for (let i = 0; i < 40; i++) {
        chunk(i, 5).copy(buffer)
        yield buffer
      }
    }
    const result = await putChunks(dataDir, reused())
    expect(result).toEqual({ sha256, size, stored: true })
    expect(createHash('sha256').update(readFileSync(join(materialsDir(dataDir), sha256))).digest('hex')).toBe(sha256)
    expect(tmpLeft(dataDir)).toEqual([])
  })

  it('chunks that fail part way, or a cancel, leave nothing', async () => {
    async function* failing() {
      yield chunk(0, 1)
      throw new Error('U 盘被拔出')
    }
    await expect(putChunks(dataDir, failing())).rejects.toThrow('U 盘被拔出')
    const controller = new AbortController()
    async function* cancelled() {
      yield chunk(0, 2)
      controller.abort()
      yield chunk(1, 2)
    }
    await expect(putChunks(dataDir, cancelled(), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(tmpLeft(dataDir)).toEqual([])
    expect(stored(dataDir)).toEqual([])
  })

  it('reads byte ranges (inclusive ends, as HTTP Range asks) and refuses one past the end', async () => {
    const content = Buffer.from('0123456789abcdefghij')
    const file = join(dataDir, 'small.txt')
    await writeFile(file, content)
    const { sha256 } = await putFile(dataDir, file)

    const middle = await openMaterial(dataDir, sha256, { start: 5, end: 9 })
    expect((await readAll(middle.stream)).toString()).toBe('56789')
    expect(middle.size).toBe(20)
    const last = await openMaterial(dataDir, sha256, { start: 19, end: 19 })
    expect((await readAll(last.stream)).toString()).toBe('j')

    await expect(openMaterial(dataDir, sha256, { start: 10, end: 20 })).rejects.toMatchObject({ code: 'OUT_OF_RANGE' })
    await expect(openMaterial(dataDir, sha256, { start: 6, end: 5 })).rejects.toMatchObject({ code: 'OUT_OF_RANGE' })
  })

  it.each(['../x', '../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(64)}/`, ''])(
    'refuses %j as a material id (never a path from outside)',
    async (id) => {
      const error = await openMaterial(dataDir, id).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MaterialStoreError)
      expect(error).toMatchObject({ code: 'VALIDATION' })
      expect((error as Error).message).toContain('材料编号无效')
    },
  )

  it('a well-formed id that is not stored is NOT_FOUND, in Chinese', async () => {
    await expect(openMaterial(dataDir, 'f'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND', message: '材料文件不存在或已被删除。' })
  })

  it('a missing source file is named in the error and nothing is stored', async () => {
    const missing = join(dataDir, '不存在.pdf')
    await expect(putFile(dataDir, missing)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `找不到要导入的文件：${missing}` })
    expect(existsSync(materialsDir(dataDir))).toBe(false)
  })

  it('a full disk (a real ENOSPC from /dev/full) becomes DISK_FULL in Chinese', () => {
    let raw: unknown
    try {
      writeFileSync('/dev/full', 'x')
    } catch (error) {
      raw = error
    }
    expect(raw).toMatchObject({ code: 'ENOSPC' })
    const error = toStoreError(raw)
    expect(error).toBeInstanceOf(MaterialStoreError)
    expect(error).toMatchObject({ code: 'DISK_FULL' })
    expect((error as Error).message).toContain('磁盘空间不足')
  })

  it('a materials folder that cannot be created (a file in its place) fails before anything is written', async () => {
    writeFileSync(materialsDir(dataDir), 'not a folder')
    const error = await putStream(dataDir, generated(2).stream).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MaterialStoreError)
    expect(error).toMatchObject({ code: 'DB_NOT_A_FILE' })
    expect((error as Error).message).toContain('materials 的位置上是一个文件')
    expect(readFileSync(materialsDir(dataDir), 'utf8')).toBe('not a folder')
  })

  it('removeUnreferenced deletes only stored materials outside the kept set', async () => {
    const a = await putStream(dataDir, generated(1, 11).stream)
    const b = await putStream(dataDir, generated(1, 12).stream)
    const c = await putStream(dataDir, generated(1, 13).stream)
    const stray = join(materialsDir(dataDir), 'README.txt')
    writeFileSync(stray, 'not a material')

    const removed = await removeUnreferenced(dataDir, new Set([a.sha256]))
    expect(removed.sort()).toEqual([b.sha256, c.sha256].sort())
    expect(stored(dataDir).sort()).toEqual([a.sha256, 'README.txt'].sort())
    await expect(openMaterial(dataDir, b.sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await removeUnreferenced(join(dataDir, 'nowhere'), new Set())).toEqual([])
  })

  it('stores a 200 MB stream without holding it in memory', async () => {
    const chunks = (200 * 1024 * 1024) / CHUNK
    // The expected hash is computed while the stream is generated, so the test itself holds no copy either.
    const expected = createHash('sha256')
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < chunks; i++) {
          const c = chunk(i, 5)
          expected.update(c)
          yield c
        }
      })(),
    )
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 5)
    const result = await putStream(dataDir, stream).finally(() => clearInterval(sampler))
    peak = Math.max(peak, process.memoryUsage().rss)
    expect(result).toMatchObject({ sha256: expected.digest('hex'), size: 200 * 1024 * 1024, stored: true })
    expect(peak - before).toBeLessThan(100 * 1024 * 1024)
  })
})
