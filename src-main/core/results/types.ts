/**
 * The results engine's input: a meeting's data as plain values, points in integer tenths.
 * The DB loader (core/services/results.ts) builds it; tests build it by hand.
 */
import type { Rules } from '../../shared/schemas/rules'

export interface EngineReviewer {
  id: string
  name: string
  role: string
}

export interface EngineUnit {
  id: string
  name: string
  seq: number
  /** 退出评审 with this reason: scored as usual, never ranked or banded. Absent = taking part. */
  withdrawnReason?: string | null
}

export interface EngineCriterion {
  id: string
  name: string
  maxTenths: number
  /** Second-level items with their maxima (full marks) in tenths. */
  items: { id: string; maxTenths: number }[]
}

/** One reviewer's item scores for one unit: item `itemIds[k]` scored `tenths[k]`. */
export interface SheetScores {
  reviewerId: string
  unitId: string
  /**
   * Item ids, parallel to `tenths`. Sheets may share the very same array when their items come
   * in the same order (the loader does so): the engine then matches the ids to the rubric once.
   */
  itemIds: readonly string[]
  tenths: readonly number[]
}

export interface BonusEntry {
  reviewerId: string
  unitId: string
  tenths: number
}

export interface VetoMarkEntry {
  reviewerId: string
  unitId: string
  vetoItemId: string
  vetoItemName: string
  reason: string
}

export type VetoDecision = 'confirmed' | 'not_established'

export interface VetoDecisionEntry {
  unitId: string
  decision: VetoDecision
  reason: string
}

export interface EngineInput {
  meetingId: string
  /** In the meeting's reviewer order (the summary sheet's columns). */
  reviewers: EngineReviewer[]
  /** In the meeting's unit order. */
  units: EngineUnit[]
  /** First-level criteria in order, each with its items. */
  criteria: EngineCriterion[]
  /** 特色加分 maximum (0 = no bonus item). */
  bonusMaxTenths: number
  /** Cap on a reviewer's subtotal + bonus. */
  totalCapTenths: number
  /** Scored items, sheet by sheet; a sheet given twice is merged, later values winning. */
  scores: SheetScores[]
  bonuses: BonusEntry[]
  recusals: { reviewerId: string; unitId: string }[]
  vetoMarks: VetoMarkEntry[]
  vetoDecisions: VetoDecisionEntry[]
  /** Score sheets not yet submitted (locked) by their reviewer: the documents say 未全部提交. */
  unsubmittedSheets?: number
  rules: Required<Rules>
  computedAt: string
}
