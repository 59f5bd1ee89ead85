/**
 * Column widths of the 评分汇总表, worked out from what the cells hold so the table fits the
 * landscape text block, each unit's name whole on one line. The font is 五号 when everything fits,
 * else 小五, else 六号 rather than a second table; with many reviewers the
 * reviewer columns are split into several tables ("bands"), each repeating 序号 and 单位, the last
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
  /** Half-points: 21 (五号), 18 (小五) or 15 (六号). */
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
const MIN_REMARK_CHARS = 7
/** 单位 takes at most this share of a table's width; a longer name is broken between words. */
const MAX_UNIT_SHARE = 0.45

export interface SummaryTexts {
  seq: string[]
  unitNames: string[]
  /** 备注 of each unit, in the same order. */
  remarks: string[]
  /** Longest reviewer total / statistic as printed ("(100.00)"). */
  numbers: string[]
  bands: string[]
  /** The rubric has a 特色加分 item: 其中加分 is printed. */
  bonus: boolean
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

function tryLayout(results: MeetingResults, texts: SummaryTexts, width: number, size: SummaryLayout['size'], allowBands: boolean): SummaryLayout | null {
  const num = (header: string) => widest([header, ...texts.numbers], size)
  const seq: Column = { key: 'seq', header: '序号', width: widest(['序号', ...texts.seq], size) }
  // The column is as wide as the whole name: a name is never cut or wrapped (欧阳晓明).
  const reviewers: Column[] = results.reviewers.map((r, i) => ({ key: `r${i}`, header: r.name, width: num(r.name) }))
  const stats: Column[] = [
    { key: 'highest', header: '最高分', width: num('最高分') },
    { key: 'lowest', header: '最低分', width: num('最低分') },
    { key: 'final', header: '综合\n得分', width: num('得分') },
    ...(texts.bonus ? [{ key: 'bonus' as const, header: '其中\n加分', width: num('加分') }] : []),
    { key: 'rank', header: '排名', width: widest(['排名', ...texts.seq], size) },
    { key: 'band', header: '等次', width: widest(['等次', ...texts.bands], size) },
  ]
  // Each unit's name whole on one line, unless it is longer than MAX_UNIT_SHARE of the table.
  const wholeNames = Math.min(widest(texts.unitNames, size), Math.floor(width * MAX_UNIT_SHARE))
  const minUnit = Math.max(MIN_UNIT_CHARS * size * 10 + PAD, wholeNames)
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
    bands.push(finish([seq, ...rest.slice(0, take)], false)!)
    rest = rest.slice(take)
  }
  return { size, bands: [...bands, finish([seq, ...stats], true)!] }
}

export function summaryLayout(results: MeetingResults, texts: SummaryTexts, width: number): SummaryLayout {
  return (
    tryLayout(results, texts, width, 21, false) ??
    tryLayout(results, texts, width, 18, false) ??
    // 六号 before a second table: the 复核人 reads each unit's row across one table.
    tryLayout(results, texts, width, 15, false) ??
    tryLayout(results, texts, width, 18, true)!
  )
}
