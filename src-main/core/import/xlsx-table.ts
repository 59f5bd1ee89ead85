/**
 * Reads an .xlsx file into plain text tables (one per worksheet), with Excel's own row numbers so
 * messages can say “第 5 行”. Anything that is not a readable .xlsx becomes one clear Chinese error.
 *
 * Streaming, with hard limits checked while reading: the zip's directory first (xlsx-zip.ts), then
 * one SAX pass (saxes) per part, counting rows, columns and cells as they arrive. A workbook read
 * whole (exceljs's Workbook) took 4 GB of heap for a 19 MB file of 4 million rows; this reads the
 * worst file under the upload cap in constant memory and stops at the first limit it passes.
 */
import type { Readable } from 'node:stream'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { DomainError } from '../errors'
import { openXlsxZip, XlsxRefused, type XlsxZip } from './xlsx-zip'

export interface SheetRow {
  /** Excel's 1-based row number. */
  number: number
  /** Cell texts by 0-based column (A = 0), trimmed; '' for an empty cell. */
  cells: string[]
}
export interface SheetTable {
  name: string
  rows: SheetRow[]
}

export const TABLE_LIMITS = {
  /** Rows with content, per worksheet. */
  rows: 5000,
  /** Columns A…GR; a unit list has seven. */
  columns: 200,
  /** Cells with content, in the whole workbook. */
  cells: 100_000,
} as const

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

export async function readXlsxTables(fileName: string, data: Buffer): Promise<SheetTable[]> {
  return (await readXlsx(fileName, data, false)).tables
}

/**
 * For showing a workbook (a material's ledger): rows, columns and cells past TABLE_LIMITS are left
 * out and `truncated` says so, instead of refusing the file; the zip's limits still refuse it.
 */
export async function readXlsxTablesTruncated(fileName: string, data: Buffer): Promise<{ tables: SheetTable[]; truncated: boolean }> {
  return readXlsx(fileName, data, true)
}

/** Thrown by a handler to stop reading a part once a limit is reached in truncating mode. */
class StopPart extends Error {}

/** Refusing (unit lists) or truncating (viewing); `truncated` records that something was left out. */
interface Reading {
  truncate: boolean
  truncated: boolean
  cells: number
}

async function readXlsx(fileName: string, data: Buffer, truncate: boolean): Promise<{ tables: SheetTable[]; truncated: boolean }> {
  const cannot = (why: string) => new DomainError('IMPORT_INVALID', `无法读取 Excel 文件“${fileName}”：${why}`)
  if (data.length === 0) throw cannot('文件是空的')
  if (data.subarray(0, 8).equals(OLE2_MAGIC)) throw cannot('这是旧版 Excel（.xls）或加密的文件，请在 Excel 或 WPS 中“另存为”.xlsx 格式后再导入')
  if (!data.subarray(0, 4).equals(ZIP_MAGIC)) throw cannot('文件已损坏或不是 .xlsx 格式')
  let zip: XlsxZip | null = null
  try {
    zip = await openXlsxZip(data)
    const reading: Reading = { truncate, truncated: false, cells: TABLE_LIMITS.cells }
    const tables = await readWorkbook(zip, reading)
    return { tables, truncated: reading.truncated }
  } catch (error) {
    if (error instanceof XlsxRefused) throw cannot(error.message)
    throw cannot('文件已损坏或不是 .xlsx 格式')
  } finally {
    zip?.close()
  }
}

async function readWorkbook(zip: XlsxZip, reading: Reading): Promise<SheetTable[]> {
  if (!zip.names.includes('xl/workbook.xml')) throw new XlsxRefused('文件中没有工作表，可能不是 .xlsx 格式')
  const targets = new Map<string, string>()
  if (zip.names.includes('xl/_rels/workbook.xml.rels')) {
    await parsePart(zip, 'xl/_rels/workbook.xml.rels', {
      open(tag) {
        if (tag === 'Relationship') targets.set(this.attr('Id'), partPath(this.attr('Target')))
      },
    })
  }
  const sheets: { name: string; part: string }[] = []
  await parsePart(zip, 'xl/workbook.xml', {
    open(tag) {
      if (tag === 'sheet') sheets.push({ name: this.attr('name'), part: targets.get(this.attr(':id')) ?? '' })
    },
  })
  const found = sheets.filter((s) => zip.names.includes(s.part))
  if (found.length === 0) throw new XlsxRefused('文件中没有工作表，可能不是 .xlsx 格式')
  const shared = zip.names.includes('xl/sharedStrings.xml') ? await readSharedStrings(zip, reading) : []
  const tables: SheetTable[] = []
  for (const sheet of found) tables.push({ name: sheet.name, rows: await readSheet(zip, sheet.part, shared, reading) })
  return tables
}

/** “worksheets/sheet1.xml” or “/xl/worksheets/sheet1.xml” → “xl/worksheets/sheet1.xml”. */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`)

interface Handlers {
  open?(this: Cursor, tag: string): void
  text?(this: Cursor, text: string): void
  close?(this: Cursor, tag: string): void
}
interface Cursor {
  /** An attribute's value; `:id` matches `r:id` whatever the prefix is. */
  attr(name: string): string
}

/** One SAX pass over a part; element names without their namespace prefix (some writers use `x:`). */
async function parsePart(zip: XlsxZip, name: string, handlers: Handlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false })
  let attributes: Record<string, string> = {}
  const cursor: Cursor = {
    attr: (key) => (key.startsWith(':') ? (Object.entries(attributes).find(([k]) => k.endsWith(key))?.[1] ?? '') : (attributes[key] ?? '')),
  }
  const local = (tag: string) => tag.slice(tag.indexOf(':') + 1)
  parser.on('opentag', (tag: SaxesTagPlain) => {
    attributes = tag.attributes
    handlers.open?.call(cursor, local(tag.name))
  })
  if (handlers.text) parser.on('text', (text) => handlers.text!.call(cursor, text))
  if (handlers.close) parser.on('closetag', (tag: SaxesTagPlain) => handlers.close!.call(cursor, local(tag.name)))
  const stream: Readable = await zip.open(name)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    // A refusal thrown by a handler comes out of write(): the rest of the part is never inflated.
    for await (const chunk of stream) parser.write(decoder.decode(chunk as Buffer, { stream: true }))
    parser.write(decoder.decode()).close()
  } finally {
    stream.destroy()
  }
}

/** Excel writes characters it cannot put in XML as `_xHHHH_` (ECMA-376 ST_Xstring); `_x005F_` is “_”. */
const unescapeXstring = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text)

/** Stops the part when truncating (recording it), refuses the file otherwise. */
function limitReached(reading: Reading, refusal: string): never {
  if (!reading.truncate) throw new XlsxRefused(refusal)
  reading.truncated = true
  throw new StopPart()
}

/** Reads a part until its end or until a truncating limit stops it. */
async function parsePartUpToLimit(zip: XlsxZip, name: string, handlers: Handlers): Promise<void> {
  try {
    await parsePart(zip, name, handlers)
  } catch (error) {
    if (!(error instanceof StopPart)) throw error
  }
}

async function readSharedStrings(zip: XlsxZip, reading: Reading): Promise<string[]> {
  const strings: string[] = []
  let current = ''
  let inText = false
  let phonetic = 0
  await parsePartUpToLimit(zip, 'xl/sharedStrings.xml', {
    open(tag) {
      if (tag === 'si') current = ''
      else if (tag === 't') inText = phonetic === 0
      else if (tag === 'rPh') phonetic++
    },
    text(text) {
      if (inText) current += text
    },
    close(tag) {
      if (tag === 't') inText = false
      else if (tag === 'rPh') phonetic--
      else if (tag === 'si') {
        // Each cell points at one string at most: more strings than the cell budget serve no table.
        if (strings.length >= TABLE_LIMITS.cells) limitReached(reading, `表格内容过多：最多读取 ${TABLE_LIMITS.cells} 个单元格，请只保留参评单位名单后再导入`)
        strings.push(unescapeXstring(current))
      }
    },
  })
  return strings
}

/** “AB12” → 27 (0-based column), or -1 without letters. */
function columnOf(ref: string): number {
  let column = 0
  let i = 0
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~32
    if (code < 65 || code > 90) break
    column = column * 26 + code - 64
  }
  return i === 0 ? -1 : column - 1
}

async function readSheet(zip: XlsxZip, part: string, shared: string[], reading: Reading): Promise<SheetRow[]> {
  const rows: SheetRow[] = []
  let rowNumber = 0
  let cells: string[] = []
  let column = -1
  let type = ''
  let value = ''
  let collecting = false
  let phonetic = 0
  await parsePartUpToLimit(zip, part, {
    open(tag) {
      if (tag === 'row') {
        const r = Number(this.attr('r'))
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1
        cells = []
        column = -1
      } else if (tag === 'c') {
        const ref = columnOf(this.attr('r'))
        column = ref >= 0 ? ref : column + 1
        type = this.attr('t')
        value = ''
      } else if (tag === 'v' || (tag === 't' && phonetic === 0)) collecting = true
      else if (tag === 'rPh') phonetic++
    },
    text(text) {
      if (collecting) value += text
    },
    close(tag) {
      if (tag === 'v' || tag === 't') collecting = false
      else if (tag === 'rPh') phonetic--
      else if (tag === 'c') {
        const text = cellText(type, value, shared).trim()
        if (text === '') return
        if (column >= TABLE_LIMITS.columns) {
          if (!reading.truncate) throw new XlsxRefused(`表格过宽：最多读取 ${TABLE_LIMITS.columns} 列，请只保留参评单位名单后再导入`)
          reading.truncated = true
          return
        }
        if (--reading.cells < 0) limitReached(reading, `表格内容过多：最多读取 ${TABLE_LIMITS.cells} 个单元格，请只保留参评单位名单后再导入`)
        cells[column] = text
      } else if (tag === 'row' && cells.length > 0) {
        if (rows.length >= TABLE_LIMITS.rows) limitReached(reading, `表格过大：最多读取 ${TABLE_LIMITS.rows} 行，请只保留参评单位名单后再导入`)
        rows.push({ number: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
      }
    },
  })
  return rows
}

/** The text a person sees in a cell: shared or inline string, formula result, number or boolean. */
function cellText(type: string, value: string, shared: string[]): string {
  switch (type) {
    case 's':
      return shared[Number(value)] ?? ''
    case 'inlineStr':
    case 'str':
      return unescapeXstring(value)
    case 'b':
      return value === '1' ? '是' : value === '0' ? '否' : ''
    case 'e':
      return ''
    case 'd':
      return value.slice(0, 10)
    default: {
      if (value.trim() === '') return ''
      const number = Number(value)
      return Number.isFinite(number) ? String(number) : ''
    }
  }
}
