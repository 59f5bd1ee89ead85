/** Words and number formats shared by the results table, panels and charts. */
import type { Flag, ReviewerTotal, UnitResult } from '@shared/schemas/results'

/** A computed value (mean, final score) with the meeting's fixed number of places; "—" when absent. */
export function fixed(value: number | null | undefined, places: number): string {
  return value === null || value === undefined ? '—' : value.toFixed(places)
}

/** A reviewer's own total: as entered (at most one decimal for a 0.1 grid), no padding. */
export function plain(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 10) / 10)
}

export const FLAG_LABELS: Record<Flag['kind'], string> = {
  deviation: '偏离较大',
  identical: '总分完全相同',
  fullMarks: '全部满分',
}

export const VETO_STATUS_LABELS: Record<UnitResult['veto']['status'], string> = {
  none: '无',
  pending: '待认定',
  confirmed: '确认否决',
  not_established: '核实不构成',
}

/** What a reviewer's cell says about its total, for the tooltip and the screen reader. */
export function totalExplanation(t: ReviewerTotal, reviewerName: string): string {
  if (t.recused) return `${reviewerName}回避该单位，不计入有效评分`
  if (t.incomplete) return `${reviewerName}尚未评完该单位的全部指标，此列暂不计入`
  const parts = [`${reviewerName}：总分 ${plain(t.total)} 分`]
  if (t.subtotal !== null) parts.push(`（指标得分 ${plain(t.subtotal)}${t.bonus ? `，特色加分 ${plain(t.bonus)}` : ''}）`)
  if (t.dropped === 'high') parts.push('，作为最高分去掉，不计入综合得分')
  if (t.dropped === 'low') parts.push('，作为最低分去掉，不计入综合得分')
  return parts.join('')
}

/** Element Plus tag type for a band: the first band is the best. */
export function bandTagType(band: string | null, bands: readonly { label: string }[]): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  if (!band) return 'info'
  const index = bands.findIndex((b) => b.label === band)
  if (index === 0) return 'success'
  if (index === bands.length - 1 && bands.length > 2) return 'danger'
  if (index === 1) return 'primary'
  return 'warning'
}
