import type { FieldErrors } from '../../composables/formErrors'
import { chineseNumeral } from '../../composables/rulesText'
import type { RubricDraft } from './rubricDraft'

/** The errors under one prefix, with the prefix removed ("criteria.2.items.0.name" → "items.0.name"). */
export function scopedErrors(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v
  return out
}

/** Numbers the user cleared: the schema would only say "expected number". */
export function missingNumbers(d: RubricDraft): FieldErrors {
  const out: FieldErrors = {}
  if (d.basePoints === null) out.basePoints = '请填写基础总分'
  d.criteria.forEach((c, ci) => {
    if (c.maxPoints === null) out[`criteria.${ci}.maxPoints`] = '请填写一级指标满分'
    c.items.forEach((i, ii) => {
      if (i.maxPoints === null) out[`criteria.${ci}.items.${ii}.maxPoints`] = '请填写二级指标满分'
    })
  })
  return out
}

const FIELD_LABELS: Record<string, string> = {
  basePoints: '基础总分',
  bonusMaxPoints: '特色加分上限',
  totalCapPoints: '含加分总分上限',
  bonusGuidance: '特色加分说明',
}

/** "二、做提升组织力的模范 › 2. 组织生活：满分必须大于 0" — where a problem is, in words. */
export function describeRubricPath(d: RubricDraft, path: string, message: string): string {
  const parts = path.split('.')
  if (parts[0] === 'criteria' && parts.length > 1) {
    const ci = Number(parts[1])
    const c = d.criteria[ci]
    let where = `${chineseNumeral(ci + 1)}、${c?.name || '（未命名一级指标）'}`
    if (parts[2] === 'items' && parts.length > 3) {
      const ii = Number(parts[3])
      where += ` › ${ii + 1}. ${c?.items[ii]?.name || '（未命名二级指标）'}`
    }
    return `${where}：${message}`
  }
  if (parts[0] === 'vetoItems' && parts.length > 1) return `一票否决第 ${Number(parts[1]) + 1} 项：${message}`
  return FIELD_LABELS[parts[0]] ? `${FIELD_LABELS[parts[0]]}：${message}` : message
}
