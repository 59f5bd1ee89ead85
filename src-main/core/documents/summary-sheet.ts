/**
 * 评分汇总表 (summary sheet): one row per unit in ranking order — each reviewer's total, the highest
 * and lowest, the valid mean, bonus, final score, rank, band and remarks — then the rule in words
 * and the lines for 计分人, 复核人, 评审组长签字 and 日期. Landscape A4.
 */
import type { UnitResult } from '../../shared/schemas/results'
import { BLANK_DATE } from './dates'
import type { Dossier } from './dossier'
import { INTERNAL_MARK, LANDSCAPE_TEXT_WIDTH, S } from './layout'
import { fixed, totalPlaces } from './numbers'
import { TABLE_END, cell, para, row, run, tableStart, textPara } from './ooxml'
import { buildDocx } from './package'
import { summaryLayout, type Column, type SummaryLayout } from './summary-columns'
import { chineseNumber, chineseQuotes, titleLines } from './text'

const DASH = '—'

interface Formatter {
  places: number
  totalPlaces: number
}

function cellText(u: UnitResult, index: number, key: Column['key'], f: Formatter): string {
  const total = (v: number | null) => (v === null ? '' : v.toFixed(f.totalPlaces))
  switch (key) {
    case 'seq':
      return String(index + 1)
    case 'unit':
      return u.unitName
    case 'highest':
      return total(u.highest) || DASH
    case 'lowest':
      return total(u.lowest) || DASH
    case 'validMean':
      return fixed(u.validMean, f.places) || DASH
    case 'bonus':
      return fixed(u.bonusMean, f.places) || DASH
    case 'final':
      return fixed(u.finalScore, f.places) || DASH
    case 'rank':
      return u.rank === null ? DASH : String(u.rank)
    case 'band':
      return u.band ?? DASH
    case 'remarks':
      return u.remarks.join('；')
    default: {
      const t = u.totals[Number(key.slice(1))]
      if (!t || t.recused) return '回避'
      return t.total === null ? '未完成' : total(t.total)
    }
  }
}

function* bandTable(d: Dossier, columns: Column[], layout: SummaryLayout, f: Formatter): Generator<string> {
  const [head, center, left] = layout.size === 21 ? [S.cellHead, S.cell, S.cellLeft] : [S.tinyCellHead, S.tinyCell, S.tinyCellLeft]
  const r = (text: string) => run(text)
  yield tableStart(columns.map((c) => c.width))
  yield row(
    columns.map((c) => cell(c.width, para(r(c.header), { style: head }))),
    { header: true, minHeight: 360 },
  )
  let i = 0
  for (const u of d.results.units) {
    const cells = columns.map((c) => {
      const style = c.key === 'unit' || c.key === 'remarks' ? left : center
      return cell(c.width, para(r(cellText(u, i, c.key, f)), { style }))
    })
    yield row(cells, { minHeight: 300 })
    i++
  }
  yield TABLE_END
}

/** 计分人 and 复核人, then 评审组长签字 and 日期, in two columns under the table. */
function signatureLines(d: Dossier, width: number): string[] {
  const blank = (text: string) => (text ? run(text) : run('　　　　　　　　', { underline: true }))
  const o = { style: S.plain, tabs: [{ pos: Math.floor(width / 2), type: 'left' as const }], keepLines: true }
  return [
    para([run('计分人：'), blank(d.settings.scorer), run('\t复核人：'), blank(d.settings.checker)], { ...o, keepNext: true, spacing: { before: 200 } }),
    para([run('评审组长签字：'), blank(''), run(`\t日期：${BLANK_DATE}`)], o),
  ]
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
  const f: Formatter = { places, totalPlaces: totalPlaces(totals, places) }
  const longest = (values: string[]) => values.reduce((a, b) => (b.length > a.length ? b : a), '')
  const layout = summaryLayout(
    results,
    {
      seq: [String(results.units.length)],
      unitNames: results.units.map((u) => u.unitName),
      remarks: results.units.map((u) => u.remarks.join('；')),
      numbers: [longest([...totals.map((t) => (t === null ? '' : t.toFixed(f.totalPlaces))), '未完成']), fixed(100, places)],
      bands: results.rules.bands.map((b) => b.label),
    },
    LANDSCAPE_TEXT_WIDTH,
  )
  if (o.attachment) yield textPara(o.attachment, { style: S.attachLabel })
  const title = o.attachment ? ['评分汇总表'] : titleLines(chineseQuotes(`${d.meeting.title}评分汇总表`))
  yield textPara(title.join('\n'), { style: S.sheetTitle })
  const multi = layout.bands.length > 1
  for (const [b, columns] of layout.bands.entries()) {
    if (multi) {
      const reviewers = columns.filter((c) => /^r\d+$/.test(c.key))
      const what = reviewers.length
        ? `各评委评分（${reviewers[0].header}至${reviewers[reviewers.length - 1].header}）`
        : '综合得分与排名'
      yield textPara(`（${chineseNumber(b + 1)}）${what}${columns.some((c) => c.key === 'final') && reviewers.length ? '、综合得分与排名' : ''}`, {
        style: S.sheetInfo,
        pageBreakBefore: b > 0,
      })
    }
    yield* bandTable(d, columns, layout, f)
  }
  // Signatures right under the table (they sign the page the scores are on), then the rule.
  yield* signatureLines(d, LANDSCAPE_TEXT_WIDTH)
  yield textPara(`注：${results.ruleText}`, { style: S.note, spacing: { before: 160 }, sectPr: o.sectPr || undefined })
}

export async function buildSummaryDocx(d: Dossier): Promise<Buffer> {
  const mark = d.settings.markInternal ? INTERNAL_MARK : ''
  return buildDocx({ title: `${chineseQuotes(d.meeting.title)}评分汇总表` }, [{ kind: 'landscape', mark, body: (sectPr) => summaryBody(d, { sectPr }) }])
}
