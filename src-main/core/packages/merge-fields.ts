/**
 * One field of a return package against the organizer's data (the three-way decision itself is
 * merge-plan.ts): the check that a value from the package fits this meeting, and the words a conflict
 * is shown in.
 */
import type { Database } from 'better-sqlite3'
import { formatPoints } from '../../shared/points'
import { findForbiddenChar } from '../../shared/text-rules'
import { getRubricShape } from '../services/rubric'

export interface MeetingFacts {
  units: Map<string, { name: string; withdrawn: boolean }>
  items: Map<string, { name: string; max: number; step: number }>
  vetoItems: Map<string, string>
  bonusMaxTenths: number
}

export function meetingFacts(db: Database, meetingId: string): MeetingFacts {
  const shape = getRubricShape(db, meetingId)
  const units = db.prepare('SELECT id, name, withdrawn_at FROM units WHERE meeting_id = ?').all(meetingId) as { id: string; name: string; withdrawn_at: string | null }[]
  const items = db.prepare('SELECT id, name FROM rubric_items WHERE meeting_id = ?').all(meetingId) as { id: string; name: string }[]
  const vetoes = db.prepare('SELECT id, name FROM veto_items WHERE meeting_id = ?').all(meetingId) as { id: string; name: string }[]
  return {
    units: new Map(units.map((u) => [u.id, { name: u.name, withdrawn: u.withdrawn_at !== null }])),
    items: new Map(items.map((i) => [i.id, { name: i.name, max: shape.itemMaxTenths.get(i.id)!, step: shape.itemStepTenths.get(i.id)! }])),
    vetoItems: new Map(vetoes.map((v) => [v.id, v.name])),
    bonusMaxTenths: shape.bonusMaxTenths,
  }
}

/** Why a value from a package cannot be taken into this meeting (undefined: it can). */
export function invalidValue(facts: MeetingFacts, unitId: string, field: string, value: string | null): string | undefined {
  if (!facts.units.has(unitId)) return '参评单位不属于本会议'
  if (value === null) return undefined
  const badText = (texts: unknown[]) => texts.some((t) => typeof t !== 'string' || t.length > 5000 || findForbiddenChar(t) !== null)
  try {
    if (field.startsWith('item:')) {
      const item = facts.items.get(field.slice(5))
      if (!item) return '评分指标不属于本会议的评分标准'
      const [tenths, reason] = JSON.parse(value) as [number, string]
      if (!Number.isInteger(tenths) || tenths < 0 || tenths > item.max) return `“${item.name}”的分值超出范围`
      if (tenths % item.step !== 0) return `“${item.name}”的分值不在档位上`
      if (badText([reason])) return '扣分说明含有不允许的字符'
    } else if (field === 'review') {
      const [bonus, ...texts] = JSON.parse(value) as [number | null, string, string, string, string]
      if (bonus !== null && (!Number.isInteger(bonus) || bonus < 0 || bonus > facts.bonusMaxTenths)) return '特色加分超出范围'
      if (texts.length !== 4 || badText(texts)) return '评审意见含有不允许的字符'
    } else if (field.startsWith('veto:')) {
      if (!facts.vetoItems.has(field.slice(5))) return '一票否决事项不属于本会议'
      if (!value.trim() || badText([value])) return '一票否决事由为空或含有不允许的字符'
    } else if (field === 'recused') {
      if (badText([value])) return '回避理由含有不允许的字符'
    } else if (field !== 'submitted') return '未知的评分内容'
  } catch {
    return '数据格式有误'
  }
  return undefined
}

/** A field's value in words, for the conflict the organizer decides. */
export function describeValue(facts: MeetingFacts, field: string, value: string | null): string {
  if (value === null) return field === 'submitted' ? '未提交' : field === 'recused' ? '未回避' : '（空）'
  if (field.startsWith('item:')) {
    const [tenths, reason] = JSON.parse(value) as [number, string]
    return `${formatPoints(tenths / 10)} 分${reason ? `（${reason}）` : ''}`
  }
  if (field === 'review') {
    const [bonus, bonusReason, strengths, weaknesses, suggestions] = JSON.parse(value) as [number | null, string, string, string, string]
    const parts = [bonus !== null ? `特色加分 ${formatPoints(bonus / 10)} 分${bonusReason ? `（${bonusReason}）` : ''}` : '', strengths && `亮点：${strengths}`, weaknesses && `不足：${weaknesses}`, suggestions && `建议：${suggestions}`]
    return parts.filter(Boolean).join('；') || '（空）'
  }
  if (field.startsWith('veto:')) return `勾选（${value}）`
  if (field === 'submitted') return '已提交'
  if (field === 'recused') return `回避（${value}）`
  return value
}

export function fieldLabel(facts: MeetingFacts, field: string): string {
  if (field.startsWith('item:')) return facts.items.get(field.slice(5))?.name ?? '（已删除的指标）'
  if (field.startsWith('veto:')) return `一票否决：${facts.vetoItems.get(field.slice(5)) ?? '（已删除的事项）'}`
  return { review: '特色加分与评审意见', submitted: '提交状态', recused: '回避' }[field] ?? field
}
