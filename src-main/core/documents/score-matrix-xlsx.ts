/**
 * 评分矩阵 workbook: every reviewer's score on every item for every unit (one row per unit ×
 * reviewer), the summary table, and the computation rule with its settings. Numbers are stored as
 * numbers (with a display format), so the organizer can re-check the arithmetic in Excel or WPS.
 *
 * Written with exceljs's streaming writer: each row is serialised as soon as it is added, so a
 * 12,000-row matrix never sits in memory as a workbook model. Column widths, styles and merges must
 * therefore be set before the rows they affect are committed.
 */
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { capPoints, sheetLimits, sheetTotalPoints } from '../../shared/sheet-total'
import type { Dossier } from './dossier'
import { pairKey } from './dossier'
import { remarksText, summaryNotes } from './summary-words'
import { setColumnBreaks } from './column-breaks'
import { printPlan } from './sheet-print'
import { chineseQuotes, textHalfEms } from './text'
import { stripForbiddenChars } from '../../shared/text-rules'

/** exceljs writes strings as they are: a character XML forbids would make the workbook unreadable. */
const safeRow = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? stripForbiddenChars(v) : v))

type Writer = ExcelJS.stream.xlsx.WorkbookWriter

const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true }
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  row.eachCell((c) => {
    c.fill = HEAD_FILL
    c.border = THIN
  })
}

/**
 * The style of every plain matrix cell. exceljs's style writer remembers styles by object identity:
 * one shared object is resolved once, while the fresh `{}` each new cell gets is rendered to XML and
 * looked up again for each of 420,000 cells (without it the build takes twice as long). Frozen: a shared style must
 * never be edited in place.
 */
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({})
const usePlainStyle = (cell: ExcelJS.Cell) => {
  cell.style = PLAIN
}
const TOP: Partial<ExcelJS.Style> = Object.freeze({ alignment: Object.freeze({ vertical: 'top' }) as Partial<ExcelJS.Alignment> })
const useTopStyle = (cell: ExcelJS.Cell) => {
  cell.style = TOP
}
/** A total dropped as the one highest or lowest: struck through, as in the results view. */
const DROPPED: Partial<ExcelJS.Font> = Object.freeze({ strike: true, color: { argb: 'FF808080' } })
/**
 * A column width (Excel's units, about one digit) that shows every text whole on one line: a Chinese
 * character takes about 2.2 digits, plus the cell's padding. Never narrower than `min`.
 */
function widthFor(texts: string[], min: number): number {
  const width = (t: string) => 1.1 * textHalfEms(t)
  return Math.max(min, Math.ceil(Math.max(0, ...texts.map(width)) + 2))
}
/** Line height (points) of wrapped 11-point text. */
const WRAPPED_LINE = 15
/** Lines a text takes wrapped in cells `width` wide in all. */
const wrappedLines = (text: string, width: number) => Math.max(1, Math.ceil(widthFor([text], 0) / width))
/** Each item's and 小计, 特色加分, 总分's column in 评分矩阵. */
const ITEM_WIDTH = 11
/** 内容 of 计分规则. */
const RULE_WIDTH = 100
/** 备注 of 汇总: 12 Chinese characters a line; the longest remark (two sentences on a tie) takes four. */
const REMARKS_WIDTH = 28
/** The matrix's 一票否决 column: the veto item and its reason, wrapped. */
const VETO_WIDTH = 30
/** A wrapped text cell, shared as PLAIN is (never edited in place). */
const WRAPPED: Partial<ExcelJS.Style> = Object.freeze({ alignment: Object.freeze({ wrapText: true, vertical: 'top' }) as Partial<ExcelJS.Alignment> })
const numFmt = (places: number) => (places === 0 ? '0' : `0.${'0'.repeat(places)}`)

/**
 * A sheet whose columns have `widths`, in order, set before any row: the streaming writer emits <cols> with
 * the first committed row. `groups` (first and last columns) print on one page across where they fit one.
 */
function addSheet(wb: Writer, name: string, widths: number[], o: { xSplit?: number; ySplit: number; titleColumns: number; groups?: [number, number][] }) {
  const plan = printPlan(widths, `1:${o.ySplit}`, o.titleColumns, o.groups)
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: o.xSplit, ySplit: o.ySplit }], pageSetup: plan.setup })
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  setColumnBreaks(ws, plan.columnBreaks)
  return { ws, firstPageEnd: plan.firstPageEnd, columnBreaks: plan.columnBreaks }
}

/** A criterion's columns cut by page breaks (only one wider than a page is): the run printed on each page. */
function runsBetweenBreaks(first: number, last: number, breaks: number[]): [number, number][] {
  const runs: [number, number][] = []
  let from = first
  for (const b of breaks)
    if (b >= from && b < last) {
      runs.push([from, b])
      from = b + 1
    }
  runs.push([from, last])
  return runs
}

function matrixSheet(wb: Writer, d: Dossier): void {
  const items = d.rubric.criteria.flatMap((c) => c.items.map((item) => ({ criterion: c.name, item })))
  const fixedHead = ['序号', '单位', '评委', '回避']
  const tailHead = ['小计', '特色加分', '总分', '一票否决']
  const last = fixedHead.length + items.length + tailHead.length
  const widths = [6, widthFor(d.units.map((u) => u.name), 32), widthFor(d.reviewers.map((r) => r.name), 10), 6]
  for (let c = fixedHead.length + 1; c < last; c++) widths.push(ITEM_WIDTH)
  widths.push(VETO_WIDTH)
  // Each criterion's items (first and last column): kept on one page across, under their head.
  const criteria: { name: string; columns: [number, number] }[] = []
  let col = fixedHead.length + 1
  for (const c of d.rubric.criteria) {
    if (c.items.length) criteria.push({ name: c.name, columns: [col, col + c.items.length - 1] })
    col += c.items.length
  }
  // 序号, 单位 and 评委 name each row on every page across.
  const { ws, columnBreaks } = addSheet(wb, '评分矩阵', widths, { xSplit: 3, ySplit: 2, titleColumns: 3, groups: criteria.map((c) => c.columns) })

  // Each criterion's head over its items, merged; one wider than a page is headed again on the next, （续）.
  const heads: string[] = items.map(() => '')
  const runs: { head: string; from: number; to: number }[] = []
  for (const c of criteria)
    runsBetweenBreaks(...c.columns, columnBreaks).forEach(([from, to], k) => {
      runs.push({ head: `${c.name}${k ? '（续）' : ''}`, from, to })
      heads[from - fixedHead.length - 1] = runs.at(-1)!.head
    })
  const top = ws.addRow(safeRow([...fixedHead, ...heads, ...tailHead]))
  const sub = ws.addRow(safeRow([...fixedHead, ...items.map((i) => `${i.item.name}（${i.item.maxPoints}）`), ...tailHead]))
  // Merge each criterion over its items, and the single-level headers over both rows.
  for (const { from, to } of runs) if (to > from) ws.mergeCells(1, from, 1, to)
  for (const k of [...fixedHead.keys()].map((i) => i + 1).concat(tailHead.map((_, i) => last - tailHead.length + 1 + i))) ws.mergeCells(1, k, 2, k)
  styleHeader(top)
  styleHeader(sub)
  // Tall enough for the wrapped names: on rows of the default height LibreOffice printed them cut.
  const lines = (texts: [string, number][]) => Math.max(1, ...texts.map(([t, width]) => wrappedLines(t, width)))
  top.height = WRAPPED_LINE * lines(runs.map((r) => [r.head, (r.to - r.from + 1) * ITEM_WIDTH]))
  sub.height = WRAPPED_LINE * lines(items.map((i) => [`${i.item.name}（${i.item.maxPoints}）`, ITEM_WIDTH]))
  sub.commit()

  const vetoNames = new Map(d.rubric.vetoItems.map((v) => [v.id, v.name]))
  const limits = sheetLimits(d.rubric)
  d.units.forEach((unit, u) => {
    for (const reviewer of d.reviewers) {
      const key = pairKey(reviewer.id, unit.id)
      if (d.recused.has(key)) {
        ws.addRow(safeRow([u + 1, unit.name, reviewer.name, '回避'])).commit()
        continue
      }
      const entry = d.entries.get(key)
      const values = items.map((i) => entry?.scores.get(i.item.id)?.value ?? null)
      const complete = values.every((v) => v !== null)
      const subtotalTenths = values.reduce<number>((a, v) => a + Math.round((v ?? 0) * 10), 0)
      const bonus = entry?.bonus ?? null
      const total = complete ? sheetTotalPoints(subtotalTenths / 10, bonus, limits) : null
      const veto = (entry?.vetoMarks ?? []).map((m) => `${vetoNames.get(m.vetoItemId) ?? ''}：${m.reason}`).join('；')
      const row = ws.addRow(safeRow([u + 1, unit.name, reviewer.name, '', ...values, complete ? subtotalTenths / 10 : null, bonus, total, veto]))
      // A veto's reason wraps in its column, on a row tall enough to print it whole; the row's other cells
      // sit at its top, beside the reason's first line, so the reason is not read as the row above's.
      row.eachCell({ includeEmpty: true }, veto ? useTopStyle : usePlainStyle)
      if (veto) {
        row.getCell(last).style = WRAPPED
        row.height = WRAPPED_LINE * wrappedLines(veto, VETO_WIDTH)
      }
      row.commit()
    }
  })
  ws.commit()
}

/** The 评分汇总表 with the Word sheet's columns: the dropped totals struck through, the notes below. */
function summarySheet(wb: Writer, d: Dossier): void {
  const { results } = d
  const places = results.rules.roundingPlaces
  const r = results.reviewers.length
  const widths = [6, widthFor(results.units.map((u) => u.unitName), 32), ...results.reviewers.map((v) => Math.max(10, 2.2 * [...v.name].length + 2))]
  // 最高分, 最低分, 综合得分, 其中加分, 排名, 等次, then 备注, which wraps: prose, it need not stay on one line.
  widths.push(10, 10, 11, 11, 6, 8, REMARKS_WIDTH)
  // 序号 and 单位 name each row on every page across.
  const { ws, firstPageEnd } = addSheet(wb, '汇总', widths, { xSplit: 2, ySplit: 1, titleColumns: 2 })
  // 综合得分 and 其中加分: every cell below takes the column's format as it is created.
  for (let c = 3 + r + 2; c <= 2 + r + 4; c++) ws.getColumn(c).numFmt = numFmt(places)
  ws.getColumn(2 + r + 7).alignment = { wrapText: true, vertical: 'middle' }

  const head = ws.addRow(safeRow(['序号', '单位', ...results.reviewers.map((r) => r.name), '最高分', '最低分', '综合得分', '其中加分', '排名', '等次', '备注']))
  styleHeader(head)
  head.commit()
  results.units.forEach((u, i) => {
    const totals = u.totals.map((t) => (t.recused ? '回避' : t.total))
    const remarks = remarksText(u)
    const row = ws.addRow(safeRow([i + 1, u.unitName, ...totals, u.highest, u.lowest, u.finalScore, u.bonusMean, u.rank, u.band, remarks]))
    const lines = wrappedLines(remarks, REMARKS_WIDTH)
    if (lines > 1) row.height = WRAPPED_LINE * lines
    u.totals.forEach((t, k) => {
      if (t.dropped) row.getCell(3 + k).font = DROPPED
    })
    row.commit()
  })
  ws.addRow([]).commit()
  // Each note wrapped in one cell across the table (a line running past it would print cut off); on a
  // sheet printed at a fixed scale, maybe over several pages across, across the first page's columns
  // after 序号 and 单位, which repeat on every page and would print a cut piece of it there.
  const fitted = ws.pageSetup.fitToPage
  const [from, to] = fitted ? [2, widths.length] : [3, Math.max(firstPageEnd, 4)]
  const across = widths.slice(from - 1, to).reduce((a, w) => a + w, 0)
  const notes = summaryNotes(results.ruleText, '划删除线的分数').map((line, i) => `${i === 0 ? '注：' : '　　'}${i + 1}.${line}`)
  for (const line of notes) {
    const row = ws.addRow(safeRow([...Array(from - 1).fill(''), line]))
    ws.mergeCells(row.number, from, row.number, to)
    row.getCell(from).alignment = { wrapText: true, vertical: 'top' }
    row.height = WRAPPED_LINE * wrappedLines(line, across)
    row.commit()
  }
  ws.commit()
}

function rulesSheet(wb: Writer, d: Dossier): void {
  const { rules, ruleText, computedAt } = d.results
  const { ws } = addSheet(wb, '计分规则', [30, RULE_WIDTH], { ySplit: 1, titleColumns: 1 })
  const contentAlignment: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' }
  ws.getColumn(2).alignment = contentAlignment
  const head = ws.addRow(['项目', '内容'])
  styleHeader(head)
  // The content column's alignment wins over the header's, as it always has in this sheet.
  head.getCell(2).alignment = contentAlignment
  head.commit()
  const rows: [string, string | number][] = [
    ['评审会议', chineseQuotes(d.meeting.title)],
    ['计分规则', ruleText],
    ['去掉最高最低分的最少有效评委数', rules.trimMinReviewers],
    ['保留小数位数', rules.roundingPlaces],
    ['等次', rules.bands.map((b) => `${b.label}≥${b.minPoints}分`).join('；')],
    ['偏离提示（分）', rules.deviationPoints ?? '不提示'],
    ['偏离提示（标准差倍数）', rules.deviationSd ?? '不提示'],
    ['基础分', d.rubric.basePoints],
    ['特色加分上限', d.rubric.bonusMaxPoints],
    ['总分上限', capPoints(d.rubric)],
    ['计算时间', computedAt],
  ]
  for (const r of rows) {
    const row = ws.addRow(safeRow(r))
    // The rule in words runs over several lines: a row of one line would print it cut.
    if (typeof r[1] === 'string') row.height = WRAPPED_LINE * wrappedLines(r[1], RULE_WIDTH)
    row.commit()
  }
  ws.commit()
}

export async function buildScoreMatrixXlsx(d: Dossier): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  // Shared strings, as the in-memory writer used: unit and reviewer names repeat on every row.
  // Deflate level 1 (archiver's default): for 12,000 rows the file is 2.0 MB instead of 1.4 MB at
  // level 6, and the export 10–15 % faster.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } })
  wb.creator = '现场评审'
  wb.lastModifiedBy = '现场评审'
  matrixSheet(wb, d)
  summarySheet(wb, d)
  rulesSheet(wb, d)
  await wb.commit()
  return Buffer.concat(chunks)
}
