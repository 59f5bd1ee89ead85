/**
 * What each reviewer gave each unit, planned as totals (item sum + bonus) so the special situations
 * are exact by construction; `build-rows.ts` spreads each sheet's deductions over the rubric items.
 * Unit numbers are 1-based positions in `units`; reviewer order is Z L C H W.
 */
import type { ReviewerKey } from './meeting-content'

type Row = [number | null, number | null, number | null, number | null, number | null]

/** Totals including bonus; null where the reviewer is recused. */
export const totals: Record<number, Row> = {
  1: [93.5, 92, 94, 90.5, 95.5],
  2: [92.5, 91.3, 93, 89.5, 94],
  3: [88, 89.5, 87, 86, null],
  4: [84.2, 85.5, 83, 82.5, null],
  5: [85.8, 87.5, 85, 84, 88],
  6: [89, 90.5, 88.5, 87, 91],
  7: [82, 83.5, 81.4, 80, 84.5],
  8: [89.5, 88, 90, 70, 91],
  9: [80.5, 81.3, 79.5, 78, 82.5],
  10: [85, 84, 86.4, 83, 87.5],
  11: [78, 79.5, 77, 75.6, 80],
  12: [93.2, 94.5, 91.8, 89, 96],
}

/** 特色加分 per sheet (0 = none given). */
export const bonuses: Record<number, Row> = {
  1: [3, 2.5, 3, 2, 3],
  2: [2, 2, 2.5, 1.5, 3],
  3: [1, 1.5, 1, 0.5, null],
  4: [0, 1, 0, 0, null],
  5: [1, 1.5, 1, 0.5, 1.5],
  6: [1.5, 2, 1.5, 1, 2],
  7: [0.5, 1, 0.5, 0, 1],
  8: [1.5, 1, 1.5, 0, 2],
  9: [0, 0.5, 0, 0, 1],
  10: [1, 0.5, 1, 0.5, 1.5],
  11: [0, 0, 0, 0, 0.5],
  12: [3, 3.5, 2.5, 2, 4],
}

export const reviewerOrder: ReviewerKey[] = ['Z', 'L', 'C', 'H', 'W']

/** (a) 吴晓东 recused by the organizer from both 市水利保障局 units. */
export const recusals = [
  { reviewer: 'W' as ReviewerKey, unit: 3, reason: '曾任市水利保障局河湖管理处处长（2022年退休），与该单位存在工作关系，按规定回避' },
  { reviewer: 'W' as ReviewerKey, unit: 4, reason: '曾为市水利保障局水文监测站本次创建申报材料提供指导，按规定回避' },
]

/** (b) the far-off total: 赵海燕 on 市应急保障局应急指挥中心. */
export const farOff = { reviewer: 'H' as ReviewerKey, unit: 8 }

/** (c) the two units tied after trimming; the first wins on the untrimmed mean. */
export const tie = { winner: 1, runnerUp: 12 }

/** (d) the veto ticked by 赵海燕 and cleared by the organizer as 核实不构成. */
export const veto = {
  reviewer: 'H' as ReviewerKey,
  unit: 6,
  item: '申报材料弄虚作假',
  reason: '申报材料中“2024年6月主题党日”活动照片与该单位2023年申报材料中的照片雷同，疑似以旧充新，请会务组核实',
  decisionReason:
    '会务组于评审当日调阅原始台账并与该单位核实：2024年6月主题党日活动确已开展，签到表、会议记录齐全，系整理申报材料时误放2023年照片，已当场更正。经核实不构成“申报材料弄虚作假”。',
}

/**
 * Items (1-based rubric positions) each unit is weaker in: deductions fall there more often, so the
 * five reviewers broadly agree on where a unit falls short.
 */
export const weakItems: Record<number, number[]> = {
  1: [12, 15],
  2: [1, 3],
  3: [5, 14],
  4: [5, 3, 15],
  5: [10, 11],
  6: [1, 5],
  7: [5, 7, 8],
  8: [7, 13],
  9: [10, 12, 9],
  10: [1, 3],
  11: [5, 6, 13, 14],
  12: [5, 3],
}

/** Items each unit is plainly strong in (its strengths say so): no reviewer deducts there. */
export const strongItems: Record<number, number[]> = {
  1: [1, 10],
  2: [10, 11],
  3: [6, 11],
  4: [6],
  5: [1, 15],
  6: [7, 8],
  7: [10],
  8: [6, 11],
  9: [5, 8],
  10: [11, 15],
  11: [4],
  12: [11, 12],
}

/** Sheets where a reviewer's own reasoning replaces the generic deduction wording. */
export const reasonOverrides: { reviewer: ReviewerKey; unit: number; item: number; reason: string }[] = [
  { reviewer: 'H', unit: 8, item: 7, reason: '应急值守台账存在多处事后补记，纪律教育和警示教育记录缺失较多' },
  { reviewer: 'H', unit: 8, item: 5, reason: '2024年下半年“三会一课”记录多处为补记，组织生活会材料不完整' },
  { reviewer: 'H', unit: 8, item: 13, reason: '一线值守人员长期连续值班，轮休和心理疏导没有制度安排' },
  { reviewer: 'H', unit: 6, item: 5, reason: '主题党日台账照片与往年材料雷同，组织生活记录的真实性存疑' },
]
