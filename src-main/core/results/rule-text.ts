/**
 * The computation rule in words, printed in the minutes (一、评审基本情况) and under the summary
 * sheet, so anyone can redo the arithmetic by hand.
 */
import type { Band, Rules } from '../../shared/schemas/rules'
import { pointsOf } from './exact'
import { activeTieBreakers, tieBreakerLabel } from './ranking'

const PLACES = ['取整数', '保留一位小数', '保留两位小数', '保留三位小数', '保留四位小数']
const PLACES_SHORT = ['取整后', '保留一位小数后', '保留两位小数后', '保留三位小数后', '保留四位小数后']

export interface RuleTextInput {
  rules: Required<Rules>
  criterionNames: string[]
  bonusMaxTenths: number
  totalCapTenths: number
}

function bandText(bands: Band[]): string {
  if (bands.length === 1) return `等次统一评定为${bands[0].label}。`
  const parts = bands.map((band, i) => {
    if (i === bands.length - 1) return `${band.label}（不足 ${bands[i - 1].minPoints} 分）`
    if (i === 0) return `${band.label}（${band.minPoints} 分及以上）`
    return `${band.label}（${band.minPoints} 分及以上、不足 ${bands[i - 1].minPoints} 分）`
  })
  return `等次按综合得分评定：${parts.join('、')}。`
}

export function ruleText({ rules, criterionNames, bonusMaxTenths, totalCapTenths }: RuleTextInput): string {
  const n = rules.trimMinReviewers
  const sentences = [
    `每个单位的有效评委人数达到 ${n} 人时，去掉一个最高分和一个最低分后取平均分（最高分或最低分有多个相同的，只去掉一个）；` +
      `不足 ${n} 人时取全部有效评分的平均分。回避的评委和未完成评分的评分表不计入有效评分。`,
    bonusMaxTenths > 0
      ? `评委总分含特色加分（上限 ${pointsOf(bonusMaxTenths)} 分，总分不超过 ${pointsOf(totalCapTenths)} 分）。`
      : `评委总分为各项得分之和（不超过 ${pointsOf(totalCapTenths)} 分）。`,
    `结果${PLACES[rules.roundingPlaces]}，四舍五入。`,
  ]
  const breakers = activeTieBreakers(rules.tieBreakers, criterionNames.length)
  const shown = `综合得分（${PLACES_SHORT[rules.roundingPlaces]}）相同`
  sentences.push(
    breakers.length
      ? `${shown}时，依次比较：${breakers.map((b) => tieBreakerLabel(b, criterionNames)).join('、')}（按未经四舍五入的精确值比较）；仍相同的并列，其后名次顺延。`
      : `${shown}的并列，其后名次顺延。`,
  )
  sentences.push(bandText(rules.bands))
  sentences.push(
    '被勾选一票否决事项的单位，经会务组认定否决成立的，不参加排名和等次评定；经核实不构成的，正常排名；尚未认定的，暂按得分排名并在备注中注明。',
  )
  return sentences.join('')
}
