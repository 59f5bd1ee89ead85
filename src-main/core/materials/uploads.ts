/**
 * Browser mode's staged uploads (`POST /upload`): each file streamed to `<dataDir>/uploads/<id>`
 * through a temp file, its name beside it in `<id>.json`. An upload is consumed by the import that
 * uses it; whatever is left (an abandoned preview, a crash) is swept when the core starts.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { UploadedFile } from '../../shared/schemas/material'
import { DomainError } from '../errors'
import { toStoreError } from './material-store'
import { safeRelativePath } from './zip-names'

/** One file of a unit's materials; the zip limits allow 4 GB unpacked, a single upload no more. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const uploadsDir = (dataDir: string) => join(dataDir, 'uploads')

/** The upload is over the size limit: the bridge answers 413. */
export class UploadTooLarge extends DomainError {
  constructor(limit: number) {
    super('VALIDATION', `上传的文件过大（单个文件上限 ${limit / 1024 / 1024 / 1024} GB），请分开上传或使用桌面版导入`)
    this.name = 'UploadTooLarge'
  }
}

export interface StagedUpload extends UploadedFile {
  /** The staged bytes on disk (read by the import, never exposed to the page). */
  path: string
}

/** The name as the page sent it (folders allowed), checked like a zip entry's: no absolute, drive or `..` paths. */
export function checkUploadName(name: string): string {
  const safe = safeRelativePath(name)
  if (!safe.ok) throw new DomainError('VALIDATION', `文件名“${name}”不能使用：${safe.reason}`)
  if (safe.isDirectory) throw new DomainError('VALIDATION', `“${name}”是文件夹，不是文件`)
  return safe.path
}

/**
 * Streams one upload to disk. Over `limit` bytes, an aborted request or a disk error: the temp file
 * is removed and nothing is left.
 */
export async function saveUpload(dataDir: string, rawName: string, body: Readable, limit = MAX_UPLOAD_BYTES): Promise<UploadedFile> {
  const name = checkUploadName(rawName)
  const dir = uploadsDir(dataDir)
  const uploadId = randomUUID()
  const part = join(dir, `${uploadId}.part`)
  let handle: FileHandle
  try {
    await mkdir(dir, { recursive: true })
    handle = await open(part, 'wx')
  } catch (error) {
    throw toStoreError(error)
  }
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      done(size > limit ? new UploadTooLarge(limit) : null, chunk)
    },
  })
  try {
    await pipeline(body, meter, handle.createWriteStream())
    await writeMeta(dir, uploadId, { uploadId, name, size })
    await rename(part, join(dir, uploadId))
    return { uploadId, name, size }
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(part, { force: true })
    await rm(join(dir, `${uploadId}.json`), { force: true })
    throw toStoreError(error)
  }
}

async function writeMeta(dir: string, id: string, meta: UploadedFile): Promise<void> {
  await writeFile(join(dir, `${id}.json`), JSON.stringify(meta), { flag: 'wx' })
}

/** A staged upload by id, or NOT_FOUND (used already, swept at a restart, or never uploaded). */
export async function readUpload(dataDir: string, uploadId: string): Promise<StagedUpload> {
  const gone = () => new DomainError('NOT_FOUND', '上传的文件已不存在（可能已导入，或程序重启后已清理），请重新上传')
  if (!ID.test(uploadId)) throw gone()
  try {
    const meta = JSON.parse(await readFile(join(uploadsDir(dataDir), `${uploadId}.json`), 'utf8')) as UploadedFile
    return { uploadId, name: meta.name, size: meta.size, path: join(uploadsDir(dataDir), uploadId) }
  } catch {
    throw gone()
  }
}

export async function removeUpload(dataDir: string, uploadId: string): Promise<void> {
  if (!ID.test(uploadId)) return
  await rm(join(uploadsDir(dataDir), uploadId), { force: true })
  await rm(join(uploadsDir(dataDir), `${uploadId}.json`), { force: true })
}
