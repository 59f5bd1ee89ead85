/**
 * The score history for people: each entry with the reviewer's and unit's names and what changed in
 * words, newest first. Names are read as they are now; an entry of a since-deleted item or unit keeps
 * its place with 「（已删除）」.
 */
import type { Database } from 'better-sqlite3'
import type { HistoryEntry } from '../../shared/schemas/history'
import { stmt } from '../db/statements'

interface Row {
  seq: number
  at: string
  reviewer_id: string
  unit_id: string
  field: string
  old_value: string | null
  new_value: string | null
  reason: string
}

const FIXED: Record<string, string> = {
  bonus: '特色加分',
  submit: '提交',
  unlock: '解锁',
  'veto-decision': '一票否决认定',
  import: '批量录入',
  recusal: '回避',
  merge: '合并评审结果包',
  'lot-draw': '抽签（汇报顺序）',
}

export function listHistory(
  db: Database,
  meetingId: string,
  filter: { reviewerId?: string; unitId?: string; before?: number; limit: number },
): { entries: HistoryEntry[]; total: number } {
  const where = ['meeting_id = @meetingId']
  if (filter.reviewerId) where.push('reviewer_id = @reviewerId')
  if (filter.unitId) where.push('unit_id = @unitId')
  const params = { meetingId, reviewerId: filter.reviewerId ?? null, unitId: filter.unitId ?? null, before: filter.before ?? null, limit: filter.limit }
  const total = stmt(db, `SELECT count(*) FROM score_history WHERE ${where.join(' AND ')}`).pluck().get(params) as number
  if (filter.before) where.push('seq < @before')
  const rows = stmt(db, `SELECT seq, at, reviewer_id, unit_id, field, old_value, new_value, reason FROM score_history WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`).all(params) as Row[]

  const names = (sql: string) => new Map((stmt(db, sql).all(meetingId) as { id: string; name: string }[]).map((r) => [r.id, r.name]))
  const reviewers = names('SELECT id, name FROM reviewers WHERE meeting_id = ?')
  const units = names('SELECT id, name FROM units WHERE meeting_id = ?')
  const items = names('SELECT id, name FROM rubric_items WHERE meeting_id = ?')
  const vetoItems = names('SELECT id, name FROM veto_items WHERE meeting_id = ?')
  const deleted = (name: string | undefined) => name ?? '（已删除）'

  const what = (field: string): string => {
    if (field.startsWith('item:')) return deleted(items.get(field.slice(5)))
    if (field.startsWith('veto:')) return `一票否决：${deleted(vetoItems.get(field.slice(5)))}`
    return FIXED[field] ?? field
  }
  return {
    total,
    entries: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      who: r.reviewer_id === '' ? '会务组' : deleted(reviewers.get(r.reviewer_id)),
      // unit_id '': an entry about the whole meeting (a draw of lots).
      unitName: r.unit_id === '' ? '全部单位' : deleted(units.get(r.unit_id)),
      what: what(r.field),
      oldValue: r.old_value,
      newValue: r.new_value,
      reason: r.reason,
    })),
  }
}
