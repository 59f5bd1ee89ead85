/**
 * What the 评分汇总表 says besides its numbers, shared by the Word sheet (附件1 and stand-alone) and
 * the Excel summary: the remarks of a row, how a dropped total is marked, and the notes under the table.
 * The 复核人 recomputes 综合得分 by hand from the printed reviewer totals, so the notes say which
 * totals count and that 其中加分 is inside 综合得分, not added to anything.
 */
import type { UnitResult } from '../../shared/schemas/results'

/** A total dropped as the one highest or one lowest: printed in brackets. */
export const markDropped = (total: string): string => `(${total})`

/**
 * 备注: the engine's remarks (回避, 否决, 未去最高最低分, 并列), then how equal scores were ordered in a
 * few words naming the others by rank — short enough for the cell; the sentences naming both units
 * are in the minutes.
 */
export function remarksText(u: UnitResult): string {
  return [...u.remarks, ...(u.tieRemark ? [u.tieRemark] : [])].join('；')
}

/**
 * The lines under the table, numbered; the last is the computation rule in words. `marked` says how
 * the dropped totals look: in brackets on paper, struck through in Excel. Without a bonus item there is
 * no 其中加分 to explain.
 */
export function summaryNotes(ruleText: string, marked = '加括号的分数', bonus = true): string[] {
  return [
    `各评委栏为该评委的总分${bonus ? '（含特色加分）' : ''}；${marked}为按计分规则去掉的一个最高分和一个最低分，综合得分为其余分数的平均分，四舍五入。`,
    ...(bonus ? ['“其中加分”是综合得分中所含的特色加分（参与平均的各评委加分的平均值），已计入综合得分，单独四舍五入，仅供参考，不再另加。'] : []),
    `计分规则：${ruleText}`,
  ]
}
