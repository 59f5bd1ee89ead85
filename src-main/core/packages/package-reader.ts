/**
 * Reads a package without trusting it. Before any byte reaches the database the reader has checked:
 * it is a whole zip; every entry name is one a package may hold (package-manifest.ts) and no entry is
 * encrypted or oversized; the manifest parses, is of this format and not a newer version; the zip holds
 * exactly the files the manifest lists, at their sizes; the authentication tag (return packages) fits
 * the reviewer's key. Each file's SHA-256 is checked as it is read (openFile / extractFile): a mismatch
 * fails the stream, and the caller keeps nothing of it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { Readable, Transform, pipeline as pipelineCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createInflateRaw } from 'node:zlib'
import yauzl from 'yauzl'
import { z } from 'zod'
import { FileReader, READ_CHUNK } from './package-file-reader'
import { AUTH_PATH, MANIFEST_PATH, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, PACKAGE_KIND_NAMES, PackageAuth, PackageManifest, isSafePackagePath, type PackageKind } from './package-manifest'
import { packageError } from './package-errors'

const MB = 1024 * 1024
export const PACKAGE_LIMITS = {
  entries: 200_000,
  /** The manifest and the authentication tag are read into memory: keep them small. */
  manifestBytes: 64 * MB,
  entryBytes: 4 * 1024 * MB,
  totalBytes: 64 * 1024 * MB,
  /** Inflated / compressed above 1 MB: data files compress ~10×, a zip bomb thousands of times. */
  ratio: 200,
}

export interface PackageEntry {
  path: string
  size: number
  compressedSize: number
}

export interface OpenedPackage {
  manifest: PackageManifest
  /** The verified bytes of `manifest.json` (what the tag covers). */
  manifestBytes: Buffer
  auth: PackageAuth | null
  /** A file's bytes; the stream fails if they are not the size and SHA-256 the manifest lists. */
  /**
   * `{ hash: false }`: the caller hashes the bytes itself (the material store does, to name the file)
   * and compares with the manifest — the size is still checked here; the bytes are not hashed twice.
   */
  openFile(path: string, options?: { hash?: boolean }): Promise<Readable>
  /**
   * A file's bytes for a caller that hashes them itself (the material store) and writes each chunk
   * before asking for the next: the size is checked here, the SHA-256 is not. A stored entry (every
   * material) is read in two reused buffers — a chunk is valid only until the next one is asked for.
   */
  openChunks(path: string): Promise<AsyncIterable<Buffer>>
  /** Writes a file out (verified as openFile). */
  extractFile(path: string, dest: string): Promise<void>
  close(): void
}

export interface OpenOptions {
  /** The kind the caller expects; another kind is refused with its name. */
  kind?: PackageKind
  /** Return packages: the reviewer's key (undefined: not a reviewer of this meeting, refused). */
  keyFor?: (reviewerId: string, manifest: PackageManifest) => Buffer | undefined
  limits?: typeof PACKAGE_LIMITS
}

interface Directory {
  zip: yauzl.ZipFile
  reader: FileReader
  entries: Map<string, yauzl.Entry>
}

/** Lists the entries (checked names and limits) and closes the file: the writer's check and tests. */
export async function listPackageEntries(path: string, limits = PACKAGE_LIMITS): Promise<PackageEntry[]> {
  const { zip, entries } = await readDirectory(path, limits)
  zip.close()
  return [...entries.values()].map((e) => ({ path: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize }))
}

export async function openPackage(path: string, options: OpenOptions = {}): Promise<OpenedPackage> {
  const limits = options.limits ?? PACKAGE_LIMITS
  const { zip, reader, entries } = await readDirectory(path, limits)
  try {
    const manifestEntry = entries.get(MANIFEST_PATH)
    if (!manifestEntry) throw packageError('no-manifest', '这不是评审包：缺少清单文件 manifest.json（可能是别的压缩包）')
    if (manifestEntry.uncompressedSize > limits.manifestBytes) throw packageError('bad-manifest', '评审包的清单文件过大，不是本软件制作的评审包')
    const manifestBytes = await readWhole(zip, manifestEntry)
    const manifest = parseManifest(manifestBytes, options.kind)
    checkListing(manifest, entries)
    const auth = await readAuth(zip, entries)
    if (manifest.kind === 'return') authenticate(manifest, manifestBytes, auth, options.keyFor)
    const listed = new Map(manifest.files.map((f) => [f.path, f]))
    const openFile = async (name: string, { hash = true }: { hash?: boolean } = {}): Promise<Readable> => {
      const file = listed.get(name)
      const entry = entries.get(name)
      if (!file || !entry) throw packageError('missing-file', `评审包中没有文件 ${name}`)
      return verifying(await openStream(zip, entry), file.size, hash ? file.sha256 : null, name)
    }
    const openChunks = async (name: string): Promise<AsyncIterable<Buffer>> => {
      const entry = entries.get(name)
      if (!listed.has(name) || !entry) throw packageError('missing-file', `评审包中没有文件 ${name}`)
      if (entry.compressionMethod !== 0) return openFile(name, { hash: false })
      // checkListing has matched its size with the manifest's, and yauzl a stored entry's two sizes.
      return storedChunks(reader, await dataStart(zip, entry), entry.uncompressedSize, name)
    }
    return {
      manifest,
      manifestBytes,
      auth,
      openFile,
      openChunks,
      extractFile: async (name, dest) => {
        const entry = entries.get(name)
        if (entry?.compressionMethod !== 0) return pipeline(await openFile(name), createWriteStream(dest, { flags: 'wx' }))
        // A stored entry (a return package's data file) straight from the file: no stream per piece (a third of the time).
        const chunks = await openChunks(name)
        await extractStored(chunks, dest, listed.get(name)!.sha256, name)
      },
      close: () => zip.close(),
    }
  } catch (error) {
    zip.close()
    throw error
  }
}

async function readDirectory(path: string, limits: typeof PACKAGE_LIMITS): Promise<Directory> {
  // A folder opens and only fails at its first read (EISDIR), in words no clerk should see; a pipe or a
  // device would hold the open (or the read) until something writes to it.
  const info = await stat(path).catch(() => null)
  if (info?.isDirectory()) throw packageError('not-zip', '所选的是一个文件夹，不是评审包：请打开文件夹，选择其中的 .zip 文件')
  if (info && !info.isFile()) throw packageError('not-zip', '这不是评审包（不是 .zip 文件），请选择由本软件导出的评审包')
  const reader = await FileReader.open(path).catch(async (error: unknown) => {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') throw packageError('not-found', '找不到该文件，请确认 U 盘已插好、文件还在')
    throw await whyUnreadable(path)
  })
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, reader.size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zipFile) => {
      if (zipFile && !error) return resolve(zipFile)
      // Closed before the answer: a refused package leaves no handle on the stick.
      void reader.handle
        .close()
        .catch(() => undefined)
        .then(() => whyUnreadable(path))
        .then(reject, reject)
    })
  })
  const entries = new Map<string, yauzl.Entry>()
  let total = 0
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(packageError('truncated', '评审包已损坏或不完整（可能是拷贝未完成就拔出了 U 盘），请重新拷贝')))
      zip.on('end', resolve)
      zip.on('entry', (entry: yauzl.Entry) => {
        try {
          const name = (entry.fileName as unknown as Buffer).toString('latin1')
          if (entries.size >= limits.entries) throw packageError('too-large', `评审包中的文件超过 ${limits.entries} 个，不是本软件制作的评审包`)
          if (!isSafePackagePath(name)) throw packageError('unsafe-path', `评审包中有不安全的文件名（${printable(name)}），已拒绝：本软件制作的评审包不会有这样的文件`)
          if (entries.has(name)) throw packageError('unsafe-path', `评审包中有两个同名文件 ${name}，已拒绝`)
          if (entry.isEncrypted()) throw packageError('encrypted', '评审包中的文件被加密，不是本软件制作的评审包')
          if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw packageError('bad-manifest', `评审包中的 ${name} 使用了不支持的压缩方式`)
          const size = entry.uncompressedSize
          if (size > limits.entryBytes || (size > MB && size / Math.max(entry.compressedSize, 1) > limits.ratio))
            throw packageError('too-large', `评审包中的 ${name} 解压后异常巨大（可能是恶意的“压缩炸弹”），已拒绝`)
          total += size
          if (total > limits.totalBytes) throw packageError('too-large', '评审包解压后过大，已拒绝')
          entry.fileName = name
          entries.set(name, entry)
          zip.readEntry()
        } catch (error) {
          reject(error)
        }
      })
      zip.readEntry()
    })
  } catch (error) {
    zip.close()
    throw error
  }
  return { zip, reader, entries }
}

/** A zip's local header starts with PK\3\4: if it does and yauzl still cannot read it, the end is missing. */
async function whyUnreadable(path: string): Promise<Error> {
  const handle = await open(path, 'r').catch(() => null)
  if (!handle) return packageError('not-found', '无法读取该文件，请确认 U 盘已插好、文件还在')
  try {
    const head = Buffer.alloc(4)
    // Something that opens but cannot be read as a file (a device, a broken stick) is no package either.
    const { bytesRead } = await handle.read(head, 0, 4, 0).catch(() => ({ bytesRead: 0 }))
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50
      ? packageError('truncated', '评审包不完整（文件被截断，可能是拷贝未完成就拔出了 U 盘），请重新拷贝')
      : packageError('not-zip', '这不是评审包（不是 .zip 文件），请选择由本软件导出的评审包')
  } finally {
    await handle.close()
  }
}

function parseManifest(bytes: Buffer, kind: PackageKind | undefined): PackageManifest {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw packageError('bad-manifest', '评审包的清单文件 manifest.json 无法读取（已损坏或被改动）')
  }
  const head = z.object({ format: z.string(), formatVersion: z.number().int() }).safeParse(raw)
  if (!head.success || head.data.format !== PACKAGE_FORMAT) throw packageError('bad-manifest', '这不是本软件制作的评审包（清单格式不符）')
  if (head.data.formatVersion > PACKAGE_FORMAT_VERSION) {
    const needed = z.object({ minAppVersion: z.string().max(40) }).safeParse(raw)
    const app = needed.success ? `现场评审 ${needed.data.minAppVersion} 或更新版本` : '更新版本的现场评审'
    throw packageError('newer-format', `该评审包由较新版本的软件制作（包格式第 ${head.data.formatVersion} 版），请升级到${app}后再导入`)
  }
  const parsed = PackageManifest.safeParse(raw)
  if (!parsed.success) throw packageError('bad-manifest', `评审包的清单文件有误（${z.prettifyError(parsed.error).split('\n')[0]}），不是完整的评审包`)
  const manifest = parsed.data
  if (kind && manifest.kind !== kind)
    throw packageError('wrong-kind', `这是${PACKAGE_KIND_NAMES[manifest.kind]}，不是${PACKAGE_KIND_NAMES[kind]}，请选择正确的文件`)
  if (manifest.kind !== 'archive' && !manifest.reviewer) throw packageError('bad-manifest', '评审包的清单文件缺少评委信息')
  return manifest
}

function checkListing(manifest: PackageManifest, entries: Map<string, yauzl.Entry>): void {
  const listed = new Set<string>()
  for (const file of manifest.files) {
    if (listed.has(file.path)) throw packageError('bad-manifest', `评审包的清单中 ${file.path} 出现两次`)
    listed.add(file.path)
    const entry = entries.get(file.path)
    if (!entry) throw packageError('missing-file', `评审包缺少文件 ${file.path}（清单中列出了它），请重新导出`)
    if (entry.uncompressedSize !== file.size) throw packageError('size-mismatch', `评审包中的 ${file.path} 大小与清单不符（文件被改动或已损坏）`)
  }
  for (const name of entries.keys()) {
    if (name !== MANIFEST_PATH && name !== AUTH_PATH && !listed.has(name))
      throw packageError('unlisted-file', `评审包中有清单未列出的文件 ${name}（文件被改动），已拒绝`)
  }
}

async function readAuth(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<PackageAuth | null> {
  const entry = entries.get(AUTH_PATH)
  if (!entry) return null
  if (entry.uncompressedSize > 4096) throw packageError('auth-failed', '评审结果包的认证信息有误，已拒绝')
  try {
    return PackageAuth.parse(JSON.parse((await readWhole(zip, entry)).toString('utf8')))
  } catch {
    throw packageError('auth-failed', '评审结果包的认证信息有误（文件被改动），已拒绝')
  }
}

function authenticate(manifest: PackageManifest, bytes: Buffer, auth: PackageAuth | null, keyFor: OpenOptions['keyFor']): void {
  const reviewer = manifest.reviewer!
  if (!auth) throw packageError('auth-missing', `评审结果包缺少认证信息，无法确认来自评委“${reviewer.name}”，已拒绝`)
  const key = auth.reviewerId === reviewer.id ? keyFor?.(reviewer.id, manifest) : undefined
  const expected = key ? createHmac('sha256', key).update(bytes).digest() : undefined
  if (!expected || !timingSafeEqual(expected, Buffer.from(auth.tag, 'hex')))
    throw packageError('auth-failed', `评审结果包认证失败：不是评委“${reviewer.name}”的电脑用其评审包导出的，或文件被改动过，已拒绝`)
}

/** Deflated entries (data files) come out in 256 KB pieces: yauzl's own inflater hands out 16 KB ones, ten times the stream hops. */
const INFLATE_CHUNK = 256 * 1024

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  const deflated = entry.compressionMethod === 8
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, deflated ? { decompress: false } : {}, (error, stream) => {
      if (error || !stream) return reject(packageError('truncated', `评审包中的 ${entry.fileName} 已损坏，请重新拷贝`))
      if (!deflated) return resolve(stream)
      // Its size is then checked as it comes out (`verifying`), as yauzl's inflater would.
      const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK })
      pipelineCallback(stream, inflate, (failed) => {
        if (failed && !inflate.destroyed) inflate.destroy(failed)
      })
      resolve(inflate)
    }),
  )
}

/** Where a stored entry's bytes start: yauzl reads its local header (signature, bounds within the file). */
function dataStart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  return new Promise((resolve, reject) =>
    zip.readLocalFileHeader(entry, { minimal: true }, (error, header) => {
      if (error || !header) return reject(packageError('truncated', `评审包中的 ${entry.fileName} 已损坏，请重新拷贝`))
      resolve(header.fileDataStart)
    }),
  )
}

/** Pieces of a stored entry read into two buffers in turn: the next is read while the caller handles this one. */
async function* storedChunks(reader: FileReader, start: number, size: number, name: string): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafeSlow(Math.min(READ_CHUNK, size)), Buffer.allocUnsafeSlow(Math.min(READ_CHUNK, size))]
  const readAt = async (buffer: Buffer, at: number): Promise<Buffer> => {
    const length = Math.min(buffer.length, size - at)
    let filled = 0
    while (filled < length) {
      const { bytesRead } = await reader.handle.read(buffer, filled, length - filled, start + at + filled).catch(() => ({ bytesRead: 0 }))
      // A file shorter than its directory says (or unreadable now): the stick was pulled out.
      if (bytesRead === 0) throw packageError('truncated', `评审包中的 ${name} 已损坏，请重新拷贝`)
      filled += bytesRead
    }
    return buffer.subarray(0, length)
  }
  let at = 0
  let turn = 0
  let pending: Promise<Buffer> | undefined = size > 0 ? readAt(buffers[0], 0) : undefined
  try {
    while (pending) {
      const chunk = await pending
      at += chunk.length
      turn ^= 1
      pending = at < size ? readAt(buffers[turn], at) : undefined
      pending?.catch(() => undefined) // awaited at the next turn, or below if the caller stops first
      yield chunk
    }
  } finally {
    await pending?.catch(() => undefined) // no read left filling a buffer once the caller is gone
  }
}

/** Writes a stored entry's pieces to `dest` (a new file), then checks them against the manifest's SHA-256; openChunks has checked the size. */
async function extractStored(chunks: AsyncIterable<Buffer>, dest: string, sha256: string, name: string): Promise<void> {
  const hash = createHash('sha256')
  const out = await open(dest, 'wx')
  try {
    for await (const chunk of chunks) {
      hash.update(chunk)
      await out.write(chunk)
    }
  } finally {
    await out.close()
  }
  if (hash.digest('hex') !== sha256) throw hashMismatch(name)
}

async function readWhole(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of await openStream(zip, entry)) chunks.push(chunk as Buffer)
  } catch {
    throw packageError('truncated', `评审包中的 ${entry.fileName} 已损坏，请重新拷贝`)
  }
  return Buffer.concat(chunks)
}

/** Passes the bytes through, failing at the end if their size or SHA-256 is not what the manifest says. */
function verifying(source: Readable, size: number, sha256: string | null, name: string): Readable {
  const hash = sha256 === null ? null : createHash('sha256')
  let seen = 0
  const check = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash?.update(chunk)
      seen += chunk.length
      // At once, not at the end: a zip bomb's entry inflates far past the size it declares.
      if (seen > size) return next(packageError('size-mismatch', `评审包中的 ${name} 大小与清单不符（文件被改动或已损坏）`))
      next(null, chunk)
    },
    flush(next) {
      if (seen !== size) return next(packageError('size-mismatch', `评审包中的 ${name} 大小与清单不符（文件被改动或已损坏）`))
      if (hash && hash.digest('hex') !== sha256) return next(hashMismatch(name))
      next()
    },
  })
  // pipeline, not pipe: an error on either side ends both, and reaches whoever reads `check` — never
  // an unhandled 'error' on the zip's own stream.
  pipelineCallback(source, check, (error) => {
    if (error && !check.destroyed) check.destroy(packageError('truncated', `评审包中的 ${name} 已损坏，请重新拷贝`))
  })
  return check
}

const hashMismatch = (name: string) => packageError('hash-mismatch', `评审包中的 ${name} 内容与清单的校验值不符（文件被改动或已损坏），已拒绝`)
const printable = (name: string) => name.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)

