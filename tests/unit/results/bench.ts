/**
 * Timing of the results at the largest size we plan for: 300 units × 40 reviewers × 30 items
 * (360,000 scores). Run: npx tsx tests/unit/results/bench.ts
 * Prints the engine alone (computeResults on loaded input) and the SQLite load, 11 runs each after warm-up;
 * CPU time is shown too because wall time on a shared machine says more about the neighbours.
 */
import { makeTestCore } from '../../helpers/core'
import { computeResults } from '../../../src-main/core/results/compute'
import { loadEngineInput } from '../../../src-main/core/services/results'

const UNITS = 300
const REVIEWERS = 40
const CRITERIA = 6
const ITEMS_PER_CRITERION = 5

async function main() {
  const t = makeTestCore()
  const { api } = t
  const db = t.core.context.db
  const meeting = await api.meetings.create({ title: '规模测试评审会', date: '2024-12-18' })
  const criteria = Array.from({ length: CRITERIA }, (_, c) => ({
    name: `一级指标${c + 1}`,
    maxPoints: 4 * ITEMS_PER_CRITERION,
    items: Array.from({ length: ITEMS_PER_CRITERION }, (_, i) => ({ name: `二级指标${c + 1}-${i + 1}`, maxPoints: 4, step: 0.1 as const })),
  }))
  const rubric = await api.rubric.save({ meetingId: meeting.id, rubric: { basePoints: 4 * CRITERIA * ITEMS_PER_CRITERION, bonusMaxPoints: 5, criteria } })
  const items = rubric.criteria.flatMap((c) => c.items)
  const units: { id: string }[] = []
  for (let u = 0; u < UNITS; u++) units.push(await api.units.create({ meetingId: meeting.id, fields: { name: `参评单位${u + 1}`, category: '处室' } }))
  const reviewers: { id: string }[] = []
  for (let r = 0; r < REVIEWERS; r++) reviewers.push(await api.reviewers.create({ meetingId: meeting.id, fields: { name: `评委${r + 1}`, role: 'member' } }))

  // Bulk rows straight into SQLite: going through scores.save 360,000 times would time the wrong thing.
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const score = db.prepare('INSERT INTO scores (id, meeting_id, reviewer_id, unit_id, item_id, value_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const review = db.prepare('INSERT INTO reviews (id, meeting_id, reviewer_id, unit_id, bonus_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  const at = new Date().toISOString()
  db.transaction(() => {
    for (const u of units) {
      for (const r of reviewers) {
        for (const i of items) score.run(crypto.randomUUID(), meeting.id, r.id, u.id, i.id, 25 + Math.floor(rand() * 16), at)
        review.run(crypto.randomUUID(), meeting.id, r.id, u.id, Math.floor(rand() * 51), at)
      }
    }
  })()

  const best = (f: () => void) => {
    const runs: number[] = []
    const cpu: number[] = []
    for (let k = 0; k < 2; k++) f() // warm-up: let the JIT compile first
    for (let k = 0; k < 11; k++) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      f()
      const c = process.cpuUsage(c0)
      runs.push(performance.now() - t0)
      cpu.push((c.user + c.system) / 1000)
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[5].toFixed(1)
    return `wall best ${Math.min(...runs).toFixed(1)} ms, median ${median(runs)} ms; CPU median ${median(cpu)} ms`
  }
  const input = loadEngineInput(db, meeting.id)
  const scoreCount = input.scores.reduce((n, sheet) => n + sheet.tenths.length, 0)
  console.log(`${scoreCount} scores in ${input.scores.length} sheets, ${UNITS} units × ${REVIEWERS} reviewers × ${items.length} items`)
  console.log(`engine (computeResults): ${best(() => computeResults(input))}`)
  console.log(`SQLite load (loadEngineInput): ${best(() => loadEngineInput(db, meeting.id))}`)
  t.dispose()
}

main()
