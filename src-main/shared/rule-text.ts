/**
 * The scoring rule in words. One implementation for everyone: the results engine prints it into
 * the minutes and the summary sheet, and the 计分规则 screen shows it live while the organizer edits,
 * so what they read there is what the minutes will say.
 */
import { sheetTotalRule } from './sheet-total'
import type { Band, Rules } from './schemas/rules'
import { toTenths } from './points'
import { activeTieBreakers, skippedSentence, tieBreakerLabel } from './tie-breakers'

export { activeTieBreakers, tieBreakerLabel } from './tie-breakers'

const PLACES = ['取整数', '保留一位小数', '保留两位小数', '保留三位小数', '保留四位小数']
const PLACES_SHORT = ['取整后', '保留一位小数后', '保留两位小数后', '保留三位小数后', '保留四位小数后']

function bandText(bands: readonly Band[]): string {
  if (bands.length === 1) return `等次统一评定为${bands[0].label}。`
  const parts = bands.map((band, i) => {
    if (i === bands.length - 1) return `${band.label}（不足${bands[i - 1].minPoints}分）`
    if (i === 0) return `${band.label}（${band.minPoints}分及以上）`
    return `${band.label}（${band.minPoints}分及以上、不足${bands[i - 1].minPoints}分）`
  })
  return `等次按综合得分评定：${parts.join('、')}。`
}

export interface RuleTextInput {
  rules: Pick<Required<Rules>, 'trimMinReviewers' | 'roundingPlaces' | 'tieBreakers' | 'bands'>
  criterionNames: readonly string[]
  /** From the rubric, in points. */
  bonusMaxPoints: number
  totalCapPoints: number
}

/** The computation rule as sentences, in the order the minutes print them. */
export function ruleSentences({ rules, criterionNames, bonusMaxPoints, totalCapPoints }: RuleTextInput): string[] {
  const n = rules.trimMinReviewers
  const places = PLACES[rules.roundingPlaces] ?? `保留${rules.roundingPlaces}位小数`
  const limits = { bonusMaxTenths: toTenths(bonusMaxPoints), capTenths: toTenths(totalCapPoints) }
  const sentences = [
    `每个单位的有效评委人数达到${n}人时，去掉一个最高分和一个最低分后取平均分（最高分或最低分有多个相同的，只去掉一个）；` +
      `不足${n}人时取全部有效评分的平均分。回避的评委和未完成评分的评分表不计入有效评分。`,
    `${sheetTotalRule(limits)}。`,
    `结果${places}，四舍五入。`,
  ]
  const breakers = activeTieBreakers(rules.tieBreakers, criterionNames.length)
  const shown = `综合得分（${PLACES_SHORT[rules.roundingPlaces] ?? places}）相同`
  sentences.push(
    breakers.length
      ? `${shown}时，依次比较：${breakers.map((b) => tieBreakerLabel(b, criterionNames)).join('、')}，均按未经四舍五入的精确值比较；仍相同的并列，其后名次顺延。`
      : `${shown}的并列，其后名次顺延。`,
  )
  const skipped = skippedSentence(rules.tieBreakers, criterionNames.length)
  if (skipped) sentences.push(skipped)
  if (rules.bands.length) sentences.push(bandText(rules.bands))
  sentences.push(
    '被勾选一票否决事项的单位，经会务组认定否决成立的，不参加排名和等次评定；经核实不构成的，正常排名；尚未认定的，暂按得分排名并在备注中注明。',
  )
  return sentences
}

/** The deviation check in words (shown with the rules; flags lead to a re-check, never a silent change). */
export function deviationSentence(rules: Pick<Rules, 'deviationPoints' | 'deviationSd'>): string {
  const parts: string[] = []
  if (rules.deviationPoints != null) parts.push(`相差${rules.deviationPoints}分及以上`)
  if (rules.deviationSd != null) parts.push(`相差达到其他评委总分标准差的${rules.deviationSd}倍及以上`)
  return parts.length ? `评委对某单位的总分与其他评委平均分${parts.join('或')}的，提示该评委复核（不自动修改分数）。` : '不做评分偏离提示。'
}
