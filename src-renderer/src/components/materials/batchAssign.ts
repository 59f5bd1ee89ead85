/** 按单位文件夹批量导入: the organizer's decision per folder, starting from the plan's name matches. */
import type { MaterialBatchPlan } from '@shared/schemas/material'

/** A unit id, 'skip', or '' while an unmatched folder still waits for a decision. */
export type Decision = string

export const SKIP = 'skip'

/** Matched folders start at their unit; unmatched ones start undecided, so none is skipped by oversight. */
export const initialDecisions = (plan: MaterialBatchPlan): Record<string, Decision> =>
  Object.fromEntries(plan.groups.map((g) => [g.key, g.unitId ?? '']))

export const undecided = (plan: MaterialBatchPlan, decisions: Record<string, Decision>): string[] =>
  plan.groups.filter((g) => !decisions[g.key]).map((g) => g.key)

export const toAssignments = (plan: MaterialBatchPlan, decisions: Record<string, Decision>): { key: string; unitId: string | null }[] =>
  plan.groups.map((g) => {
    const d = decisions[g.key] ?? ''
    return { key: g.key, unitId: d && d !== SKIP ? d : null }
  })
