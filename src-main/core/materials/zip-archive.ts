/**
 * Reading a zip of a unit's materials safely. Everything is decided from the central directory
 * before a byte is inflated: names are decoded as DOMAIN.md §5 says (see zip-names.ts), paths that
 * could escape the extraction folder are refused, and zip bombs are refused by entry count, sizes
 * and compression ratio. yauzl (validateEntrySizes) then stops any entry that inflates to more than
 * its directory entry declared, so the declared sizes checked here are the sizes that get written.
 */
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { DomainError } from '../errors'
import { declaredUtf8Name, decodeName, guessEncoding, safeRelativePath, type RawZipName, type ZipNameEncoding } from './zip-names'

const MB = 1024 * 1024
const GB = 1024 * MB

export const MATERIAL_ZIP_LIMITS = {
  /** A unit's zipped folder holds tens to a few hundred files. */
  entries: 10_000,
  /** One file: scanned ledgers reach 200 MB. */
  entryBytes: 1 * GB,
  /** All files together, unpacked. */
  totalBytes: 4 * GB,
  /** Inflated / compressed, for files above 1 MB: documents stay far below, zip bombs go far beyond. */
  ratio: 100,
}
export type ZipLimits = typeof MATERIAL_ZIP_LIMITS

export interface ZipListing {
  /** How names without a UTF-8 declaration were read; the organizer can force the other one. */
  encoding: ZipNameEncoding
  /** Every name is declared UTF-8 by the archive itself (flag or 0x7075 field): the encoding is not a guess. */
  declared: boolean
  entries: { name: string; size: number; compressedSize: number; isDirectory: boolean }[]
  /** Entries that will not be extracted, each with the reason to show. */
  refused: { rawName: string; reason: string }[]
}

export interface ZipReadOptions {
  /** Overrides the guessed encoding of names the archive does not declare as UTF-8. */
  encoding?: ZipNameEncoding
  limits?: ZipLimits
}

const refusedArchive = (reason: string) => new DomainError('IMPORT_INVALID', `无法读取压缩包：${reason}`)
const corrupt = () => refusedArchive('文件已损坏或不是 .zip 格式')

interface Scan {
  zip: yauzl.ZipFile
  listing: ZipListing
  byName: Map<string, yauzl.Entry>
}

function readDirectory(zipPath: string): Promise<{ zip: yauzl.ZipFile; entries: yauzl.Entry[] }> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }
    yauzl.open(zipPath, options, (error, zip) => {
      if (error || !zip) {
        const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
        return reject(missing ? refusedArchive('找不到该文件') : corrupt())
      }
      const entries: yauzl.Entry[] = []
      zip.on('error', () => {
        zip.close()
        reject(corrupt())
      })
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry)
        zip.readEntry()
      })
      zip.on('end', () => resolve({ zip, entries }))
      zip.readEntry()
    })
  })
}

/** With decodeStrings off, yauzl leaves the raw name bytes in `fileName`. */
const rawOf = (entry: yauzl.Entry): RawZipName => ({
  bytes: entry.fileName as unknown as Buffer,
  flags: entry.generalPurposeBitFlag,
  extraFields: entry.extraFields,
})

function entryRefusal(entry: yauzl.Entry, limits: ZipLimits): string | undefined {
  const size = entry.uncompressedSize
  if (entry.isEncrypted()) return '文件已加密，请解除密码后重新打包'
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return '使用了不支持的压缩方式，请用常见的 zip 工具重新打包'
  if (size > limits.entryBytes) return `解压后超过 ${limits.entryBytes / MB} MB，请单独导入该文件`
  if (size > MB && size / Math.max(entry.compressedSize, 1) > limits.ratio) return '压缩比异常（可能是恶意的“压缩炸弹”），已拒绝解压'
  return undefined
}

async function scan(zipPath: string, options: ZipReadOptions): Promise<Scan> {
  const limits = options.limits ?? MATERIAL_ZIP_LIMITS
  const { zip, entries } = await readDirectory(zipPath)
  try {
    // The end record's count is checked too, but a forged one is caught by counting what was read.
    if (Math.max(zip.entryCount, entries.length) > limits.entries)
      throw refusedArchive(`压缩包中有 ${Math.max(zip.entryCount, entries.length)} 个文件，超过上限 ${limits.entries} 个`)
    const raws = entries.map(rawOf)
    const encoding = options.encoding ?? guessEncoding(raws)
    const declared = raws.every((raw) => declaredUtf8Name(raw) !== undefined)
    const listing: ZipListing = { encoding, declared, entries: [], refused: [] }
    const byName = new Map<string, yauzl.Entry>()
    let total = 0
    entries.forEach((entry, i) => {
      const rawName = decodeName(raws[i], encoding)
      const path = safeRelativePath(rawName)
      if (!path.ok) return listing.refused.push({ rawName, reason: path.reason })
      const key = path.isDirectory ? `${path.path}/` : path.path
      if (byName.has(key)) return listing.refused.push({ rawName, reason: '与压缩包中的另一个文件同名' })
      const reason = path.isDirectory ? undefined : entryRefusal(entry, limits)
      if (reason) return listing.refused.push({ rawName, reason })
      total += path.isDirectory ? 0 : entry.uncompressedSize
      byName.set(key, entry)
      listing.entries.push({ name: path.path, size: entry.uncompressedSize, compressedSize: entry.compressedSize, isDirectory: path.isDirectory })
    })
    if (total > limits.totalBytes) throw refusedArchive(`解压后共超过 ${limits.totalBytes / GB} GB，请分成几个压缩包导入`)
    return { zip, listing, byName }
  } catch (error) {
    zip.close()
    throw error
  }
}

/** Lists what the archive holds and what of it will not be extracted, inflating nothing. */
export async function listZip(zipPath: string, options: ZipReadOptions = {}): Promise<ZipListing> {
  const { zip, listing } = await scan(zipPath, options)
  zip.close()
  return listing
}

/** An archive kept open to read many of its files in turn (an import), instead of one scan per file. */
export interface OpenZip {
  listing: ZipListing
  /** The inflated bytes of one listed file (`name` as the listing gave it). */
  openEntry(name: string): Promise<Readable>
  close(): void
}

export async function openZip(zipPath: string, options: ZipReadOptions = {}): Promise<OpenZip> {
  const { zip, listing, byName } = await scan(zipPath, options)
  const openEntry = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = byName.get(name)
      if (!entry) return reject(refusedArchive(`压缩包中没有可读取的文件“${name}”`))
      zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(corrupt()) : resolve(stream)))
    })
  return { listing, openEntry, close: () => zip.close() }
}

/**
 * The inflated bytes of one listed file (`name` as listZip gave it, read with the same encoding).
 * The archive is closed when the stream ends or is destroyed.
 */
export async function openEntryStream(zipPath: string, name: string, options: ZipReadOptions = {}): Promise<Readable> {
  const zip = await openZip(zipPath, options)
  try {
    const stream = await zip.openEntry(name)
    stream.once('close', () => zip.close())
    return stream
  } catch (error) {
    zip.close()
    throw error
  }
}
