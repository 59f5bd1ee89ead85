/**
 * What an import's sources hold: a flat list of files with the names they will be stored under.
 * A folder is walked (relative folders kept in the name, symlinks not followed, system files such as
 * Thumbs.db, .DS_Store and __MACOSX/ skipped); a zip — recognised by its bytes — is expanded through
 * zip-archive.ts with its names decoded once per archive; an upload is a staged file of `POST /upload`.
 * A zip found inside a source (in a folder, an upload set or another zip) is expanded too, one level
 * deep: a zip inside THAT is stored as a file. Nothing is written except a nested zip unpacked to a
 * temp file, which `dispose()` removes.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream, rmSync, type Dirent } from 'node:fs'
import { mkdir, open, readdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileTypeFromBuffer } from 'file-type'
import type { MaterialSource, RefusedFile, ZipNameEncoding } from '../../shared/schemas/material'
import { DomainError } from '../errors'
import { materialsDir } from './material-store'
import { readUpload, type StagedUpload } from './uploads'
import { openZip, type OpenZip } from './zip-archive'
import { safeRelativePath } from './zip-names'

export interface SourceFile {
  /** Relative name with "/" separators, as it will be stored. */
  name: string
  size: number
  /** Key of the archive it comes out of. */
  archive?: string
  open(): Promise<Readable>
}

export interface ArchiveInfo {
  key: string
  name: string
  encoding: ZipNameEncoding
  declared: boolean
}

export interface CollectedSources {
  files: SourceFile[]
  archives: ArchiveInfo[]
  refused: RefusedFile[]
  /** Upload ids read (an import consumes them). */
  uploads: string[]
  /** Closes open archives and removes unpacked nested zips (synchronous: see import-files.ts on commit). */
  dispose(): void
}

export interface CollectOptions {
  dataDir: string
  encodings: Record<string, ZipNameEncoding>
  /**
   * 'unit': a picked folder's or zip's content lands at the root of the unit's materials. 'batch': when
   * several folders or zips are picked, each keeps its own name as the first folder (a zip its name
   * without extension), so the batch can group by it; a single one is the root.
   */
  mode: 'unit' | 'batch'
  signal?: AbortSignal
}

/** Files no one handed in on purpose: OS and tool leftovers, Office lock files. */
const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '__macosx', '$recycle.bin', 'system volume information'])
export const isSystemName = (segment: string): boolean => segment.startsWith('.') || segment.startsWith('~$') || SYSTEM_NAMES.has(segment.toLowerCase())
const isSystemPath = (path: string) => path.split('/').some(isSystemName)

export const EMPTY_REASON = '文件为空（0 字节），没有导入'
const UNDECODABLE = '文件名无法识别（按当前编码读出的名称含有无法解码的字节），请换一种编码，或改名后重新打包'

/** Zip containers that are documents, not archives to expand. */
const DOCUMENT_ZIPS = new Set(['.docx', '.docm', '.dotx', '.xlsx', '.xlsm', '.xltx', '.pptx', '.ofd', '.epub', '.odt', '.ods', '.odp', '.jar', '.apk'])

/** A zip archive by its bytes (a renamed .zip too), but not a DOCX/XLSX/OFD, which are zips inside. */
async function isZipArchive(path: string, name: string): Promise<boolean> {
  if (DOCUMENT_ZIPS.has(extname(name).toLowerCase())) return false
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(4100)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) return false
    return (await fileTypeFromBuffer(head.subarray(0, bytesRead)))?.ext === 'zip'
  } finally {
    await handle.close()
  }
}

/** Reads from disk in 1 MB chunks: a 200 MB scan is 200 trips through the hashing stream, not 3,200. */
const READ_CHUNK_BYTES = 1024 * 1024

const stem = (name: string) => {
  const base = name.split('/').pop() ?? name
  const ext = extname(base)
  return ext && ext !== base ? base.slice(0, -ext.length) : base
}
const dirOf = (name: string) => (name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '')

/** Upload names of a folder upload all start with the picked folder's name; that folder is the root. */
function commonRoot(names: string[]): string {
  const first = names[0]?.split('/')
  if (!first || first.length < 2) return ''
  return names.every((n) => n.split('/').length >= 2 && n.split('/')[0] === first[0]) ? `${first[0]}/` : ''
}

export async function collectSources(sources: MaterialSource[], options: CollectOptions): Promise<CollectedSources> {
  const { dataDir, encodings, signal } = options
  const files: SourceFile[] = []
  const archives: ArchiveInfo[] = []
  const refused: RefusedFile[] = []
  const opened: OpenZip[] = []
  const temps: string[] = []
  const uploads: string[] = []
  const tmpDir = join(materialsDir(dataDir), '.tmp')
  let keepTopNames = false

  const archiveKey = (name: string) => {
    let key = name
    for (let n = 2; archives.some((a) => a.key === key); n++) key = `${name}#${n}`
    return key
  }

  const diskFile = (name: string, path: string, size: number): SourceFile => ({ name, size, open: async () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }) })

  /** Expands the zip at `path` (shown as `name`); entries are stored under `prefix`. `depth` 1 = nested. */
  async function expandZip(path: string, name: string, prefix: string, depth: number): Promise<void> {
    const key = archiveKey(name)
    let zip: OpenZip
    try {
      zip = await openZip(path, { encoding: encodings[key] })
    } catch (error) {
      refused.push({ name, reason: error instanceof DomainError ? error.message : '无法读取压缩包：文件已损坏或不是 .zip 格式' })
      return
    }
    opened.push(zip)
    const { listing } = zip
    archives.push({ key, name, encoding: listing.encoding, declared: listing.declared })
    for (const r of listing.refused) refused.push({ name: `${name}：${r.rawName}`, reason: r.reason })
    for (const entry of listing.entries) {
      signal?.throwIfAborted()
      if (entry.isDirectory || isSystemPath(entry.name)) continue
      if (entry.name.includes('\uFFFD')) {
        refused.push({ name: `${name}：${entry.name}`, reason: UNDECODABLE })
        continue
      }
      if (depth === 0 && extname(entry.name).toLowerCase() === '.zip') {
        // yauzl needs random access: the nested zip is unpacked to a temp file first.
        const tmp = join(tmpDir, `${randomUUID()}.zip`)
        await mkdir(tmpDir, { recursive: true })
        temps.push(tmp)
        await pipeline(await zip.openEntry(entry.name), (await open(tmp, 'wx')).createWriteStream(), { signal })
        if (await isZipArchive(tmp, entry.name)) {
          await expandZip(tmp, `${name}/${entry.name}`, `${prefix}${dirOf(entry.name)}${stem(entry.name)}/`, depth + 1)
          continue
        }
      }
      if (entry.size === 0) refused.push({ name: prefix + entry.name, reason: EMPTY_REASON })
      else files.push({ name: prefix + entry.name, size: entry.size, archive: key, open: () => zip.openEntry(entry.name) })
    }
  }

  /** A file on disk or staged: expanded when it is a zip, else one file. */
  async function addFile(path: string, name: string, size: number, top: boolean): Promise<void> {
    if (await isZipArchive(path, name)) {
      const prefix = top && !keepTopNames ? '' : `${dirOf(name)}${stem(name)}/`
      return expandZip(path, name, prefix, 0)
    }
    if (size === 0) refused.push({ name, reason: EMPTY_REASON })
    else files.push(diskFile(name, path, size))
  }

  async function walk(dir: string, prefix: string): Promise<void> {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      refused.push({ name: prefix || basename(dir), reason: '无法读取该文件夹（没有权限或已被移走）' })
      return
    }
    entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    for (const entry of entries) {
      signal?.throwIfAborted()
      const name = prefix + entry.name
      if (isSystemName(entry.name)) continue
      // A link may point anywhere (outside the folder, or back into it): not followed.
      if (entry.isSymbolicLink()) refused.push({ name, reason: '是快捷方式（符号链接），未导入其指向的内容' })
      else if (entry.isDirectory()) await walk(join(dir, entry.name), `${name}/`)
      else if (entry.isFile()) await addFile(join(dir, entry.name), name, (await stat(join(dir, entry.name))).size, false)
    }
  }

  try {
    const staged: StagedUpload[] = []
    for (const source of sources) {
      if (source.type !== 'upload') continue
      staged.push(await readUpload(dataDir, source.uploadId))
      uploads.push(source.uploadId)
    }
    const root = commonRoot(staged.map((u) => u.name))
    const paths = sources.flatMap((s) => (s.type === 'path' ? [s.path] : []))
    // Files picked one by one are top-level items; a folder upload (names with folders) is one item, like a picked folder.
    const picked = staged.filter((u) => !u.name.includes('/')).length
    const topCount = paths.length + picked + (picked < staged.length ? 1 : 0)
    keepTopNames = options.mode === 'batch' && topCount > 1
    for (const path of paths) {
      signal?.throwIfAborted()
      const info = await stat(path).catch(() => undefined)
      const name = basename(path)
      if (!info) refused.push({ name: path, reason: '找不到该文件或文件夹' })
      else if (info.isDirectory()) await walk(path, keepTopNames ? `${name}/` : '')
      else if (!isSystemName(name)) await addFile(path, name, info.size, true)
    }
    for (const upload of staged) {
      signal?.throwIfAborted()
      const name = upload.name.slice(root.length)
      const safe = safeRelativePath(name)
      if (!safe.ok) refused.push({ name, reason: safe.reason })
      else if (!isSystemPath(safe.path)) await addFile(upload.path, safe.path, upload.size, !upload.name.includes('/'))
    }
  } catch (error) {
    dispose()
    throw error
  }

  function dispose(): void {
    for (const zip of opened.splice(0)) zip.close()
    for (const tmp of temps.splice(0)) rmSync(tmp, { force: true })
  }

  return { files, archives, refused, uploads, dispose }
}
