/**
 * The computation rule in words, printed in the minutes (一、评审基本情况) and under the summary
 * sheet, so anyone can redo the arithmetic by hand. The wording lives in shared/rule-text.ts, which
 * the 计分规则 screen uses too.
 */
import type { Rules } from '../../shared/schemas/rules'
import { ruleSentences } from '../../shared/rule-text'
import { pointsOf } from './exact'

export interface RuleTextInput {
  rules: Required<Rules>
  criterionNames: string[]
  bonusMaxTenths: number
  totalCapTenths: number
}

export function ruleText({ rules, criterionNames, bonusMaxTenths, totalCapTenths }: RuleTextInput): string {
  return ruleSentences({ rules, criterionNames, bonusMaxPoints: pointsOf(bonusMaxTenths), totalCapPoints: pointsOf(totalCapTenths) }).join('')
}
