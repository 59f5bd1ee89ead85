/**
 * Writes a package zip as a stream (yazl): each file is read once, hashed on its way into the zip,
 * and the manifest — which needs those hashes — is the last entry written (readers find it by name).
 * The zip goes to a temporary file beside the destination, is flushed to the device, checked (every
 * entry listed with its size), and only then renamed: a stick pulled out mid-write leaves a `.part`
 * file that is never taken for a package.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto'
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AUTH_PATH, FIRST_APP_READING, MANIFEST_PATH, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, isSafePackagePath, type PackageAuth, type PackageFile, type PackageManifest } from './package-manifest'
import { ChunkPool, pooledFileReader, pooledFileWriter } from './chunk-pool'
import { listPackageEntries } from './package-reader'
import yazl from './yazl-native-crc'

export interface PackageSource {
  /** Name inside the package (see isSafePackagePath). */
  path: string
  /** The file to read. */
  from: string
  /** Deflate it (data files) or store it as is (materials: PDFs and images are compressed already). */
  compress: boolean
  /** When known (content-addressed materials), the hash the bytes must have: a damaged store file stops the write. */
  expectSha256?: string
}

export type ManifestFields = Omit<PackageManifest, 'format' | 'formatVersion' | 'minAppVersion' | 'packageId' | 'createdAt' | 'files'>

export interface WriteOptions {
  /** Return packages: the reviewer's key; writes manifest.hmac. */
  key?: Buffer
  signal?: AbortSignal
  /** Bytes of file content written so far, of the total. */
  onProgress?: (done: number, total: number) => void
}

export class PackageWriteError extends Error {}

/**
 * Reads of 1 MB into a pool of 8 reused buffers: each chunk passes five streams (hash, yazl's CRC,
 * counters, output), so fewer of them pay; the pool bounds what is in flight (~8 MB).
 */
const READ_CHUNK = 1024 * 1024
const POOL_CHUNKS = 8

/** Writes the package to `dest` (replacing a file of that name only once the new one is complete). */
export async function writePackage(dest: string, fields: ManifestFields, sources: PackageSource[], options: WriteOptions = {}): Promise<PackageManifest> {
  for (const s of sources) if (!isSafePackagePath(s.path) || s.path === MANIFEST_PATH || s.path === AUTH_PATH) throw new PackageWriteError(`不安全的包内文件名：${s.path}`)
  const sizes = await Promise.all(sources.map(async (s) => (await stat(s.from)).size))
  const total = sizes.reduce((a, b) => a + b, 0)
  const temp = join(dirname(dest), `.${basename(dest)}.${randomUUID().slice(0, 8)}.part`)
  const files: PackageFile[] = []
  let done = 0
  let manifest: PackageManifest | undefined
  let manifestBytes: Buffer | undefined
  const zip = new yazl.ZipFile()
  // yazl does not watch its input streams' errors: a failed read, a wrong hash or a cancel ends the write here.
  let stop!: (error: unknown) => void
  const stopped = new Promise<never>((_, reject) => (stop = reject))
  stopped.catch(() => undefined)
  zip.on('error', (error: unknown) => stop(error))
  const onAbort = () => stop(new PackageWriteError('已取消'))
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const pool = new ChunkPool(POOL_CHUNKS, READ_CHUNK)
  const inputs: Readable[] = []
  sources.forEach((source, i) => {
    zip.addReadStreamLazy(source.path, { compress: source.compress, size: sizes[i], mtime: new Date(0) }, (cb) => {
      if (options.signal?.aborted) return cb(new PackageWriteError('已取消'), null as unknown as Readable)
      const hash = createHash('sha256')
      const seen = (chunk: Buffer) => {
        hash.update(chunk)
        done += chunk.length
        options.onProgress?.(done, total)
      }
      const ended = () => {
        const sha256 = hash.digest('hex')
        if (source.expectSha256 && source.expectSha256 !== sha256) return new PackageWriteError(`文件已损坏（内容与校验值不符）：${source.path}`)
        files[i] = { path: source.path, size: sizes[i], sha256 }
      }
      const input = pooledFileReader(source.from, pool, source.compress, seen, ended)
      input.on('error', (error) => stop(error))
      inputs.push(input)
      cb(null, input)
    })
  })
  // Called by yazl after every file above has been read: their hashes are known now.
  zip.addReadStreamLazy(MANIFEST_PATH, { compress: true, mtime: new Date(0) }, (cb) => {
    manifest = {
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      minAppVersion: FIRST_APP_READING[PACKAGE_FORMAT_VERSION],
      packageId: randomUUID(),
      createdAt: new Date().toISOString(),
      ...fields,
      files: [...files],
    }
    manifestBytes = Buffer.from(JSON.stringify(manifest, null, 1), 'utf8')
    cb(null, bufferStream(manifestBytes))
  })
  if (options.key) {
    const key = options.key
    zip.addReadStreamLazy(AUTH_PATH, { compress: false, mtime: new Date(0) }, (cb) => {
      const auth: PackageAuth = { alg: 'HMAC-SHA256', reviewerId: fields.reviewer!.id, tag: createHmac('sha256', key).update(manifestBytes!).digest('hex') }
      cb(null, bufferStream(Buffer.from(JSON.stringify(auth), 'utf8')))
    })
  }
  zip.end()
  const handle = await open(temp, 'wx').catch((error: unknown) => {
    options.signal?.removeEventListener('abort', onAbort)
    throw error
  })
  // The output fsyncs before it finishes, on the handle that wrote (Windows flushes only handles with write access).
  // 4 MB of writes may wait, so the next chunks are read and hashed while the disk takes the last ones.
  const output = pooledFileWriter(handle, pool, 4 * 1024 * 1024)
  const stopFlushing = flushWhileWriting(handle, output, stop)
  try {
    await Promise.race([pipeline(zip.outputStream, output), stopped])
    stopFlushing()
    await handle.close()
    await checkWritten(temp, files.length + 1 + (options.key ? 1 : 0))
    await rename(temp, dest)
    await flushToDevice(dirname(dest)).catch(() => undefined) // directories cannot be fsynced everywhere (Windows)
  } catch (error) {
    stopFlushing()
    pool.close(error) // a reader waiting for a buffer stops and closes its file
    for (const input of inputs) input.destroy() // and one that was reading: no handle left on a material
    zip.outputStream.unpipe(output)
    if (!output.closed) await new Promise<void>((resolve) => output.destroy().once('close', () => resolve()))
    await handle.close().catch(() => undefined) // closed already, unless the write failed before
    await rm(temp, { force: true })
    throw error
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  return manifest!
}

function bufferStream(bytes: Buffer): Readable {
  const stream = new PassThrough()
  stream.end(bytes)
  return stream
}

async function flushToDevice(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Bytes written since the last background flush that start the next one. */
const FLUSH_STEP = 32 * 1024 * 1024

/**
 * While the zip is written, what is written so far is flushed in the background, one flush at a time,
 * so the disk works along and the fsync that ends the write waits for the tail only (the kernel would
 * otherwise keep a whole GB in memory until then). A failed flush fails the write: after a failed
 * fsync Linux may report the next one as a success, so it is never left to the last one to notice.
 */
function flushWhileWriting(handle: FileHandle, output: ReturnType<typeof pooledFileWriter>, fail: (error: unknown) => void): () => void {
  let flushed = 0
  let busy = false
  const timer = setInterval(() => {
    if (busy || output.written() - flushed < FLUSH_STEP) return
    busy = true
    flushed = output.written()
    handle.datasync().then(
      () => (busy = false),
      (error: unknown) => fail(error),
    )
  }, 50)
  const stopTimer = () => clearInterval(timer)
  // Before the stream's own fsync and close (a flush in flight when it closes delays the close, no more).
  output.once('finish', stopTimer)
  return stopTimer
}

/** The central directory read back lists every entry: the file is whole (content was hashed on the way in). */
async function checkWritten(path: string, expectedEntries: number): Promise<void> {
  const entries = await listPackageEntries(path)
  if (entries.length !== expectedEntries) throw new PackageWriteError(`写入的评审包不完整（${entries.length}/${expectedEntries} 个文件），请检查磁盘空间后重试`)
}
