/**
 * Where a rubric can start from instead of an empty editor: the shipped templates (the demo's
 * “五个模范”, 党支部标准化规范化建设) or another meeting's rubric. Each comes back as an unsaved
 * draft without ids: saving it is the organizer's step, checked as usual. A rubric typed in Excel
 * comes the same way. (The blank two-level
 * skeleton is the editor's own: it has no names yet, so it is no valid rubric to send.)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { RubricTemplate, type Rubric, type RubricContent } from '../../shared/schemas/rubric'
import { DomainError } from '../errors'
import { parseRubricSheet } from '../import/rubric-sheet'
import { readSpreadsheet } from '../import/spreadsheet'
import { readDemoFile } from './demo/read-demo-file'
import { assertMeeting } from './meetings'
import { getRubric } from './rubric'

const TEMPLATE_FILES = ['party-branch-standard.json']

type WithIds = Pick<Rubric, 'basePoints' | 'bonusMaxPoints' | 'bonusGuidance' | 'totalCapPoints' | 'deductionReasonRequired'> & {
  criteria: { name: string; maxPoints: number; items: { name: string; maxPoints: number; step: 1 | 0.5 | 0.1; weight: number; guidance: string }[] }[]
  vetoItems: { name: string }[]
}

/** The rubric's content without ids, order numbers, hash or lock: what a new meeting may copy. */
function withoutIds(r: WithIds): RubricContent {
  return {
    basePoints: r.basePoints,
    bonusMaxPoints: r.bonusMaxPoints,
    bonusGuidance: r.bonusGuidance,
    totalCapPoints: r.totalCapPoints,
    deductionReasonRequired: r.deductionReasonRequired,
    criteria: r.criteria.map((c) => ({
      name: c.name,
      maxPoints: c.maxPoints,
      items: c.items.map((i) => ({ name: i.name, maxPoints: i.maxPoints, step: i.step, weight: i.weight, guidance: i.guidance })),
    })),
    vetoItems: r.vetoItems.map((v) => ({ name: v.name })),
  }
}

function readTemplateFile(resourcesDir: string, file: string): RubricTemplate {
  const path = join(resourcesDir, 'rubric-templates', file)
  try {
    return RubricTemplate.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    throw new DomainError('IMPORT_INVALID', `评分标准模板文件缺失或已损坏（${path}），请重新安装本软件`)
  }
}

export function listRubricTemplates(resourcesDir: string): RubricTemplate[] {
  const demo = readDemoFile(resourcesDir)
  const fiveModels: RubricTemplate = {
    id: 'five-models',
    name: '“五个模范”（模范机关创建）',
    description: '做政治坚定、提升组织力、作风优良、业绩过硬、关心关爱的模范，15项二级指标，100分，另设特色加分5分（与示例会议相同）。',
    rubric: withoutIds(demo.rubric),
  }
  return [fiveModels, ...TEMPLATE_FILES.map((f) => readTemplateFile(resourcesDir, f))]
}

/** Another meeting's rubric as a draft for this one (nothing is saved). */
export function rubricDraftFromMeeting(db: Database, meetingId: string, fromMeetingId: string): RubricContent {
  assertMeeting(db, meetingId)
  if (fromMeetingId === meetingId) throw new DomainError('VALIDATION', '请选择另一个会议：不能从本会议复制评分标准')
  const source = getRubric(db, fromMeetingId)
  if (!source.criteria.length) throw new DomainError('VALIDATION', '所选会议还没有设置评分标准，无法复制')
  return withoutIds(source)
}

/** A rubric typed in Excel (一级指标 | 二级指标 | 分值 | 评分要点) as a draft; every problem named by its row. */
export async function rubricDraftFromSheet(db: Database, meetingId: string, fileName: string, data: Buffer): Promise<RubricContent> {
  assertMeeting(db, meetingId)
  const parsed = parseRubricSheet(await readSpreadsheet(fileName.trim() || '评分标准.xlsx', data))
  if (!parsed.rubric) {
    const [first] = parsed.errors
    throw new DomainError('IMPORT_INVALID', `评分标准表格有误，未读入：${parsed.errors.length > 1 ? `共${parsed.errors.length}处问题，${first}（其余见详情）` : first}`, parsed.errors)
  }
  return parsed.rubric
}
