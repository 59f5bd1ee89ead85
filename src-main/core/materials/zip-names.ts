/**
 * How a zip entry's raw name bytes become a safe relative path (DOMAIN.md §5). Zips made on Chinese
 * Windows store GBK names without the UTF-8 flag, macOS writes UTF-8 without the flag, and GBK second
 * bytes can be 0x5C ("\"), so names are decoded first and split on separators only afterwards.
 */
import { crc32 } from 'node:zlib'
import iconv from 'iconv-lite'

export type ZipNameEncoding = 'utf8' | 'gb18030'

/** The parts of a central directory entry the name depends on. */
export interface RawZipName {
  bytes: Buffer
  flags: number
  extraFields: { id: number; data: Buffer }[]
}

const UTF8_FLAG = 0x0800
const UNICODE_PATH_FIELD = 0x7075
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')

/**
 * The name the archive itself vouches for as UTF-8: bit 11 set, or an Info-ZIP Unicode Path field of
 * version 1 whose CRC-32 matches the raw name (a stale field, left by a tool that renamed the entry,
 * must be ignored). `undefined` when the name's encoding has to be guessed.
 */
export function declaredUtf8Name(raw: RawZipName): string | undefined {
  const field = raw.extraFields.find(
    (f) => f.id === UNICODE_PATH_FIELD && f.data.length >= 5 && f.data[0] === 1 && f.data.readUInt32LE(1) === crc32(raw.bytes),
  )
  if (field) return lenientUtf8.decode(field.data.subarray(5))
  if (raw.flags & UTF8_FLAG) return lenientUtf8.decode(raw.bytes)
  return undefined
}

function isStrictUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/**
 * Decided once per archive, over the names the archive does not vouch for: if every one of them is
 * valid UTF-8 it is UTF-8 (macOS, or plain ASCII), otherwise GB18030 (a superset of GBK).
 */
export function guessEncoding(raws: RawZipName[]): ZipNameEncoding {
  const undeclared = raws.filter((raw) => declaredUtf8Name(raw) === undefined)
  return undeclared.every((raw) => isStrictUtf8(raw.bytes)) ? 'utf8' : 'gb18030'
}

/** The entry's name as text, before any path check. */
export function decodeName(raw: RawZipName, encoding: ZipNameEncoding): string {
  const declared = declaredUtf8Name(raw)
  if (declared !== undefined) return declared
  return encoding === 'utf8' ? lenientUtf8.decode(raw.bytes) : iconv.decode(raw.bytes, 'gb18030')
}

export type SafePath = { ok: true; path: string; isDirectory: boolean } | { ok: false; reason: string }

/**
 * A decoded name as a relative path with "/" separators, or the reason it may not be extracted:
 * anything that could land outside the folder it is extracted into is refused.
 */
export function safeRelativePath(decoded: string): SafePath {
  const name = decoded.replace(/\\/g, '/')
  if (name.trim() === '') return { ok: false, reason: '文件名为空' }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return { ok: false, reason: '文件名含有控制字符' }
  if (name.startsWith('/')) return { ok: false, reason: '使用了绝对路径，可能覆盖电脑上的其他文件' }
  if (/^[A-Za-z]:/.test(name)) return { ok: false, reason: '带有盘符（如 C:），可能覆盖电脑上的其他文件' }
  const segments = name.split('/')
  if (segments.includes('..')) return { ok: false, reason: '路径中含有“..”，可能写到压缩包以外的位置' }
  const isDirectory = name.endsWith('/')
  const kept = segments.filter((s) => s !== '' && s !== '.')
  if (kept.length === 0) return { ok: false, reason: '文件名为空' }
  return { ok: true, path: kept.join('/'), isDirectory }
}
