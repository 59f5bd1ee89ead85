/**
 * 评分汇总表 (summary sheet): one row per unit in ranking order — each reviewer's total (the dropped
 * ones in brackets), the highest and lowest, 综合得分 (the mean of the kept totals), 其中加分, rank,
 * band and remarks — then the notes with the rule in words and the lines for 计分人, 复核人,
 * 评审组长签字 and 日期. Landscape A4.
 */
import type { UnitResult } from '../../shared/schemas/results'
import { BLANK_DATE } from './dates'
import type { Dossier } from './dossier'
import { INTERNAL_MARK, LANDSCAPE_TEXT_WIDTH, NOTE_CHAR, S } from './layout'
import { fixed, totalPlaces } from './numbers'
import { CELL_MARGIN, TABLE_END, cell, closingRow, para, row, run, tableStart, textPara } from './ooxml'
import { buildDocx } from './package'
import { cellChars, summaryLayout, type Column, type SummaryLayout } from './summary-columns'
import { summaryNotes, markDropped, remarksText } from './summary-words'
import { chineseNumber, chineseQuotes, titleLines, wrapWords } from './text'

const DASH = '—'

interface Formatter {
  places: number
  totalPlaces: number
  /** Characters on a line of the 单位 column. */
  unitChars: number
}

function cellText(u: UnitResult, index: number, key: Column['key'], f: Formatter): string {
  const total = (v: number | null) => (v === null ? '' : v.toFixed(f.totalPlaces))
  switch (key) {
    case 'seq':
      return String(index + 1)
    case 'unit':
      // Broken between words, never inside one (单/位).
      return wrapWords(u.unitName, f.unitChars).join('\n')
    case 'highest':
      return total(u.highest) || DASH
    case 'lowest':
      return total(u.lowest) || DASH
    case 'bonus':
      return fixed(u.bonusMean, f.places) || DASH
    case 'final':
      return fixed(u.finalScore, f.places) || DASH
    case 'rank':
      return u.rank === null ? DASH : String(u.rank)
    case 'band':
      return u.band ?? DASH
    case 'remarks':
      return remarksText(u)
    default: {
      const t = u.totals[Number(key.slice(1))]
      if (!t || t.recused) return '回避'
      if (t.total === null) return '未完成'
      return t.dropped ? markDropped(total(t.total)) : total(t.total)
    }
  }
}

/** Head, centred and left cell styles by font size (half-points). */
const STYLES: Record<SummaryLayout['size'], [string, string, string]> = {
  21: [S.cellHead, S.cell, S.cellLeft],
  18: [S.tinyCellHead, S.tinyCell, S.tinyCellLeft],
  15: [S.miniCellHead, S.miniCell, S.miniCellLeft],
}

/** Rows at the end of the table kept on the page of the signature lines and notes that follow it. */
const ROWS_WITH_SIGNATURES = 2

/**
 * `closing`: the signature lines and the first note, printed in the last table's closing row (kept with
 * the last rows: a page never opens with a signature or with 注), then the other notes as ordinary
 * paragraphs that may run on to the next page — a long rule never pushes rows off a page with room for
 * them; absent for the other bands.
 */
function* bandTable(d: Dossier, columns: Column[], layout: SummaryLayout, f: Formatter, closing?: { signatures: string; notes: string[]; sectPr: string }): Generator<string> {
  const [head, center, left] = STYLES[layout.size]
  const r = (text: string) => run(text)
  const widths = columns.map((c) => c.width)
  yield tableStart(widths)
  yield row(
    columns.map((c) => cell(c.width, para(r(c.header), { style: head }))),
    { header: true, minHeight: 360 },
  )
  const units = d.results.units
  const tail = closing ? units.length - ROWS_WITH_SIGNATURES : units.length
  for (const [i, u] of units.entries()) {
    const keepNext = i >= tail
    const cells = columns.map((c) => {
      const style = c.key === 'unit' || c.key === 'remarks' ? left : center
      return cell(c.width, para(r(cellText(u, i, c.key, f)), { style, keepNext }))
    })
    yield row(cells, { minHeight: 300 })
  }
  if (!closing) return yield TABLE_END
  const more = closing.notes.length > 1
  const [first, ...rest] = notes(closing.notes, more ? closing.sectPr : '')
  yield closingRow(widths, closing.signatures + first, more ? null : closing.sectPr)
  yield* rest
}

/** 计分人 and 复核人, then 评审组长签字 and 日期, in two columns under the table. */
function signatureLines(d: Dossier, width: number): string[] {
  const blank = (text: string) => (text ? run(text) : run('　　　　　　　　', { underline: true }))
  const o = { style: S.plain, tabs: [{ pos: Math.floor(width / 2), type: 'left' as const }], keepLines: true }
  return [
    para([run('计分人：'), blank(d.settings.scorer), run('\t复核人：'), blank(d.settings.checker)], { ...o, spacing: { before: 200 } }),
    para([run('评审组长签字：'), blank(''), run(`\t日期：${BLANK_DATE}`)], o),
  ]
}

/** "注：1.…" with the following items aligned after "注："; the last one ends the section (`sectPr`, when given). */
function notes(lines: string[], sectPr: string): string[] {
  const label = 2 * NOTE_CHAR
  return lines.map((line, i) =>
    para(run(`${i === 0 ? '注：' : ''}${i + 1}.${line}`), {
      style: S.note,
      indent: i === 0 ? { left: label, hanging: label } : { left: label, firstLine: 0 },
      spacing: i === 0 ? { before: 160 } : undefined,
      keepLines: true,
      sectPr: i === lines.length - 1 ? sectPr || undefined : undefined,
    }),
  )
}

export interface SummaryOptions {
  /** "附件1" when the sheet is an attachment of the minutes; absent for the stand-alone sheet. */
  attachment?: string
  sectPr: string
}

export function* summaryBody(d: Dossier, o: SummaryOptions): Generator<string> {
  const { results } = d
  const places = results.rules.roundingPlaces
  const totals = results.units.flatMap((u) => u.totals.map((t) => t.total))
  const f: Formatter = { places, totalPlaces: totalPlaces(totals, places), unitChars: 0 }
  // The widths come from the cells exactly as printed.
  const printed = (key: Column['key']) => results.units.map((u, i) => cellText(u, i, key, f))
  const layout = summaryLayout(
    results,
    {
      seq: printed('seq'),
      unitNames: results.units.map((u) => u.unitName),
      remarks: results.units.map(remarksText),
      totals: results.reviewers.flatMap((_, k) => printed(`r${k}`)),
      stats: {
        highest: printed('highest'),
        lowest: printed('lowest'),
        final: printed('final'),
        ...(d.rubric.bonusMaxPoints > 0 ? { bonus: printed('bonus') } : {}),
        rank: printed('rank'),
        band: printed('band'),
      },
    },
    LANDSCAPE_TEXT_WIDTH,
  )
  if (o.attachment) yield textPara(o.attachment, { style: S.attachLabel })
  const title = o.attachment ? ['评分汇总表'] : titleLines(chineseQuotes(`${d.meeting.title}评分汇总表`))
  yield textPara(title.join('\n'), { style: S.sheetTitle })
  // A sheet signed before every reviewer submitted says so above the table, where the signer reads first.
  if (results.unsubmittedSheets) yield textPara(`评分未全部提交：尚有${results.unsubmittedSheets}份评分表未提交，本表为临时结果`, { style: S.sheetInfo })
  const multi = layout.bands.length > 1
  for (const [b, columns] of layout.bands.entries()) {
    if (multi) {
      const reviewers = columns.filter((c) => /^r\d+$/.test(c.key))
      const what = reviewers.length
        ? `各评委评分（${reviewers.length > 1 ? `${reviewers[0].header}至${reviewers[reviewers.length - 1].header}` : reviewers[0].header}）`
        : '综合得分与排名'
      yield textPara(`（${chineseNumber(b + 1)}）${what}${columns.some((c) => c.key === 'final') && reviewers.length ? '、综合得分与排名' : ''}`, {
        style: S.sheetInfo,
        pageBreakBefore: b > 0,
      })
    }
    const unit = columns.find((c) => c.key === 'unit')!
    const last = b === layout.bands.length - 1
    // Signatures right under the table (they sign the page the scores are on), then the notes and the rule.
    const width = columns.reduce((a, c) => a + c.width, 0) - 2 * CELL_MARGIN
    const closing = last
      ? { signatures: signatureLines(d, width).join(''), notes: summaryNotes(results.ruleText, undefined, d.rubric.bonusMaxPoints > 0), sectPr: o.sectPr }
      : undefined
    yield* bandTable(d, columns, layout, { ...f, unitChars: cellChars(unit.width, layout.size) }, closing)
  }
}

export async function buildSummaryDocx(d: Dossier): Promise<Buffer> {
  const mark = d.settings.markInternal ? INTERNAL_MARK : ''
  return buildDocx({ title: `${chineseQuotes(d.meeting.title)}评分汇总表` }, [{ kind: 'landscape', mark, body: (sectPr) => summaryBody(d, { sectPr }) }])
}
