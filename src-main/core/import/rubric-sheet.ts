/**
 * A rubric typed in Excel the way offices lay it out: 一级指标 | 二级指标 | 分值 | 评分要点, the 一级指标
 * cell merged down its block (only its first row filled), 特色加分 and 一票否决 as rows of their own.
 * Read into a draft the organizer checks in the editor and saves as usual. Every problem is named by
 * its row; nothing is guessed.
 */
import type { RubricContent } from '../../shared/schemas/rubric'
import { STEPS } from '../../shared/schemas/rubric'
import { isOnTenthGrid } from '../../shared/points'
import type { SheetRow, SheetTable } from './xlsx-table'

type Field = 'criterion' | 'item' | 'points' | 'guidance' | 'step'

const HEADERS: Record<Field, string[]> = {
  criterion: ['一级指标', '一级', '考评项目', '评价项目', '项目'],
  item: ['二级指标', '二级', '考评内容', '评价内容', '内容'],
  points: ['分值', '满分', '分数', '标准分', '权重分'],
  guidance: ['评分要点', '评分标准', '评价要点', '考评要点', '评分细则', '说明'],
  step: ['步长', '最小分值', '计分单位'],
}

const clean = (text: string) => text.replace(/[\s\u3000*＊:：]/g, '').replace(/[（(][^）)]*[）)]$/, '')

function findHeader(rows: SheetRow[]): { row: SheetRow; columns: Map<Field, number> } | null {
  for (const row of rows.slice(0, 20)) {
    const columns = new Map<Field, number>()
    row.cells.forEach((text, column) => {
      const h = clean(text)
      for (const [field, words] of Object.entries(HEADERS) as [Field, string[]][]) if (!columns.has(field) && words.includes(h)) columns.set(field, column)
    })
    if (columns.has('criterion') && columns.has('item') && columns.has('points')) return { row, columns }
  }
  return null
}

/** “一、做政治坚定的模范（25分）” → name “做政治坚定的模范”, stated 25. */
function criterionName(text: string): { name: string; stated: number | null } {
  const stated = /[（(]\s*(\d+(?:\.\d)?)\s*分\s*[）)]\s*$/.exec(text)
  const name = text
    .replace(/[（(]\s*\d+(?:\.\d)?\s*分\s*[）)]\s*$/, '')
    .replace(/^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])\s*/, '')
    .trim()
  return { name, stated: stated ? Number(stated[1]) : null }
}

const number = (text: string): number | null => {
  const t = text.replace(/分$/, '').trim()
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null
}

export interface RubricSheetParse {
  rubric: RubricContent | null
  errors: string[]
}

export function parseRubricSheet(tables: SheetTable[]): RubricSheetParse {
  const withData = tables.filter((t) => t.rows.length)
  let found: { table: SheetTable; header: NonNullable<ReturnType<typeof findHeader>> } | null = null
  for (const table of withData) {
    const header = findHeader(table.rows)
    if (header) {
      found = { table, header }
      break
    }
  }
  if (!found) return { rubric: null, errors: ['没有找到表头：应包含“一级指标”“二级指标”“分值”三列（“评分要点”可选）'] }
  const { table, header } = found
  const col = header.columns
  const errors: string[] = []
  const rubric: RubricContent = {
    basePoints: 0,
    bonusMaxPoints: 0,
    bonusGuidance: '',
    totalCapPoints: null,
    deductionReasonRequired: false,
    criteria: [],
    vetoItems: [],
  }
  const stated = new Map<number, { points: number; row: number }>()
  let current: RubricContent['criteria'][number] | null = null
  let block: 'criteria' | 'veto' = 'criteria'
  for (const row of table.rows.filter((r) => r.number > header.row.number)) {
    const cell = (f: Field) => (col.has(f) ? (row.cells[col.get(f)!] ?? '').trim() : '')
    const where = `第${row.number}行`
    const [first, item, pointsText, guidance, stepText] = [cell('criterion'), cell('item'), cell('points'), cell('guidance'), cell('step')]
    if (!first && !item && !pointsText && !guidance) continue
    if (/^(合计|总计|总分|小计)/.test(first || item)) continue
    if (/特色加分|加分项/.test(first) || (!first && /^特色加分/.test(item))) {
      const points = number(pointsText) ?? criterionName(first).stated
      if (points === null) errors.push(`${where}：特色加分没有分值`)
      else rubric.bonusMaxPoints = points
      rubric.bonusGuidance = [item && !/^特色加分/.test(item) ? item : '', guidance].filter(Boolean).join('：')
      continue
    }
    if (/一票否决|否决事项/.test(first)) block = 'veto'
    if (block === 'veto') {
      const name = item || guidance
      if (name) rubric.vetoItems.push({ name })
      continue
    }
    if (first) {
      const { name, stated: points } = criterionName(first)
      current = { name, maxPoints: 0, items: [] }
      rubric.criteria.push(current)
      if (points !== null) stated.set(rubric.criteria.length - 1, { points, row: row.number })
    }
    if (!current) {
      errors.push(`${where}：二级指标“${item}”前面没有一级指标`)
      continue
    }
    if (!item) {
      if (!first) errors.push(`${where}：二级指标名称为空`)
      else if (pointsText && !stated.has(rubric.criteria.length - 1)) stated.set(rubric.criteria.length - 1, { points: number(pointsText) ?? NaN, row: row.number })
      continue
    }
    const points = number(pointsText)
    if (points === null || points <= 0) {
      errors.push(`${where}：“${item}”的分值“${pointsText}”不是正数`)
      continue
    }
    if (!isOnTenthGrid(points)) {
      errors.push(`${where}：“${item}”的分值${points}不在0.1分的刻度上`)
      continue
    }
    const givenStep = number(stepText)
    const step = (STEPS as readonly number[]).includes(givenStep ?? NaN)
      ? (givenStep as 1 | 0.5 | 0.1)
      : Number.isInteger(points * 2)
        ? 0.5
        : 0.1
    if (stepText && givenStep !== step) errors.push(`${where}：步长“${stepText}”只能是1、0.5或0.1`)
    current.items.push({ name: item, maxPoints: points, step, weight: 1, guidance })
  }
  rubric.criteria.forEach((c, i) => {
    const sum = c.items.reduce((s, it) => s + Math.round(it.maxPoints * 10), 0) / 10
    c.maxPoints = sum
    const s = stated.get(i)
    if (!c.items.length) errors.push(`一级指标“${c.name}”下没有二级指标`)
    else if (s && Math.round(s.points * 10) !== Math.round(sum * 10)) errors.push(`第${s.row}行：一级指标“${c.name}”标明${s.points}分，其二级指标合计${sum}分，两者不符`)
  })
  if (!rubric.criteria.length) errors.push('表头以下没有评分指标')
  rubric.basePoints = rubric.criteria.reduce((s, c) => s + Math.round(c.maxPoints * 10), 0) / 10
  return errors.length ? { rubric: null, errors } : { rubric, errors }
}
