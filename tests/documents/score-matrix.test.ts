/** The score matrix workbook read back with exceljs: sheets, headers, numbers stored as numbers. */
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildScoreMatrixXlsx } from '../../src-main/core/documents/score-matrix-xlsx'
import { demoDossier } from './fixture'

let wb: ExcelJS.Workbook
beforeAll(async () => {
  wb = new ExcelJS.Workbook()
  // exceljs declares its own Buffer type; at runtime a Node Buffer is what it reads.
  await wb.xlsx.load((await buildScoreMatrixXlsx(demoDossier())) as unknown as ExcelJS.Buffer)
})

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1)

describe('score matrix workbook', () => {
  it('has the three sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分矩阵', '汇总', '计分规则'])
  })

  it('评分矩阵: one row per unit × reviewer, each item a column, frozen headers, numbers as numbers', () => {
    const ws = wb.getWorksheet('评分矩阵')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 2 })
    expect(values(ws, 1).slice(0, 5)).toEqual(['序号', '单位', '评委', '回避', '做政治坚定的模范'])
    expect(values(ws, 2).slice(4, 7)).toEqual(['理论武装（8）', '贯彻落实（9）', '意识形态责任制（8）'])
    expect(values(ws, 2).slice(-4)).toEqual(['小计', '特色加分', '总分', '一票否决'])
    expect(ws.rowCount).toBe(2 + 12 * 5)
    const first = values(ws, 3)
    expect(first.slice(0, 4)).toEqual([1, '市数据资源局数据共享处党支部', '周明远', ''])
    const items = first.slice(4, 19) as number[]
    expect(items.every((v) => typeof v === 'number')).toBe(true)
    expect(items.reduce((a, b) => a + b * 10, 0) / 10).toBe(92)
    expect(first.slice(19, 22)).toEqual([92, 4, 96])
    // 陈卫国 recused from the two 水利 units.
    expect(values(ws, 2 + 2 * 5 + 3).slice(0, 4)).toEqual([3, '市水利保障局河湖管理处党支部', '陈卫国', '回避'])
    // The ticked veto and its reason.
    expect(values(ws, 2 + 7 * 5 + 4).at(-1)).toBe('发生严重违纪违法案件：群众来信反映该中心一名干部违规收受礼品')
  })

  it('汇总: the summary table in ranking order with the configured decimal places', () => {
    const ws = wb.getWorksheet('汇总')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(values(ws, 1)).toEqual(['序号', '单位', '周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', '最高分', '最低分', '有效平均分', '加分', '综合得分', '排名', '等次', '备注'])
    expect(values(ws, 2).slice(0, 14)).toEqual([1, '市数据资源局数据共享处党支部', 96, 98, 95, 99, 96.5, 99, 95, 92.67, 4.17, 96.83, 1, '优秀'])
    expect(values(ws, 4)[4]).toBe('回避')
    expect(ws.getColumn(12).numFmt).toBe('0.00')
  })

  it('计分规则: the rule in words and its settings', () => {
    const ws = wb.getWorksheet('计分规则')!
    const rows = Object.fromEntries(Array.from({ length: ws.rowCount - 1 }, (_, i) => values(ws, i + 2) as [string, unknown]))
    expect(rows['计分规则']).toMatch(/^每个单位的有效评委人数达到 5 人时，去掉一个最高分和一个最低分/)
    expect(rows['去掉最高最低分的最少有效评委数']).toBe(5)
    expect(rows['保留小数位数']).toBe(2)
    expect(rows['等次']).toBe('优秀 ≥ 90；良好 ≥ 80；合格 ≥ 60；不合格 ≥ 0')
  })
})
