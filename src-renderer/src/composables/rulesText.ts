/**
 * The scoring rule in words, for the live preview on 计分规则. It mirrors the wording the results
 * engine prints into the minutes (src-main/core/results/rule-text.ts, which the renderer may not
 * import), so what the organizer reads here is what the minutes will say.
 */
import type { Band, TieBreaker } from '@shared/schemas/rules'
import { formatPoints } from '@shared/points'

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const PLACES = ['取整数', '保留一位小数', '保留两位小数', '保留三位小数', '保留四位小数']
const PLACES_SHORT = ['取整后', '保留一位小数后', '保留两位小数后', '保留三位小数后', '保留四位小数后']

/** 1 → "一", 12 → "十二" (enough for rubric headings). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1] ?? String(n)
  if (n < 20) return `十${NUMERALS[n - 11]}`
  if (n < 100) return `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`
  return String(n)
}

const criterionIndex = (t: `criterion:${number}`) => Number(t.slice('criterion:'.length)) - 1

/** How a tie-breaker reads to people; criteria are named after the current rubric. */
export function tieBreakerLabel(t: TieBreaker, criterionNames: readonly string[]): string {
  if (t === 'untrimmedMean') return '未去最高最低分的平均分'
  if (t === 'bonus') return '特色加分平均分'
  const i = criterionIndex(t)
  const name = criterionNames[i]
  return name ? `“${name}”得分` : `第 ${i + 1} 项一级指标得分（评分标准中没有此项，计算时跳过）`
}

export interface RulesDraft {
  trimMinReviewers: number
  roundingPlaces: number
  tieBreakers: TieBreaker[]
  bands: Band[]
  deviationPoints: number | null
  deviationSd: number | null
}

function bandText(bands: readonly Band[]): string {
  if (bands.length === 1) return `等次统一评定为${bands[0].label}。`
  const parts = bands.map((band, i) => {
    if (i === bands.length - 1) return `${band.label}（不足 ${bands[i - 1].minPoints} 分）`
    if (i === 0) return `${band.label}（${band.minPoints} 分及以上）`
    return `${band.label}（${band.minPoints} 分及以上、不足 ${bands[i - 1].minPoints} 分）`
  })
  return `等次按综合得分评定：${parts.join('、')}。`
}

/** The rule as paragraphs; `bonusMax`/`totalCap` come from the rubric (points). */
export function describeRules(r: RulesDraft, criterionNames: readonly string[], bonusMax: number, totalCap: number): string[] {
  const n = r.trimMinReviewers
  const places = PLACES[r.roundingPlaces] ?? `保留 ${r.roundingPlaces} 位小数`
  const lines = [
    `每个单位的有效评委人数达到 ${n} 人时，去掉一个最高分和一个最低分后取平均分（最高分或最低分有多个相同的，只去掉一个）；` +
      `不足 ${n} 人时取全部有效评分的平均分。回避的评委和未完成评分的评分表不计入有效评分。`,
    (bonusMax > 0
      ? `评委总分含特色加分（上限 ${formatPoints(bonusMax)} 分，总分不超过 ${formatPoints(totalCap)} 分）。`
      : `评委总分为各项得分之和（不超过 ${formatPoints(totalCap)} 分）。`) + `结果${places}，四舍五入。`,
  ]
  const breakers = r.tieBreakers.filter((t) => t === 'untrimmedMean' || t === 'bonus' || criterionIndex(t) < criterionNames.length)
  const shown = `综合得分（${PLACES_SHORT[r.roundingPlaces] ?? places}）相同`
  lines.push(
    breakers.length
      ? `${shown}时，依次比较：${breakers.map((b) => tieBreakerLabel(b, criterionNames)).join('、')}（按未经四舍五入的精确值比较）；仍相同的并列，其后名次顺延。`
      : `${shown}的并列，其后名次顺延。`,
  )
  if (r.bands.length) lines.push(bandText(r.bands))
  const deviation: string[] = []
  if (r.deviationPoints !== null) deviation.push(`相差 ${r.deviationPoints} 分及以上`)
  if (r.deviationSd !== null) deviation.push(`达到其他评委评分标准差的 ${r.deviationSd} 倍及以上`)
  lines.push(
    deviation.length
      ? `评委对某单位的总分与其他评委平均分${deviation.join('或')}的，提示该评委复核（不自动修改分数）。`
      : '不做评分偏离提示。',
  )
  return lines
}
