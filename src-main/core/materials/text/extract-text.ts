/**
 * The searchable text of one material file. The kind is decided from the file's BYTES (file-type),
 * the extension only telling apart formats that share a container (an OLE2 .doc / .wps / .xls,
 * a zip .ofd) and naming plain text, which has no signature.
 */
import { open, readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import { decodeCsvText } from '../../import/csv-table'
import { readXlsxTablesTruncated, type SheetTable } from '../../import/xlsx-table'
import { readDocxText } from './docx-text'
import { readPdfPagesFromFile } from './pdf-text'

export type MaterialTextKind = 'pdf' | 'docx' | 'xlsx' | 'txt' | 'image' | 'unsupported'

export interface MaterialText {
  kind: MaterialTextKind
  /** One entry per PDF page; a single entry for every other kind ('' when there is no text). */
  pages: string[]
  /** False when nothing in the file is text: a scanned PDF, an image, an unsupported format. */
  hasTextLayer: boolean
  /** Why there is no text, for the user (zh-CN). */
  note?: string
}

/** Plain-text materials larger than this are logs or data dumps, not something read in a review. */
const MAX_TEXT_BYTES = 32 * 1024 * 1024
/** file-type needs at most this many leading bytes, except for zip-based Office files (read whole). */
const SNIFF_BYTES = 64 * 1024
const TEXT_EXTENSIONS = new Set(['.txt', '.csv', '.md', '.log'])
const OFFICE_ZIP_EXTENSIONS = new Set(['.docx', '.xlsx'])

const OLD_FORMAT_NOTES: Record<string, string> = {
  '.doc': '旧版 Word 文档（.doc）无法在程序内显示，请用系统程序打开',
  '.wps': 'WPS 文字文档（.wps）无法在程序内显示，请用系统程序打开',
  '.xls': '旧版 Excel 表格（.xls）无法在程序内显示，请用系统程序打开',
  '.ppt': '旧版 PowerPoint 演示文稿（.ppt）无法在程序内显示，请用系统程序打开',
  '.et': 'WPS 表格文件（.et）无法在程序内显示，请用系统程序打开',
  '.dps': 'WPS 演示文件（.dps）无法在程序内显示，请用系统程序打开',
}
const OLE2_NOTE = '旧版 Office 或 WPS 文件无法在程序内显示，请用系统程序打开'
const OFD_NOTE = 'OFD 版式文件无法在程序内显示，请用系统程序打开'
const UNKNOWN_NOTE = '无法识别的文件格式，请用系统程序打开'
const IMAGE_NOTE = '图片中的文字无法搜索'
const XLSX_CUT_NOTE = '表格很大，只有前面的部分行列可以搜索和在程序内查看；完整内容请用系统程序打开'
export const SCANNED_NOTE = '这是扫描件，没有文字层，其中的文字无法搜索'

const unsupported = (note: string): MaterialText => ({ kind: 'unsupported', pages: [''], hasTextLayer: false, note })
const single = (kind: MaterialTextKind, text: string): MaterialText => ({ kind, pages: [text], hasTextLayer: text.trim() !== '' })

async function sniff(path: string): Promise<Awaited<ReturnType<typeof fileTypeFromBuffer>>> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0)
    return await fileTypeFromBuffer(head.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

export interface ExtractOptions {
  signal?: AbortSignal
  /** The file's own name when `path` does not carry it (a stored material is named by its hash). */
  name?: string
}

export async function extractText(path: string, options: ExtractOptions = {}): Promise<MaterialText> {
  const { signal } = options
  signal?.throwIfAborted()
  const name = basename(options.name ?? path)
  const extension = extname(name).toLowerCase()
  const type = await sniff(path)
  signal?.throwIfAborted()

  if (!type) {
    if (!TEXT_EXTENSIONS.has(extension)) return unsupported(UNKNOWN_NOTE)
    const data = await readFile(path)
    if (data.length > MAX_TEXT_BYTES) return unsupported(`文本文件过大（超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB），请用系统程序打开`)
    return single('txt', decodeCsvText(data))
  }
  if (type.ext === 'pdf') {
    const pages = await readPdfPagesFromFile(name, path, signal)
    const hasTextLayer = pages.some((p) => p.trim() !== '')
    return { kind: 'pdf', pages: pages.length ? pages : [''], hasTextLayer, ...(hasTextLayer ? {} : { note: SCANNED_NOTE }) }
  }
  if (type.mime.startsWith('image/')) return { kind: 'image', pages: [''], hasTextLayer: false, note: IMAGE_NOTE }
  if (type.ext === 'cfb') return unsupported(OLD_FORMAT_NOTES[extension] ?? OLE2_NOTE)
  if (extension === '.ofd') return unsupported(OFD_NOTE)
  // The head may be too short for file-type to look inside a zip; then the name says whether it is worth
  // reading whole (a plain .zip archive of hundreds of MB is not).
  if (type.ext === 'docx' || type.ext === 'xlsx' || (type.ext === 'zip' && OFFICE_ZIP_EXTENSIONS.has(extension))) {
    const data = await readFile(path)
    const whole = await fileTypeFromBuffer(data)
    if (whole?.ext === 'docx') return single('docx', await readDocxText(name, data, signal))
    if (whole?.ext === 'xlsx') {
      // A ledger is a material, not a unit list: past the reader's limits its text is cut, never refused.
      const { tables, truncated } = await readXlsxTablesTruncated(name, data)
      return { ...single('xlsx', tablesText(tables)), ...(truncated ? { note: XLSX_CUT_NOTE } : {}) }
    }
  }
  return unsupported(UNKNOWN_NOTE)
}

/** Cells of a row joined by tabs, rows by lines, sheets separated by a line with the sheet's name. */
function tablesText(tables: SheetTable[]): string {
  return tables
    .map((t) => [`【${t.name}】`, ...t.rows.map((r) => r.cells.join('\t').trimEnd())].join('\n'))
    .join('\n\n')
    .trim()
}
