/**
 * The material store: content-addressed files under `<dataDir>/materials/<sha256>`.
 * Content is streamed in once (hashed while it is copied to a temp file, then renamed into place)
 * and streamed out by hash, so a 1 GB scan never sits in memory and no caller ever hands us a path
 * to read. Identical content is stored once.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { ReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ErrorCode } from '../../shared/errors'
import { DomainError } from '../errors'

const SHA256 = /^[0-9a-f]{64}$/

export type MaterialErrorCode = Extract<ErrorCode, 'DISK_FULL' | 'DB_READ_ONLY' | 'DB_NOT_A_FILE' | 'DISK_IO' | 'VALIDATION' | 'NOT_FOUND' | 'OUT_OF_RANGE'>

/** A failure of the store a user can act on (full disk, read-only folder, missing material…). */
export class MaterialStoreError extends DomainError {
  declare readonly code: MaterialErrorCode
  constructor(code: MaterialErrorCode, message: string) {
    super(code, message)
    this.name = 'MaterialStoreError'
  }
}

const errno = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Disk errors from writing into the store, in words; anything else (an abort, a source's own error) is returned as it is. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof MaterialStoreError) return error
  switch (errno(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new MaterialStoreError('DISK_FULL', '磁盘空间不足，材料没有保存。请清理磁盘或换一个数据目录后重试，没有留下写了一半的文件。')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new MaterialStoreError('DB_READ_ONLY', '材料文件夹无法写入（只读、没有写入权限，或在写保护的 U 盘上），材料没有保存。请检查数据目录的权限后重试。')
    case 'ENOTDIR':
      return new MaterialStoreError('DB_NOT_A_FILE', '数据目录中 materials 的位置上是一个文件，不是文件夹，材料没有保存。请把这个文件移走或改名后重试。')
    case 'EIO':
      return new MaterialStoreError('DISK_IO', '读写磁盘时出错（磁盘或 U 盘可能有故障或已拔出），材料没有保存。请检查磁盘后重试。')
    default:
      return error
  }
}

export const materialsDir = (dataDir: string) => join(dataDir, 'materials')

export const isSha256 = (value: unknown): value is string => typeof value === 'string' && SHA256.test(value)

/** The file of a stored material; refuses anything but 64 lowercase hex digits, so no outside path gets through. */
export function materialPath(dataDir: string, sha256: string): string {
  if (!isSha256(sha256)) throw new MaterialStoreError('VALIDATION', '材料编号无效（应为 64 位小写十六进制的 SHA-256）。')
  return join(materialsDir(dataDir), sha256)
}

export interface PutResult {
  sha256: string
  size: number
  /** false when identical content was already stored (the new copy was dropped). */
  stored: boolean
}

export interface PutOptions {
  /** Aborting stops the copy and removes the temp file; the promise rejects with the AbortError. */
  signal?: AbortSignal
  /**
   * false: do not wait for the bytes to reach the disk before the rename. An import stores many files,
   * then makes them durable together with syncStored() before its rows commit — one flush wait per
   * import instead of one per file, while the kernel writes back during text extraction.
   */
  durable?: boolean
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    (error: unknown) => {
      if (errno(error) === 'ENOENT') return false
      throw error
    },
  )

/** Closes the temp file (if still open) before it is removed, so Windows can delete it too. */
async function discard(handle: FileHandle, tmp: string): Promise<void> {
  await handle.close().catch(() => undefined)
  await rm(tmp, { force: true })
}

/**
 * Stores a stream in one pass: SHA-256 and size are computed while it is written to
 * `materials/.tmp/`, then the file is renamed to its hash. On any error or abort the temp file
 * is removed and nothing is left; disk errors become a `MaterialStoreError`.
 */
export function putStream(dataDir: string, source: Readable | AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<PutResult> {
  return putVia(dataDir, options, async (handle, meter) => {
    const metering = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        meter(chunk)
        done(null, chunk)
      },
    })
    // flush: the bytes reach the disk before the rename makes them a stored material.
    await pipeline(source, metering, handle.createWriteStream({ flush: options.durable ?? true }), { signal: options.signal })
  })
}

/**
 * Stores chunks as putStream does, each written before the next is asked for: the source may read the
 * next one into the buffer of the one before (a package's materials, read in two reused buffers).
 */
export function putChunks(dataDir: string, chunks: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<PutResult> {
  return putVia(dataDir, options, async (handle, meter) => {
    for await (const chunk of chunks) {
      options.signal?.throwIfAborted()
      const writing = writeAll(handle, chunk) // hashed while the write copies it out
      meter(chunk)
      await writing
    }
    options.signal?.throwIfAborted()
    if (options.durable ?? true) await handle.sync()
    await handle.close()
  })
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten
}

/** The temp file, the hash and the rename of a put; `fill` writes the bytes (and closes the handle), showing each to `meter`. */
async function putVia(dataDir: string, options: PutOptions, fill: (handle: FileHandle, meter: (chunk: Uint8Array) => void) => Promise<void>): Promise<PutResult> {
  const dir = materialsDir(dataDir)
  const tmpDir = join(dir, '.tmp')
  let handle: FileHandle
  const tmp = join(tmpDir, `${randomUUID()}.part`)
  try {
    options.signal?.throwIfAborted()
    await mkdir(tmpDir, { recursive: true })
    // Opened before streaming (not lazily by the stream) so an early failure cannot create the file after cleanup.
    handle = await open(tmp, 'wx')
  } catch (error) {
    throw toStoreError(error)
  }
  const hash = createHash('sha256')
  let size = 0
  try {
    await fill(handle, (chunk) => {
      hash.update(chunk)
      size += chunk.length
    })
    const sha256 = hash.digest('hex')
    const target = join(dir, sha256)
    if (await exists(target)) {
      await discard(handle, tmp)
      return { sha256, size, stored: false }
    }
    await rename(tmp, target)
    return { sha256, size, stored: true }
  } catch (error) {
    await discard(handle, tmp).catch(() => undefined)
    throw toStoreError(error)
  }
}

/** Stores a file from disk (an imported scan). A source that cannot be read is named in the error. */
export async function putFile(dataDir: string, path: string, options: PutOptions = {}): Promise<PutResult> {
  let source: FileHandle
  try {
    source = await open(path, 'r')
  } catch (error) {
    const code = errno(error)
    if (code === 'ENOENT') throw new MaterialStoreError('NOT_FOUND', `找不到要导入的文件：${path}`)
    if (code === 'EISDIR') throw new MaterialStoreError('VALIDATION', `要导入的是一个文件夹，不是文件：${path}`)
    if (code === 'EACCES' || code === 'EPERM') throw new MaterialStoreError('VALIDATION', `没有权限读取要导入的文件：${path}`)
    throw error
  }
  try {
    return await putStream(dataDir, source.createReadStream(), options)
  } finally {
    await source.close().catch(() => undefined)
  }
}

/** Makes stored materials durable (see PutOptions.durable): every file's data flushed, in parallel. */
export async function syncStored(dataDir: string, hashes: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(hashes)].map(async (sha256) => {
      // Opened for writing: Windows flushes only handles with write access.
      const handle = await open(materialPath(dataDir, sha256), 'r+').catch((error: unknown) => {
        throw toStoreError(error)
      })
      try {
        await handle.datasync()
      } catch (error) {
        throw toStoreError(error)
      } finally {
        await handle.close()
      }
    }),
  )
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number
  /** Last byte, inclusive (as in an HTTP `Range: bytes=start-end` header). */
  end: number
}

export interface OpenedMaterial {
  stream: ReadStream
  /** The whole material's size (for Content-Length / Content-Range). */
  size: number
}

/** A read stream over a stored material, whole or one byte range; refuses a bad hash, a missing material or a range outside it. */
export async function openMaterial(dataDir: string, sha256: string, range?: ByteRange): Promise<OpenedMaterial> {
  const path = materialPath(dataDir, sha256)
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    const code = errno(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MaterialStoreError('NOT_FOUND', '材料文件不存在或已被删除。')
    throw toStoreError(error)
  }
  try {
    const { size } = await handle.stat()
    if (range) {
      const { start, end } = range
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end >= size) {
        throw new MaterialStoreError('OUT_OF_RANGE', `请求的字节范围 ${start}-${end} 超出了材料的大小（${size} 字节）。`)
      }
    }
    return { stream: handle.createReadStream(range ? { start: range.start, end: range.end } : {}), size }
  } catch (error) {
    await handle.close().catch(() => undefined)
    throw error
  }
}

/**
 * Deletes stored materials whose hash is not in `keep` (after a cancelled import), returning the
 * removed hashes. Only names that are hashes are touched; `.tmp` (puts in flight) is left alone.
 */
export async function removeUnreferenced(dataDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(materialsDir(dataDir))
  } catch (error) {
    if (errno(error) === 'ENOENT') return []
    throw toStoreError(error)
  }
  const removed: string[] = []
  for (const name of names) {
    if (!isSha256(name) || keep.has(name)) continue
    try {
      await rm(join(materialsDir(dataDir), name), { force: true })
    } catch (error) {
      throw toStoreError(error)
    }
    removed.push(name)
  }
  return removed
}
