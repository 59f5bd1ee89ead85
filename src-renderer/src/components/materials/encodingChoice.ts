/** The per-archive name encoding switch: 自动识别 leaves the archive out of `encodings` (the core guesses). */
import type { ZipNameEncoding } from '@shared/schemas/material'

export type EncodingChoice = 'auto' | ZipNameEncoding

export const ENCODING_OPTIONS: { value: EncodingChoice; label: string }[] = [
  { value: 'auto', label: '自动识别' },
  { value: 'utf8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GBK（GB18030）' },
]

export function withEncoding(encodings: Record<string, ZipNameEncoding>, key: string, choice: EncodingChoice): Record<string, ZipNameEncoding> {
  const next = { ...encodings }
  if (choice === 'auto') delete next[key]
  else next[key] = choice
  return next
}

export const encodingLabel = (e: ZipNameEncoding): string => (e === 'utf8' ? 'UTF-8' : 'GBK（GB18030）')
