/**
 * Column widths of the 评分汇总表, worked out from what the cells print so the table fits the
 * landscape text block. Only what must stay whole on one line decides the font — each unit's name,
 * each reviewer's name, every number — 五号 when it all fits beside a narrow 备注, else 小五; 备注 is
 * prose and wraps in the width left. A 复核人 recomputes 综合得分 from a row's reviewer totals, so a row
 * stays in one table as long as 六号 (7.5 pt) holds it (about eight reviewers with 16-character names); only beyond that are the
 * reviewer columns split into several tables ("bands"), in 小五, each repeating 序号 and 单位, the last
 * one carrying the statistics and 备注.
 */
import type { MeetingResults } from '../../shared/schemas/results'
import { CELL_MARGIN } from './ooxml'
import { textHalfEms } from './text'

export type ColumnKey = 'seq' | 'unit' | 'highest' | 'lowest' | 'final' | 'bonus' | 'rank' | 'band' | 'remarks' | `r${number}`

export interface Column {
  key: ColumnKey
  /** "\n" marks where a header wraps. */
  header: string
  width: number
}

export interface SummaryLayout {
  /** Half-points: 21 (五号), 18 (小五) or 15 (六号: one table rather than bands). */
  size: 21 | 18 | 15
  bands: Column[][]
}

/** Twips for a text in a font of `size` half-points: Chinese one em, Latin and digits half. */
export const measure = (text: string, size: number): number => textHalfEms(text) * size * 5

/** Cell margins plus slack for fonts that run a little wider than the named ones. */
const PAD = 2 * CELL_MARGIN + 40
/** Width of a cell holding each of `texts` on one line (a "\n" in a text starts another) in a font of `size` half-points. */
export const widest = (texts: string[], size: number): number => Math.max(0, ...texts.map((t) => Math.max(...t.split('\n').map((l) => measure(l, size))))) + PAD
/** Characters of a font of `size` half-points that fit on one line of a cell `width` twips wide. */
export const cellChars = (width: number, size: number): number => Math.max(1, Math.floor((width - PAD) / (size * 10)))
const MIN_UNIT_CHARS = 10
/** 备注 holds at least "陈卫国回避" on a line; longer remarks wrap. */
const MIN_REMARK_CHARS = 5
/**
 * Only when a name cannot be whole even in a band of its own beside 序号 and one reviewer: 单位 then
 * takes this share of the table and the name is broken between words.
 */
const MAX_UNIT_SHARE = 0.45

export type StatKey = 'highest' | 'lowest' | 'final' | 'bonus' | 'rank' | 'band'

export interface SummaryTexts {
  seq: string[]
  unitNames: string[]
  /** 备注 of each unit, in the same order. */
  remarks: string[]
  /** Every reviewer cell as printed ("96.50", "(99.00)", "回避", "未完成"). */
  totals: string[]
  /** Each statistic's cells as printed; no 其中加分 column without a 特色加分 item. */
  stats: Record<Exclude<StatKey, 'bonus'>, string[]> & { bonus?: string[] }
}

const linesOf = (text: string, width: number, size: number) => Math.max(1, Math.ceil(measure(text, size) / (width - PAD + 40)))

/**
 * Splits the width left over between 单位 and 备注 so the rows need the fewest lines in all:
 * a long remark in a narrow column makes a row as tall as a wrapped unit name.
 */
function splitUnitAndRemarks(left: number, size: number, texts: SummaryTexts, minUnit: number, minRemarks: number): number {
  const char = size * 10
  const longest = Math.max(MIN_UNIT_CHARS, ...texts.unitNames.map((n) => Math.ceil(measure(n, size) / char)))
  const fewest = Math.ceil((minUnit - PAD) / char)
  let best = { width: minUnit, lines: Infinity }
  for (let chars = fewest; chars <= longest; chars++) {
    const unit = chars * char + PAD
    if (left - unit < minRemarks) break
    const lines = texts.unitNames.reduce((a, name, i) => a + Math.max(linesOf(name, unit, size), linesOf(texts.remarks[i] ?? '', left - unit, size)), 0)
    if (lines <= best.lines) best = { width: unit, lines }
  }
  return best.width
}

const STAT_HEADS: [StatKey, string][] = [
  ['highest', '最高分'],
  ['lowest', '最低分'],
  ['final', '综合\n得分'],
  ['bonus', '其中\n加分'],
  ['rank', '排名'],
  ['band', '等次'],
]

/** `capNames`: the last resort for a name too long for any band (see MAX_UNIT_SHARE). */
function tryLayout(results: MeetingResults, texts: SummaryTexts, width: number, size: SummaryLayout['size'], allowBands: boolean, capNames = false): SummaryLayout | null {
  const seq: Column = { key: 'seq', header: '序号', width: widest(['序号', ...texts.seq], size) }
  // The column is as wide as the whole name and the widest total: neither is ever cut or wrapped (欧阳晓明).
  const reviewers: Column[] = results.reviewers.map((r, i) => ({ key: `r${i}`, header: r.name, width: widest([r.name, ...texts.totals], size) }))
  // Each statistic as wide as its own head and figures, so the width left goes to 单位 and 备注.
  const stats: Column[] = STAT_HEADS.flatMap(([key, header]) => {
    const cells = texts.stats[key]
    return cells ? [{ key, header, width: widest([header, ...cells], size) }] : []
  })
  const wholeNames = widest(texts.unitNames, size)
  const minUnit = Math.max(MIN_UNIT_CHARS * size * 10 + PAD, capNames ? Math.min(wholeNames, Math.floor(width * MAX_UNIT_SHARE)) : wholeNames)
  const minRemarks = MIN_REMARK_CHARS * size * 10 + PAD
  const sum = (cols: Column[]) => cols.reduce((a, c) => a + c.width, 0)

  // Fill the flexible columns (单位, 备注) with what is left of a band's width.
  const finish = (fixed: Column[], withRemarks: boolean): Column[] | null => {
    const left = width - sum(fixed)
    if (left < minUnit + (withRemarks ? minRemarks : 0)) return null
    const unitWidth = withRemarks ? splitUnitAndRemarks(left, size, texts, minUnit, minRemarks) : left
    const unit: Column = { key: 'unit', header: '单位', width: unitWidth }
    const cols = [fixed[0], unit, ...fixed.slice(1)]
    if (withRemarks) cols.push({ key: 'remarks', header: '备注', width: left - unitWidth })
    return cols
  }
  const single = finish([seq, ...reviewers, ...stats], true)
  if (single) return { size, bands: [single] }
  if (!allowBands) return null

  const bands: Column[][] = []
  let rest = reviewers
  while (rest.length) {
    const last = finish([seq, ...rest, ...stats], true)
    if (last) return { size, bands: [...bands, last] }
    let take = rest.length
    while (take > 1 && !finish([seq, ...rest.slice(0, take)], false)) take--
    const band = finish([seq, ...rest.slice(0, take)], false)
    if (!band) return null
    bands.push(band)
    rest = rest.slice(take)
  }
  const last = finish([seq, ...stats], true)
  return last ? { size, bands: [...bands, last] } : null
}

export function summaryLayout(results: MeetingResults, texts: SummaryTexts, width: number): SummaryLayout {
  return (
    tryLayout(results, texts, width, 21, false) ??
    tryLayout(results, texts, width, 18, false) ??
    // One table in 六号 before bands: the totals a 综合得分 is computed from stay on its row.
    tryLayout(results, texts, width, 15, false) ??
    // Beyond that, bands in 小五: each repeats 序号 and 单位, so the 复核人 finds a unit's row in every table.
    tryLayout(results, texts, width, 18, true) ??
    tryLayout(results, texts, width, 18, true, true)!
  )
}
