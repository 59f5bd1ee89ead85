import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromTenths, isOnTenthGrid, toTenths } from '../../../shared/points'
import { DomainError } from '../../errors'
import { DemoFile } from './demo-file'

export const demoFilePath = (resourcesDir: string) => join(resourcesDir, 'demo', 'demo-meeting.json')

const corrupt = (problem: string, details?: string[]) =>
  new DomainError('IMPORT_INVALID', `示例会议数据文件已损坏，未导入：${problem}。请重新安装本软件`, details)

/** Reads and validates the shipped demo file: structure with zod, then every cross-reference and score. */
export function readDemoFile(resourcesDir: string): DemoFile {
  const path = demoFilePath(resourcesDir)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new DomainError('NOT_FOUND', `找不到示例会议数据文件（${path}），请重新安装本软件`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw corrupt('不是有效的 JSON')
  }
  const parsed = DemoFile.safeParse(raw)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '（根）'}：${i.message}`)
    throw corrupt(details[0], details)
  }
  const problems = crossCheck(parsed.data)
  if (problems.length) throw corrupt(problems[0], problems)
  return parsed.data
}

/** What zod cannot see: ids pointing at rows of the file, values within each item's maximum and step. */
function crossCheck(demo: DemoFile): string[] {
  const problems: string[] = []
  const reviewers = new Set(demo.reviewers.map((r) => r.id))
  const units = new Set(demo.units.map((u) => u.id))
  const items = new Map(demo.rubric.criteria.flatMap((c) => c.items.map((i) => [i.id, i] as const)))
  const vetoItems = new Set(demo.rubric.vetoItems.map((v) => v.id))
  const recused = new Set(demo.recusals.map((r) => `${r.reviewerId}|${r.unitId}`))
  const allIds = [
    demo.meeting.id,
    ...demo.rubric.criteria.flatMap((c) => [c.id, ...c.items.map((i) => i.id)]),
    ...demo.rubric.vetoItems.map((v) => v.id),
    ...[demo.units, demo.reviewers, demo.recusals, demo.scores, demo.reviews, demo.vetoMarks, demo.vetoDecisions].flatMap((rows) => rows.map((r) => r.id)),
  ]
  if (new Set(allIds).size !== allIds.length) problems.push('存在重复的编号')
  const sheet = (where: string, r: { reviewerId: string; unitId: string }) => {
    if (!reviewers.has(r.reviewerId)) problems.push(`${where}的评委不在评委名单中`)
    if (!units.has(r.unitId)) problems.push(`${where}的单位不在单位名单中`)
  }
  demo.recusals.forEach((r, i) => sheet(`第 ${i + 1} 条回避`, r))
  const seen = new Set<string>()
  demo.scores.forEach((s, i) => {
    const where = `第 ${i + 1} 条评分`
    sheet(where, s)
    const item = items.get(s.itemId)
    if (!item) return void problems.push(`${where}的评分指标不在评分标准中`)
    if (!isOnTenthGrid(s.value) || toTenths(s.value) > toTenths(item.maxPoints) || toTenths(s.value) % toTenths(item.step) !== 0) {
      problems.push(`${where}的分值 ${s.value} 超出“${item.name}”的满分或不在档位上`)
    }
    const key = `${s.reviewerId}|${s.unitId}|${s.itemId}`
    if (seen.has(key)) problems.push(`${where}重复`)
    seen.add(key)
    if (recused.has(`${s.reviewerId}|${s.unitId}`)) problems.push(`${where}属于已回避的评委`)
  })
  const bonusMax = toTenths(demo.rubric.bonusMaxPoints)
  demo.reviews.forEach((r, i) => {
    sheet(`第 ${i + 1} 条评审意见`, r)
    if (r.bonus !== null && (!isOnTenthGrid(r.bonus) || toTenths(r.bonus) > bonusMax)) {
      problems.push(`第 ${i + 1} 条评审意见的特色加分 ${r.bonus} 超过上限 ${fromTenths(bonusMax)} 分`)
    }
  })
  demo.vetoMarks.forEach((m, i) => {
    sheet(`第 ${i + 1} 条否决勾选`, m)
    if (!vetoItems.has(m.vetoItemId)) problems.push(`第 ${i + 1} 条否决勾选的否决事项不在评分标准中`)
  })
  demo.vetoDecisions.forEach((d, i) => {
    if (!units.has(d.unitId)) problems.push(`第 ${i + 1} 条否决核实结论的单位不在单位名单中`)
  })
  return problems
}
