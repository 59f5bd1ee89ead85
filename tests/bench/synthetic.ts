/**
 * Synthetic meetings of any size (units × reviewers × items) for benchmarks and load tests.
 * Deterministic: the same sizes and seed give the same meeting.
 */
import type { Database } from 'better-sqlite3'
import { createMeeting } from '../../src-main/core/services/meetings'
import { saveRubric } from '../../src-main/core/services/rubric'
import { insertUnits } from '../../src-main/core/services/units'
import { createReviewer } from '../../src-main/core/services/reviewers'
import { saveScoresBulk, type BulkScore } from '../../src-main/core/services/scores-bulk'

export interface Size {
  units: number
  reviewers: number
  items: number
}

/** A small deterministic PRNG (mulberry32) so runs are comparable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A rubric of `items` items (max 3 or 4 points, step 0.5) grouped five to a criterion, totalling basePoints. */
export function syntheticRubric(items: number) {
  const criteria: { name: string; maxPoints: number; items: { name: string; maxPoints: number; step: 0.5 }[] }[] = []
  for (let i = 0; i < items; i++) {
    if (i % 5 === 0) criteria.push({ name: `一级指标${criteria.length + 1}`, maxPoints: 0, items: [] })
    const c = criteria[criteria.length - 1]
    const maxPoints = i % 2 === 0 ? 4 : 3
    c.items.push({ name: `二级指标${i + 1}`, maxPoints, step: 0.5 })
    c.maxPoints += maxPoints
  }
  const basePoints = criteria.reduce((sum, c) => sum + c.maxPoints, 0)
  return { basePoints, bonusMaxPoints: 5, criteria, vetoItems: [{ name: '发生严重违纪违法案件' }] }
}

/** Creates the whole meeting through the services and returns its ids and the score rows it saved. */
export function createSyntheticMeeting(db: Database, size: Size, seed = 1) {
  const shell = createSyntheticShell(db, size)
  const rows = syntheticScores(shell.reviewerIds, shell.unitIds, shell.items, prng(seed))
  saveScoresBulk(db, shell.meeting.id, rows)
  return { ...shell, rows }
}

/** The meeting, rubric, units and reviewers without any score (a distribution's starting point). */
export function createSyntheticShell(db: Database, size: Size) {
  const meeting = createMeeting(db, { ...syntheticMeetingFields })
  const rubric = saveRubric(db, meeting.id, syntheticRubric(size.items))
  const items = rubric.criteria.flatMap((c) => c.items)
  const unitIds = db.transaction(() =>
    insertUnits(
      db,
      meeting.id,
      Array.from({ length: size.units }, (_, i) => syntheticUnit(i)),
    ),
  )()
  const reviewerIds = Array.from({ length: size.reviewers }, (_, i) => createReviewer(db, meeting.id, { name: `评委${i + 1}`, title: '', role: i === 0 ? 'chair' : 'member' }).id)
  return { meeting, rubric, items, unitIds, reviewerIds }
}

export const syntheticMeetingFields = {
  title: '合成评审会',
  date: '2024-12-18',
  startTime: '09:00',
  endTime: '12:30',
  place: '会议室',
  host: '',
  hostTitle: '',
  recorder: '',
  issuingBody: '',
  reportMinutes: 8,
  questionMinutes: 5,
}

export const syntheticUnit = (i: number) => ({
  name: `合成单位${String(i + 1).padStart(4, '0')}党支部`,
  category: (i % 3 === 0 ? '直属单位' : '处室') as '处室' | '直属单位',
  department: `第${(i % 20) + 1}局`,
  brand: `品牌${i + 1}`,
  contact: '联系人',
  phone: '0000-0000000',
})

/** Every reviewer scores every item of every unit: a value on the 0.5 grid near the top of the range. */
export function syntheticScores(reviewerIds: string[], unitIds: string[], items: { id: string; maxPoints: number }[], random: () => number): BulkScore[] {
  const rows: BulkScore[] = []
  for (const reviewerId of reviewerIds)
    for (const unitId of unitIds)
      for (const item of items) {
        const maxTenths = item.maxPoints * 10
        const steps = Math.floor(random() * 4) // 0–1.5 points below max
        rows.push({ reviewerId, unitId, itemId: item.id, valueTenths: maxTenths - steps * 5 })
      }
  return rows
}
