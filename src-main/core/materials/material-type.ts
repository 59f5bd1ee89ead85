/**
 * What a stored material is served as (`/material/<id>`, `material://m/<id>`): decided once at import
 * from the extraction (which looked at the bytes) and the bytes' own signature, never from the name.
 */
import type { MaterialKind } from '../../shared/schemas/material'

export const OFFICE_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** What the worker learnt about a file beside its text. */
export interface SniffedType {
  /** file-type's MIME type from the leading bytes, when it knows the signature. */
  mime?: string
  /** For plain text: the bytes are UTF-8 (with or without BOM); otherwise they are GB18030/GBK. */
  utf8?: boolean
}

/**
 * Plain text is served with the charset its bytes are really in (GBK files are common on Chinese
 * Windows): `charset=utf-8` on GBK bytes would show mojibake, and octet-stream would make the viewer
 * download instead of show. Browsers know the GB18030 label, a superset of GBK.
 */
export function contentTypeOf(kind: MaterialKind, sniffed: SniffedType): string {
  switch (kind) {
    case 'pdf':
      return 'application/pdf'
    case 'docx':
    case 'xlsx':
      return OFFICE_TYPES[kind]
    case 'image':
      return sniffed.mime?.startsWith('image/') ? sniffed.mime : 'application/octet-stream'
    case 'txt':
      return sniffed.utf8 ? 'text/plain; charset=utf-8' : 'text/plain; charset=gb18030'
    default:
      return 'application/octet-stream'
  }
}
