/**
 * Turns a spreadsheet table into unit rows (DOMAIN.md §5: 序号, 单位名称, 类别, 所属部门, 联系人, 电话,
 * optionally 品牌). Finds the header row wherever it is (a title row above it is common), accepts the
 * usual header wordings, and collects every row's problem instead of stopping at the first.
 */
import type { UnitFields } from '../../shared/schemas/unit'
import { findForbiddenChar, forbiddenCharMessage } from '../../shared/text-rules'
import type { SheetRow, SheetTable } from './xlsx-table'

type Field = 'seq' | 'name' | 'category' | 'department' | 'contact' | 'phone' | 'brand'

/** Header wordings per field, most specific first. Compared after `normalizeHeader`. */
const HEADER_SYNONYMS: Record<Field, string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['单位名称', '参评单位名称', '参评单位', '单位全称', '单位', '名称', '党组织名称', '支部名称'],
  category: ['类别', '单位类别', '参评类别', '类型', '单位类型', '单位性质'],
  department: ['所属部门', '部门', '主管部门', '所属单位', '所属委办局', '上级部门'],
  contact: ['联系人', '联络人', '联络员', '联系人姓名'],
  phone: ['电话', '联系电话', '电话号码', '办公电话', '手机', '手机号码', '联系方式'],
  brand: ['品牌', '特色品牌', '党建品牌', '品牌名称', '特色品牌名称', '支部品牌'],
}

/** Category wordings seen in real lists, mapped to the two the app knows. */
const CATEGORY_WORDS: Record<string, UnitFields['category']> = {
  处室: '处室',
  处室党支部: '处室',
  党支部: '处室',
  机关处室: '处室',
  机关党支部: '处室',
  内设机构: '处室',
  机关内设机构: '处室',
  科室: '处室',
  直属单位: '直属单位',
  事业单位: '直属单位',
  直属事业单位: '直属单位',
  下属单位: '直属单位',
  所属单位: '直属单位',
  二级单位: '直属单位',
  基层单位: '直属单位',
  直属机构: '直属单位',
}

/**
 * An organizer's own category wording (机关一处党支部, 局属事业单位…) mapped by what it says: an office
 * inside the agency or a unit under it. Unknown wordings are reported, never guessed at random.
 */
export function mapCategory(text: string): UnitFields['category'] | null {
  const t = text.replace(/[\s\u3000]/g, '')
  if (!t) return null
  if (CATEGORY_WORDS[t]) return CATEGORY_WORDS[t]
  if (/直属|事业|下属|所属|局属|二级|中心|站|所|院|队|馆/.test(t)) return '直属单位'
  if (/处|科|室|党支部|机关/.test(t)) return '处室'
  return null
}

/**
 * Rows that are not units: the 填表人/制表日期 footer under the list, notes (注：…), totals. They are
 * skipped and listed for the organizer, never read as a unit with a missing category.
 */
const NOT_A_UNIT = /^(?:(?:注|备注|说明|附注|日期)\s*[:：]|填表|制表|填报|审核人|审批人|核稿|负责人|联系人|联系电话|经办人|合计|共计|小计|总计)/

function notAUnitText(cells: string[], nameColumn: number | undefined, categoryColumn: number | undefined): string | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '')
  const category = categoryColumn === undefined ? '' : (cells[categoryColumn] ?? '').trim()
  if (category) return null
  const name = nameColumn === undefined ? '' : (cells[nameColumn] ?? '').trim()
  const text = filled.join(' ')
  if (NOT_A_UNIT.test(name || filled[0] || '')) return text
  // A lone sentence with a colon (“制表：王小雨  2024年12月1日”) in any column.
  if (filled.length <= 2 && filled.some((c) => /[：:]/.test(c)) && !category) return text
  return null
}

/** Phone numbers typed with a Chinese input method: full-width digits and dashes to ASCII. */
export const normalizePhone = (text: string): string =>
  text.replace(/[０-９（）－＋]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\u3000]/g, ' ').trim()

const LIMITS: Record<Exclude<Field, 'seq' | 'category'>, [string, number]> = {
  name: ['单位名称', 100],
  department: ['所属部门', 100],
  brand: ['品牌', 100],
  contact: ['联系人', 50],
  phone: ['电话', 50],
}

/** How far down a sheet the header may be (title rows, notes above it). */
const HEADER_SEARCH_ROWS = 20

export interface UnitListParse {
  sheetName: string
  headerRow: number
  rows: (UnitFields & { rowNumber: number })[]
  /** Rows with nothing in them (or only a 序号). */
  skipped: number
  /** Rows that are not units (footer, notes), skipped and shown to the organizer. */
  ignored: { rowNumber: number; text: string }[]
  errors: string[]
}

/** “单位名称（必填）”, “* 类 别：” → “单位名称”, “类别”. */
const normalizeHeader = (text: string) =>
  text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s\u3000*＊:：]/g, '')

/**
 * The header is the first row naming a 单位名称 column and at least one other known column; a row
 * with only a name-like cell (a title such as “参评单位”) is used only when nothing better exists.
 */
function findHeader(rows: SheetRow[]): { row: SheetRow; columns: Map<Field, number> } | null {
  let nameOnly: { row: SheetRow; columns: Map<Field, number> } | null = null
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns = new Map<Field, number>()
    const rank = new Map<Field, number>()
    row.cells.forEach((text, column) => {
      const header = normalizeHeader(text)
      for (const [field, words] of Object.entries(HEADER_SYNONYMS) as [Field, string[]][]) {
        const index = words.indexOf(header)
        if (index >= 0 && index < (rank.get(field) ?? Infinity)) {
          columns.set(field, column)
          rank.set(field, index)
        }
      }
    })
    if (columns.has('name') && columns.size > 1) return { row, columns }
    if (columns.has('name')) nameOnly ??= { row, columns }
  }
  return nameOnly
}

/** Throws nothing: sheet-level problems come back as a single entry in `errors`. */
export function parseUnitList(tables: SheetTable[], existingNames: Set<string>): UnitListParse {
  const withData = tables.filter((t) => t.rows.some((r) => r.cells.some((c) => c !== '')))
  const empty = (error: string): UnitListParse => ({ sheetName: tables[0]?.name ?? '', headerRow: 0, rows: [], skipped: 0, ignored: [], errors: [error] })
  if (withData.length === 0) return empty('表格是空的，没有任何内容')
  let found: { table: SheetTable; header: NonNullable<ReturnType<typeof findHeader>> } | null = null
  for (const table of withData) {
    const header = findHeader(table.rows)
    if (header) {
      found = { table, header }
      break
    }
  }
  if (!found) return empty('没有找到“单位名称”列：表头应包含“单位名称”（或“单位”“名称”）')
  const { table, header } = found
  const columns = header.columns
  const result: UnitListParse = { sheetName: table.name, headerRow: header.row.number, rows: [], skipped: 0, ignored: [], errors: [] }
  if (!columns.has('category')) {
    result.errors.push(`第 ${header.row.number} 行表头中没有“类别”列，每个单位都须注明“处室”或“直属单位”`)
    return result
  }
  const firstRowOf = new Map<string, number>()
  const filled = (row: SheetRow) => row.cells.some((text, column) => text !== '' && column !== columns.get('seq'))
  const body = table.rows.filter((r) => r.number > header.row.number)
  const lastWithContent = body.findLast((r) => r.cells.some((text) => text !== ''))?.number ?? header.row.number
  let previous = header.row.number
  for (const row of body.filter((r) => r.number <= lastWithContent)) {
    // Blank rows (absent from the table) and rows with nothing but a 序号 are skipped, not errors.
    result.skipped += row.number - previous - 1
    previous = row.number
    if (!filled(row)) {
      result.skipped++
      continue
    }
    const footer = notAUnitText(row.cells, columns.get('name'), columns.get('category'))
    if (footer !== null) {
      result.ignored.push({ rowNumber: row.number, text: footer })
      continue
    }
    const cell = (field: Field) => (columns.has(field) ? (row.cells[columns.get(field)!] ?? '') : '')
    const where = `第 ${row.number} 行`
    const problems: string[] = []
    const name = cell('name')
    if (!name) problems.push(`${where}：单位名称为空`)
    const categoryText = cell('category').replace(/[\s\u3000]/g, '')
    const category = mapCategory(categoryText)
    if (!categoryText) problems.push(`${where}：类别为空，应为“处室”或“直属单位”`)
    else if (!category) problems.push(`${where}：类别“${categoryText}”无法识别，应为“处室”（机关内设处室、党支部）或“直属单位”（下属中心、站、所等）`)
    const fields = {
      name,
      department: cell('department'),
      brand: cell('brand').replace(/^[【[“"「]+|[】\]”"」]+$/g, '').trim(),
      contact: cell('contact'),
      phone: normalizePhone(cell('phone')),
    }
    for (const [field, [label, max]] of Object.entries(LIMITS) as [keyof typeof LIMITS, [string, number]][]) {
      if (fields[field].length > max) problems.push(`${where}：${label}超过 ${max} 个字`)
      // The same rule as for typed text: these characters would break every document naming the unit.
      const forbidden = findForbiddenChar(fields[field])
      if (forbidden) problems.push(`${where}：${forbiddenCharMessage(label, forbidden)}`)
    }
    if (name) {
      const earlier = firstRowOf.get(name)
      if (earlier !== undefined) problems.push(`${where}：单位“${name}”与第 ${earlier} 行重复`)
      else if (existingNames.has(name)) problems.push(`${where}：单位“${name}”已在本会议的单位名单中`)
      else firstRowOf.set(name, row.number)
    }
    if (problems.length) result.errors.push(...problems)
    else result.rows.push({ ...fields, category: category!, rowNumber: row.number })
  }
  if (result.rows.length === 0 && result.errors.length === 0) {
    result.errors.push(`工作表“${table.name}”第 ${header.row.number} 行表头以下没有单位数据`)
  }
  return result
}
