/**
 * Recomputes the generated demo from its rows, in integer tenths, and fails loudly unless every
 * situation the demo exists to show is really there (DOMAIN.md §6). Returns a printable summary.
 */
import type { DemoFile } from '../../src-main/core/services/demo/demo-file'

const t = (points: number) => Math.round(points * 10)
/** sum/count (tenths) as hundredths of a point, rounded half-up: exact integer arithmetic. */
const hundredths = (sumTenths: number, count: number) => Math.floor((sumTenths * 20 + count) / (2 * count))
const show = (h: number) => (h / 100).toFixed(2)

export interface UnitFigures {
  name: string
  totals: Map<string, number>
  finalH: number
  untrimmedH: number
  trimmed: boolean
}

export function computeFigures(demo: DemoFile): UnitFigures[] {
  const cap = t(demo.rubric.totalCapPoints ?? demo.rubric.basePoints + demo.rubric.bonusMaxPoints)
  const minForTrim = demo.rules.trimMinReviewers ?? 5
  return demo.units.map((unit) => {
    const totals = new Map<string, number>()
    for (const reviewer of demo.reviewers) {
      if (demo.recusals.some((r) => r.reviewerId === reviewer.id && r.unitId === unit.id)) continue
      const sum = demo.scores.filter((s) => s.reviewerId === reviewer.id && s.unitId === unit.id).reduce((a, s) => a + t(s.value), 0)
      const bonus = demo.reviews.find((r) => r.reviewerId === reviewer.id && r.unitId === unit.id)?.bonus ?? 0
      totals.set(reviewer.id, Math.min(sum + t(bonus), cap))
    }
    const values = [...totals.values()]
    const all = values.reduce((a, b) => a + b, 0)
    const trimmed = values.length >= minForTrim
    const kept = trimmed ? all - Math.max(...values) - Math.min(...values) : all
    return {
      name: unit.name,
      totals,
      finalH: hundredths(kept, trimmed ? values.length - 2 : values.length),
      untrimmedH: hundredths(all, values.length),
      trimmed,
    }
  })
}

export function checkSituations(demo: DemoFile): string[] {
  const fail = (message: string): never => {
    throw new Error(`示例会议数据不满足要求：${message}`)
  }
  const figures = computeFigures(demo)
  const name = (id: string) => demo.reviewers.find((r) => r.id === id)?.name ?? id
  const lines: string[] = []
  const itemCount = demo.rubric.criteria.reduce((a, c) => a + c.items.length, 0)
  const maxOf = new Map(demo.rubric.criteria.flatMap((c) => c.items.map((i) => [i.id, t(i.maxPoints)] as const)))

  // Completeness and deduction reasons.
  for (const unit of demo.units) {
    for (const reviewer of demo.reviewers) {
      const recused = demo.recusals.some((r) => r.reviewerId === reviewer.id && r.unitId === unit.id)
      const sheet = demo.scores.filter((s) => s.reviewerId === reviewer.id && s.unitId === unit.id)
      if (recused ? sheet.length !== 0 : sheet.length !== itemCount) fail(`${reviewer.name} 对 ${unit.name} 的评分条数为 ${sheet.length}`)
      for (const s of sheet) if (t(s.value) < maxOf.get(s.itemId)! && !s.deductionReason) fail(`${reviewer.name} 对 ${unit.name} 有扣分但无扣分说明`)
      const review = demo.reviews.find((r) => r.reviewerId === reviewer.id && r.unitId === unit.id)
      if (!recused && (!review || !review.strengths || !review.weaknesses || !review.suggestions)) fail(`${reviewer.name} 对 ${unit.name} 缺少评审意见`)
    }
  }

  // (a) one reviewer recused from two units, which fall below the trimming threshold.
  const recusers = new Set(demo.recusals.map((r) => r.reviewerId))
  if (recusers.size !== 1 || demo.recusals.length !== 2) fail('应恰好有一名评委回避两个单位')
  const recusedUnits = demo.recusals.map((r) => demo.units.findIndex((u) => u.id === r.unitId))
  for (const i of recusedUnits) if (figures[i].trimmed || figures[i].totals.size !== demo.reviewers.length - 1) fail(`${figures[i].name} 应按简单平均计分`)
  if (figures.filter((f) => !f.trimmed).length !== 2) fail('应恰好有两个单位不去掉最高最低分')
  lines.push(`(a) 回避：${name([...recusers][0])} 回避 ${recusedUnits.map((i) => `${figures[i].name}（${figures[i].totals.size} 名有效评委，简单平均 ${show(figures[i].finalH)}）`).join('、')}`)

  // (b) exactly one total at least `deviationPoints` away from the others' mean.
  const limit = t(demo.rules.deviationPoints ?? 15)
  const far: string[] = []
  for (const f of figures) {
    for (const [rid, total] of f.totals) {
      const others = [...f.totals].filter(([id]) => id !== rid).map(([, v]) => v)
      const mean = others.reduce((a, b) => a + b, 0) / others.length
      if (Math.abs(total - mean) >= limit) far.push(`${name(rid)} 给 ${f.name} ${total / 10} 分，其他评委平均 ${(mean / 10).toFixed(3)} 分，相差 ${(Math.abs(total - mean) / 10).toFixed(3)} 分`)
    }
  }
  if (far.length !== 1) fail(`偏离 ≥ ${limit / 10} 分的总分应恰好一个，实际 ${far.length} 个`)
  lines.push(`(b) 偏离：${far[0]}`)

  // (c) exactly one pair tied on the final score, separated by the untrimmed mean.
  const pairs: [UnitFigures, UnitFigures][] = []
  figures.forEach((a, i) => figures.slice(i + 1).forEach((b) => a.finalH === b.finalH && pairs.push([a, b])))
  if (pairs.length !== 1) fail(`综合得分相同的单位应恰好一对，实际 ${pairs.length} 对`)
  const [a, b] = pairs[0]
  if (!a.trimmed || !b.trimmed || a.untrimmedH === b.untrimmedH) fail('并列的两个单位应都去掉最高最低分，且未去分平均分不同')
  lines.push(`(c) 并列：${a.name} 与 ${b.name} 综合得分均为 ${show(a.finalH)}；未去分平均分 ${show(a.untrimmedH)} 对 ${show(b.untrimmedH)}`)

  // (d) one veto ticked with a reason, cleared as 核实不构成.
  if (demo.vetoMarks.length !== 1 || demo.vetoDecisions.length !== 1) fail('应恰好有一条否决勾选和一条核实结论')
  const mark = demo.vetoMarks[0]
  const decision = demo.vetoDecisions[0]
  if (decision.unitId !== mark.unitId || decision.decision !== 'not_established') fail('否决勾选应被核实为不构成')
  const vetoName = demo.rubric.vetoItems.find((v) => v.id === mark.vetoItemId)?.name
  lines.push(`(d) 否决：${name(mark.reviewerId)} 对 ${demo.units.find((u) => u.id === mark.unitId)?.name} 勾选“${vetoName}”，会务组核实不构成`)

  // No reviewer-wide flags (identical totals, all full marks) beyond the designed ones.
  for (const reviewer of demo.reviewers) {
    const mine = figures.flatMap((f) => (f.totals.has(reviewer.id) ? [f.totals.get(reviewer.id)!] : []))
    if (new Set(mine).size === 1) fail(`${reviewer.name} 给所有单位的总分相同`)
  }

  lines.push('', '单位 | 有效评委 | 各评委总分 | 综合得分 | 未去分平均')
  for (const f of figures) {
    lines.push(`${f.name} | ${f.totals.size} | ${[...f.totals.values()].map((v) => v / 10).join(' ')} | ${show(f.finalH)} | ${show(f.untrimmedH)}`)
  }
  return lines
}
