/**
 * One HTTP `Range: bytes=…` header against a file of `size` bytes (RFC 9110 §14.1.2). pdf.js asks
 * for chunks this way so a 500-page scan opens without reading it whole. Only a single range is
 * served; a multi-range request gets the whole file, which the RFC allows.
 */
import { contentDisposition } from './content-disposition'

export type RangeAnswer =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' }

export function parseByteRange(header: string | null | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' }
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' }
  const [, first, last] = match
  if (first === '') {
    // bytes=-N: the last N bytes.
    const length = Number(last)
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  // last < first is not a range at all (RFC 9110 §14.1.1): ignored, like a malformed header.
  if (last !== '' && Number(last) < start) return { kind: 'whole' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end }
}

/** Headers every served material carries: its type (never sniffed) and that it is shown, not saved. */
export function materialHeaders(material: { contentType: string; name: string }, length: number): Record<string, string> {
  const base = material.name.split('/').pop() ?? 'material'
  return {
    'content-type': material.contentType,
    'content-length': String(length),
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'content-disposition': contentDisposition('inline', base),
    // Content behind an id never changes, but a deleted material must not live on in a cache.
    'cache-control': 'private, no-cache',
  }
}
