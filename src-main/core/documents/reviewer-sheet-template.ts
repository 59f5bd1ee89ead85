/**
 * The parts of 评委个人评分表 that are the same on every sheet of an export — the rubric rows, the
 * total rows, the opinion box, the statement and signature — built once and encoded to UTF-8 with
 * slots where each sheet's own text goes. A 300-unit × 40-reviewer meeting prints 12,000 sheets.
 */
import type { Rubric } from '../../shared/schemas/rubric'
import { capPoints } from '../../shared/sheet-total'
import { utf8, type ByteSink } from './byte-sink'
import { BLANK_DATE, chineseDate } from './dates'
import { S, TEXT_WIDTH } from './layout'
import { raw } from './numbers'
import { CELL_MARGIN, TABLE_END, cell, closingRow, para, row, run, tableStart, textPara } from './ooxml'
import { chineseQuotes, wrapWords } from './text'

/** 一级指标 | 评价要点 | 分值 | 得分 | 扣分说明, summing to the 156 mm text width; 评价要点 as wide as it can be. */
export const W = [900, 5405, 480, 560, 1500]
/**
 * Labels and scores are 小五 (9 pt) on 12 pt lines, the guidance and reasons 六号 on 9 pt lines, rows
 * at least this high: a filled sheet of a wordy rubric (the demo's 15 items, 50–90 characters of
 * guidance each) fits on one page with its statement and signature.
 */
const ROW_HEIGHT = 320
/** 小五 characters on a line of the 一级指标 column, with room for a font a little wider than the named one. */
const CRITERION_CHARS = Math.floor((W[0] - 2 * 57 - 40) / 180)
/** 被评单位 over the first three columns, 评委 over the last two (room for a name of six characters). */
const INFO_UNIT = W[0] + W[1] + W[2]
const INFO_REVIEWER = W[3] + W[4]

/** Where a sheet's own runs go (a control character: it can never come from escaped text). */
const SLOT = '\u0001'
const t = (text: string, style: string = S.tinyCell) => para(run(text), { style })
const slot = (style: string = S.tinyCell) => para(SLOT, { style })

/** Encoded pieces of XML between slots. */
export type Template = Buffer[]
const template = (xml: string): Template => xml.split(SLOT).map(utf8)

/** Writes a template with the given runs (XML) in its slots. */
export function fill(sink: ByteSink, pieces: Template, ...runs: string[]): void {
  for (let i = 0; i < pieces.length; i++) {
    sink.bytes(pieces[i])
    if (i < runs.length && runs[i]) sink.text(runs[i])
  }
}

/** A row whose label spans the first two columns, with slots for the score and the note. */
const labelled = (label: string, max: string, labelStyle: string = S.tinyCell) =>
  row([cell(W[0] + W[1], t(label, labelStyle), { span: 2 }), cell(W[2], t(max)), cell(W[3], slot()), cell(W[4], slot(S.sheetText))], {
    minHeight: ROW_HEIGHT,
  })
/**
 * A row with a label and one cell over the other four columns. It stays on one page unless `long`:
 * Word cuts off (rather than breaks) an unsplittable row taller than a page.
 */
const wide = (label: string, body: string, long = false, keepNext = false) =>
  row([cell(W[0], para(run(label), { style: S.tinyCell, keepNext })), cell(W[1] + W[2] + W[3] + W[4], body, { span: 4, vAlign: 'top' })], {
    minHeight: ROW_HEIGHT,
    cantSplit: !long,
  })

/** Opinions longer than this (about a third of a page) may break across pages. */
export const LONG_OPINIONS = 600

export interface SheetTemplate {
  firstTitle: Buffer
  nextTitle: Buffer
  /**
   * Opens the sheet's table with two header rows, repeated on every page the sheet runs onto:
   * 被评单位 | 评委 (slots: the unit's runs, the reviewer's runs), then the column heads.
   */
  tableHead: Template
  /** A blank sheet's second page: its own table, opened with the same 被评单位 | 评委 row (same slots). */
  secondPage: Template
  /** Slots: score, deduction reason. */
  items: { itemId: string; row: Template }[]
  /** Slots: value, note. */
  subtotal: Template
  bonus: Template | null
  total: Template
  /** Slot: the veto paragraphs; null when the rubric has no veto items. */
  veto: Template | null
  vetoNone: string
  vetoBlank: string
  /** Slots: strengths, weaknesses, suggestions; the long variant may break across pages. */
  opinions: Template
  longOpinions: Template
  /** The statement and signature in the table's closing row, and the table's end (every sheet but the last). */
  closing: Buffer
  /** The same for the last sheet, whose closing paragraph carries the section properties. */
  lastClosing: (sectPr: string) => string
  /** Characters of a unit's name on one line of the 被评单位 cell (after the label). */
  unitChars: number
  cap: number
  base: number
  bonusMax: number
}

/** Room to write by hand under each heading of a blank sheet's opinion box (its own page). */
const BLANK_OPINION_LINES = 11

function opinionBox(blank: boolean): string {
  const space = blank ? para('', { style: S.cellLeft }).repeat(BLANK_OPINION_LINES) : ''
  const line = (label: string) => para([run(label, { style: S.hei }), SLOT], { style: blank ? S.cellLeft : S.sheetText }) + space
  return line('主要亮点：') + line('存在不足：') + line('改进建议：')
}

/** The 被评单位 | 评委 row, a header row: on every page of the sheet, and no name ever wraps inside. */
const infoRow = () =>
  row([cell(INFO_UNIT, para(SLOT, { style: S.cellLeft }), { span: 3 }), cell(INFO_REVIEWER, para(SLOT, { style: S.cellLeft }), { span: 2 })], {
    header: true,
    minHeight: 400,
  })

/** Lines of the statement and the signature (exact, twips): room to sign, and the sheet still on one page. */
const SIGNATURE_LINE = 400
const TITLE_SPACING = { before: 0, after: 80, line: 480 }

/**
 * The statement and the signature line, in the closing row of the sheet's table: they print on the
 * page of the opinions, whose row keeps with them (LibreOffice keeps no row with a paragraph after its table).
 */
function closingText(meetingDate: string, blank: boolean): string {
  const date = blank ? BLANK_DATE : chineseDate(meetingDate)
  return (
    textPara('本人与被评单位无利害关系。', { style: S.sheetInfo, spacing: { before: 80, line: SIGNATURE_LINE }, keepNext: true }) +
    para([run('评委签字：'), run('　　　　　　　　', { underline: true }), run(`\t日期：${date}`)], {
      style: S.sheetInfo,
      spacing: { line: SIGNATURE_LINE },
      tabs: [{ pos: TEXT_WIDTH - 2 * CELL_MARGIN, type: 'right' }],
      keepLines: true,
    })
  )
}

export function sheetTemplate(rubric: Rubric, meetingDate: string, blank: boolean): SheetTemplate {
  const closing = closingText(meetingDate, blank)
  const head = row(
    ['一级指标', '评价要点', '分值', '得分', '扣分说明'].map((h, i) => cell(W[i], t(h, S.tinyCellHead))),
    { header: true, minHeight: ROW_HEIGHT },
  )
  const items = rubric.criteria.flatMap((c) =>
    c.items.map((item, i) => {
      // Broken between words by hand: the narrow column would otherwise cut "（25分）" apart.
      const label = wrapWords(`${c.name}（${raw(c.maxPoints)}分）`, CRITERION_CHARS).join('\n')
      const criterion = i === 0 ? cell(W[0], t(label), { vMerge: 'restart' }) : cell(W[0], '', { vMerge: 'continue' })
      const points = [run(item.name, { style: S.hei }), run(item.guidance ? `：${chineseQuotes(item.guidance)}` : '')]
      const xml = row([criterion, cell(W[1], para(points, { style: S.sheetText })), cell(W[2], t(raw(item.maxPoints))), cell(W[3], slot()), cell(W[4], slot(S.sheetText))], {
        minHeight: ROW_HEIGHT,
      })
      return { itemId: item.id, row: template(xml) }
    }),
  )
  const cap = capPoints(rubric)
  // The guidance usually names the item itself ("特色加分（0—5分）：…"): the label is not printed twice.
  const guidance = chineseQuotes(rubric.bonusGuidance ?? '').trim()
  const bonusLabel = !guidance ? '特色加分' : guidance.startsWith('特色加分') ? guidance : `特色加分：${guidance}`
  const vetoNames = rubric.vetoItems.map((v, i) => `${i + 1}.${v.name}`).join('；')
  return {
    // 三号 on a tight line: the page is for the scores.
    firstTitle: utf8(textPara('评委个人评分表', { style: S.sheetTitle, spacing: TITLE_SPACING }, { size: 32 })),
    nextTitle: utf8(textPara('评委个人评分表', { style: S.sheetTitle, spacing: TITLE_SPACING, pageBreakBefore: true }, { size: 32 })),
    tableHead: template(tableStart(W) + infoRow() + head),
    // A hair-thin paragraph carries the page break: the second page starts with its table.
    secondPage: template(TABLE_END + para('', { style: S.tinyCell, pageBreakBefore: true, spacing: { line: 20 } }) + tableStart(W) + infoRow()),
    items,
    subtotal: template(labelled('小计', raw(rubric.basePoints))),
    bonus: rubric.bonusMaxPoints > 0 ? template(labelled(bonusLabel, raw(rubric.bonusMaxPoints), S.sheetText)) : null,
    total: template(labelled('合计', raw(cap))),
    veto: rubric.vetoItems.length ? template(wide('一票否决', SLOT)) : null,
    vetoNone: t('无', S.tinyCellLeft),
    vetoBlank: t('□有　　□无　　事由：', S.tinyCellLeft) + t(`（否决事项：${vetoNames}）`, S.tinyCellLeft),
    opinions: template(wide('评审意见', opinionBox(blank), false, true)),
    longOpinions: template(wide('评审意见', opinionBox(blank), true, true)),
    closing: utf8(closingRow(W, closing, null)),
    lastClosing: (sectPr) => closingRow(W, closing, sectPr),
    // 五号 (210 twips a character), less the label "被评单位：" and the cell margins.
    unitChars: Math.floor((INFO_UNIT - 200) / 210) - 5,
    cap,
    base: rubric.basePoints,
    bonusMax: rubric.bonusMaxPoints,
  }
}
