/**
 * A reviewer's own view of a unit's sheet, as the workspace shows it: 未评 (nothing saved yet),
 * 进行中 (some items saved, or all but not submitted), 已提交 (locked). Recused units are not the
 * reviewer's to score and are left out entirely (they are absent from the workspace).
 */
import type { UnitProgress } from '@shared/schemas/scoring'

export type UnitStatus = 'todo' | 'started' | 'submitted'
export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = { todo: '未评', started: '进行中', submitted: '已提交' }

export function unitStatus(p: UnitProgress | undefined): UnitStatus {
  if (p?.submittedAt) return 'submitted'
  return p && p.scored > 0 ? 'started' : 'todo'
}

/** The units this reviewer scores, in the meeting's order: recused ones are absent. */
export function ownUnits<T extends { id: string }>(units: T[], progress: Record<string, UnitProgress>): T[] {
  return units.filter((u) => !progress[u.id]?.recused)
}

export function statusCounts(unitIds: string[], progress: Record<string, UnitProgress>): Record<UnitStatus, number> {
  const counts: Record<UnitStatus, number> = { todo: 0, started: 0, submitted: 0 }
  for (const id of unitIds) counts[unitStatus(progress[id])]++
  return counts
}
