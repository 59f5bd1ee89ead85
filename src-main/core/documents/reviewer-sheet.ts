/**
 * 评委个人评分表: one page (or more) per reviewer per unit — 一级指标 | 评价要点 | 分值 | 得分 |
 * 扣分说明, then 小计, 特色加分, 合计, 一票否决 (有/无, 事由), 评审意见, the statement
 * "本人与被评单位无利害关系", 评委签字 and 日期. Filled from the scores, or blank for paper scoring.
 *
 * A big meeting has thousands of sheets, so everything that depends only on the rubric is built once
 * and each sheet only adds its own scores.
 */
import type { Reviewer } from '../../shared/schemas/reviewer'
import type { Rubric } from '../../shared/schemas/rubric'
import type { Unit } from '../../shared/schemas/unit'
import { BLANK_DATE, chineseDate } from './dates'
import { emptyEntry, pairKey, unitLabel, type Dossier, type SheetEntry } from './dossier'
import { INTERNAL_MARK, S, TEXT_WIDTH } from './layout'
import { raw } from './numbers'
import { TABLE_END, cell, para, row, run, tableStart, textPara } from './ooxml'
import { buildDocx } from './package'
import { ByteSink, utf8 } from './byte-sink'
import type { XmlChunk } from './zip-writer'
import { chineseQuotes } from './text'

/** 一级指标 | 评价要点 | 分值 | 得分 | 扣分说明, summing to the 156 mm text width. */
const W = [1200, 4545, 650, 750, 1700]
const ROW_HEIGHT = 454

const p = (runs: string | string[], style: string = S.cell) => para(runs, { style })
const t = (text: string, style: string = S.cell) => para(run(text), { style })

/** Marks where a sheet's own text goes in a row built once per rubric (control characters never reach the output). */
const SLOT = '\u0001'

/** An item row split around its two slots: head + score runs + middle + deduction runs + tail. */
interface ItemRow {
  itemId: string
  head: string
  middle: string
  tail: string
}

interface RubricParts {
  table: string
  itemRows: ItemRow[]
  /** Sum of item maxima, bonus maximum, cap. */
  base: number
  bonusMax: number
  cap: number
  vetoNames: string[]
  bonusLabel: string
}

function rubricParts(rubric: Rubric): RubricParts {
  const header = row(
    ['一级指标', '评价要点', '分值', '得分', '扣分说明'].map((h, i) => cell(W[i], t(h, S.cellHead))),
    { header: true, minHeight: ROW_HEIGHT },
  )
  const itemRows: RubricParts['itemRows'] = []
  for (const c of rubric.criteria) {
    c.items.forEach((item, i) => {
      const criterion = i === 0 ? cell(W[0], t(`${c.name}（${raw(c.maxPoints)}分）`), { vMerge: 'restart' }) : cell(W[0], '', { vMerge: 'continue' })
      const points = [run(item.name, { style: S.hei }), run(item.guidance ? `：${chineseQuotes(item.guidance)}` : '')]
      const template = row(
        [criterion, cell(W[1], p(points, S.cellLeft)), cell(W[2], t(raw(item.maxPoints))), cell(W[3], p(SLOT)), cell(W[4], p(SLOT, S.cellLeft))],
        { minHeight: ROW_HEIGHT },
      )
      const [head, middle, tail] = template.split(SLOT)
      itemRows.push({ itemId: item.id, head, middle, tail })
    })
  }
  const cap = rubric.totalCapPoints ?? rubric.basePoints + rubric.bonusMaxPoints
  return {
    table: tableStart(W) + header,
    itemRows,
    base: rubric.basePoints,
    bonusMax: rubric.bonusMaxPoints,
    cap,
    vetoNames: rubric.vetoItems.map((v) => v.name),
    bonusLabel: rubric.bonusGuidance ? `特色加分：${chineseQuotes(rubric.bonusGuidance)}` : '特色加分',
  }
}

const scoreRuns = new Map<number, Buffer>()
/** The run of a score; scores come from a small set of values, so each is encoded once. */
function scoreRun(value: number): Buffer {
  let bytes = scoreRuns.get(value)
  if (bytes === undefined) scoreRuns.set(value, (bytes = utf8(run(raw(value)))))
  return bytes
}

/** A row whose label spans the first two columns. */
const labelled = (label: string, max: string, value: string, note: string, labelStyle: string = S.cell) =>
  row([cell(W[0] + W[1], t(label, labelStyle), { span: 2 }), cell(W[2], t(max)), cell(W[3], t(value)), cell(W[4], t(note, S.cellLeft))], {
    minHeight: ROW_HEIGHT,
  })
/** A row with a label and one cell over the remaining four columns; long opinions may run onto the next page. */
const wide = (label: string, body: string, minHeight = ROW_HEIGHT) =>
  row([cell(W[0], t(label)), cell(W[1] + W[2] + W[3] + W[4], body, { span: 4, vAlign: 'top' })], { minHeight, cantSplit: false })

function vetoCell(parts: RubricParts, entry: SheetEntry | null, d: Dossier): string {
  if (!entry) {
    const items = parts.vetoNames.map((n, i) => `${i + 1}.${n}`).join('；')
    return t('□有　　□无　　事由：', S.cellLeft) + t(`（否决事项：${items}）`, S.cellLeft)
  }
  if (!entry.vetoMarks.length) return t('无', S.cellLeft)
  const names = new Map(d.rubric.vetoItems.map((v) => [v.id, v.name]))
  return entry.vetoMarks.map((m) => t(`有：${names.get(m.vetoItemId) ?? ''}。事由：${chineseQuotes(m.reason)}`, S.cellLeft)).join('')
}

/** 主要亮点 / 存在不足 / 改进建议; a blank sheet leaves two lines to write under each. */
function opinionCell(entry: SheetEntry | null): string {
  const lines: [string, string][] = [
    ['主要亮点：', entry?.strengths ?? ''],
    ['存在不足：', entry?.weaknesses ?? ''],
    ['改进建议：', entry?.suggestions ?? ''],
  ]
  const space = entry ? '' : p('', S.cellLeft).repeat(2)
  return lines.map(([label, text]) => p([run(label, { style: S.hei }), run(chineseQuotes(text))], S.cellLeft) + space).join('')
}

/** What every sheet of one export shares, encoded once. */
interface SheetStatics {
  firstTitle: Buffer
  nextTitle: Buffer
  table: Buffer
  rows: { itemId: string; head: Buffer; middle: Buffer; tail: Buffer }[]
  statement: Buffer
  signature: Buffer
}

function sheetStatics(d: Dossier, parts: RubricParts, blank: boolean): SheetStatics {
  return {
    firstTitle: utf8(textPara('评委个人评分表', { style: S.sheetTitle })),
    nextTitle: utf8(textPara('评委个人评分表', { style: S.sheetTitle, pageBreakBefore: true })),
    table: utf8(parts.table),
    rows: parts.itemRows.map((r) => ({ itemId: r.itemId, head: utf8(r.head), middle: utf8(r.middle), tail: utf8(r.tail) })),
    statement: utf8(textPara('本人与被评单位无利害关系。', { style: S.sheetInfo, spacing: { before: 160 } })),
    signature: utf8(signature(d, blank, '')),
  }
}

function signature(d: Dossier, blank: boolean, sectPr: string): string {
  const date = blank ? BLANK_DATE : chineseDate(d.meeting.date)
  return para([run('评委签字：'), run('　　　　　　　　', { underline: true }), run(`\t日期：${date}`)], {
    style: S.sheetInfo,
    tabs: [{ pos: TEXT_WIDTH, type: 'right' }],
    keepLines: true,
    sectPr: sectPr || undefined,
  })
}

function writeSheet(sink: ByteSink, d: Dossier, parts: RubricParts, st: SheetStatics, pair: { reviewer: Reviewer; unit: Unit }, blank: boolean, first: boolean, sectPr: string): void {
  const { reviewer, unit } = pair
  const entry = blank ? null : (d.entries.get(pairKey(reviewer.id, unit.id)) ?? emptyEntry())
  sink.bytes(first ? st.firstTitle : st.nextTitle)
  sink.text(textPara(`被评单位：${chineseQuotes(unitLabel(unit))}\t评委：${reviewer.name}`, { style: S.sheetInfo, tabs: [{ pos: TEXT_WIDTH, type: 'right' }] }))
  sink.bytes(st.table)
  let subtotal = 0
  let missing = 0
  for (const item of st.rows) {
    const score = entry?.scores.get(item.itemId)
    if (score) subtotal += Math.round(score.value * 10)
    else missing++
    sink.bytes(item.head)
    if (score) sink.bytes(scoreRun(score.value))
    sink.bytes(item.middle)
    if (score?.reason) sink.text(run(chineseQuotes(score.reason)))
    sink.bytes(item.tail)
  }
  const sub = subtotal / 10
  const incomplete = entry && missing ? `尚有${missing}项未评分` : ''
  const total = entry ? raw(Math.min(Math.round((sub + (entry.bonus ?? 0)) * 10) / 10, parts.cap)) : ''
  sink.text(labelled('小计', raw(parts.base), entry ? raw(sub) : '', incomplete))
  if (parts.bonusMax > 0) {
    sink.text(labelled(parts.bonusLabel, raw(parts.bonusMax), raw(entry?.bonus), chineseQuotes(entry?.bonusReason ?? ''), S.cellLeft))
  }
  sink.text(labelled('合计', raw(parts.cap), total, ''))
  if (parts.vetoNames.length) sink.text(wide('一票否决', vetoCell(parts, entry, d)))
  sink.text(wide('评审意见', opinionCell(entry)) + TABLE_END)
  sink.bytes(st.statement)
  if (sectPr) sink.text(signature(d, blank, sectPr))
  else sink.bytes(st.signature)
}

export interface SheetOptions {
  /** "附件2" when the sheets are an attachment of the minutes. */
  attachment?: string
  /** Only this reviewer's sheets; all reviewers when absent. */
  reviewerId?: string
  /** Empty sheets for scoring on paper. */
  blank: boolean
  sectPr: string
}

/** Sheets in reviewer order, then unit order; a recused reviewer has no sheet for that unit. */
export function sheetPairs(d: Dossier, reviewerId?: string): { reviewer: Reviewer; unit: Unit }[] {
  return d.reviewers
    .filter((r) => !reviewerId || r.id === reviewerId)
    .flatMap((reviewer) => d.units.filter((u) => !d.recused.has(pairKey(reviewer.id, u.id))).map((unit) => ({ reviewer, unit })))
}

export function* reviewerSheetsBody(d: Dossier, o: SheetOptions): Generator<XmlChunk> {
  const pairs = sheetPairs(d, o.reviewerId)
  if (o.attachment) yield textPara(o.attachment, { style: S.attachLabel })
  if (!pairs.length) {
    yield textPara('没有需要打印的评分表（评委已回避全部单位或尚无参评单位）。', { style: S.body, sectPr: o.sectPr || undefined })
    return
  }
  const parts = rubricParts(d.rubric)
  const statics = sheetStatics(d, parts, o.blank)
  const sink = new ByteSink()
  for (const [i, pair] of pairs.entries()) {
    writeSheet(sink, d, parts, statics, pair, o.blank, i === 0, i === pairs.length - 1 ? o.sectPr : '')
    yield* sink.take()
  }
  yield* sink.end()
}

export async function buildReviewerSheetsDocx(d: Dossier, o: Omit<SheetOptions, 'sectPr' | 'attachment'>): Promise<Buffer> {
  const mark = d.settings.markInternal ? INTERNAL_MARK : ''
  return buildDocx({ title: `${chineseQuotes(d.meeting.title)}评委个人评分表` }, [
    { kind: 'portrait', mark, body: (sectPr) => reviewerSheetsBody(d, { ...o, sectPr }) },
  ])
}
