/**
 * Indexes the item scores into per-sheet sums (one sheet = one reviewer × one unit), with typed
 * arrays: 300 units × 40 reviewers × 30 items is one pass over 360,000 integers.
 */
import type { EngineInput } from './types'

export interface SheetTable {
  reviewerCount: number
  criterionCount: number
  itemCount: number
  /** Per sheet (index unit · reviewerCount + reviewer): 1 when the reviewer is recused. */
  recused: Uint8Array
  /** Items scored on the sheet. */
  scored: Int32Array
  /** Items given their full marks. */
  fullItems: Int32Array
  subtotal: Int32Array
  /** The bonus as entered (0 when none). */
  bonus: Int32Array
  /** Per sheet and criterion (index sheet · criterionCount + criterion): the criterion's sum. */
  criterionSums: Int32Array
}

export const sheetIndex = (t: SheetTable, unit: number, reviewer: number): number => unit * t.reviewerCount + reviewer

/** A sheet counts when the reviewer is not recused and scored every item of the rubric. */
export const isComplete = (t: SheetTable, sheet: number): boolean => t.itemCount > 0 && t.scored[sheet] === t.itemCount

export function buildSheets(input: EngineInput): SheetTable {
  const R = input.reviewers.length
  const U = input.units.length
  const C = input.criteria.length
  const reviewerIdx = new Map(input.reviewers.map((r, i) => [r.id, i]))
  const unitIdx = new Map(input.units.map((u, i) => [u.id, i]))
  const itemIdx = new Map<string, number>()
  const itemCriterion: number[] = []
  const itemMax: number[] = []
  input.criteria.forEach((c, ci) =>
    c.items.forEach((item) => {
      itemIdx.set(item.id, itemCriterion.length)
      itemCriterion.push(ci)
      itemMax.push(item.maxTenths)
    }),
  )
  const I = itemCriterion.length
  const sheets = U * R

  // One slot per (sheet, item): a repeated entry overwrites instead of being counted twice.
  const values = new Int32Array(sheets * I).fill(-1)
  let lastIds: readonly string[] | null = null
  let positions: number[] = []
  for (const sheet of input.scores) {
    const r = reviewerIdx.get(sheet.reviewerId)
    const u = unitIdx.get(sheet.unitId)
    if (sheet.itemIds.length !== sheet.tenths.length) throw new RangeError('itemIds and tenths of a sheet differ in length')
    if (r === undefined || u === undefined) continue
    // The same array of ids means the same items in the same order: match them only once.
    if (sheet.itemIds !== lastIds) {
      lastIds = sheet.itemIds
      positions = sheet.itemIds.map((id) => itemIdx.get(id) ?? -1)
    }
    const base = (u * R + r) * I
    for (let k = 0; k < positions.length; k++) {
      if (positions[k] >= 0) values[base + positions[k]] = sheet.tenths[k]
    }
  }

  const t: SheetTable = {
    reviewerCount: R,
    criterionCount: C,
    itemCount: I,
    recused: new Uint8Array(sheets),
    scored: new Int32Array(sheets),
    fullItems: new Int32Array(sheets),
    subtotal: new Int32Array(sheets),
    bonus: new Int32Array(sheets),
    criterionSums: new Int32Array(sheets * C),
  }
  for (let sheet = 0; sheet < sheets; sheet++) {
    const base = sheet * I
    let scored = 0
    let full = 0
    let sum = 0
    for (let i = 0; i < I; i++) {
      const v = values[base + i]
      if (v < 0) continue
      scored++
      sum += v
      if (v >= itemMax[i]) full++
      t.criterionSums[sheet * C + itemCriterion[i]] += v
    }
    t.scored[sheet] = scored
    t.fullItems[sheet] = full
    t.subtotal[sheet] = sum
  }
  for (const b of input.bonuses) {
    const r = reviewerIdx.get(b.reviewerId)
    const u = unitIdx.get(b.unitId)
    // As entered; sheetTotalTenths applies the bonus maximum (shared/sheet-total.ts).
    if (r !== undefined && u !== undefined) t.bonus[u * R + r] = b.tenths
  }
  for (const x of input.recusals) {
    const r = reviewerIdx.get(x.reviewerId)
    const u = unitIdx.get(x.unitId)
    if (r !== undefined && u !== undefined) t.recused[u * R + r] = 1
  }
  return t
}
