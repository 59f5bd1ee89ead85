/**
 * A rubric typed in Excel as offices lay it out, read into a draft the editor fills in: merged
 * 一级指标 cells, numbered names with their points, a 特色加分 row, 一票否决 rows, a 合计 row.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, type TestCore } from '../helpers/core'
import { makeXlsx } from '../helpers/xlsx'

let t: TestCore
afterEach(() => t?.dispose())

async function setup() {
  t = makeTestCore()
  const meeting = await t.api.meetings.create({ title: '评分标准导入测试', date: '2025-03-01' })
  const read = (buf: Buffer, fileName = '评分标准.xlsx') => t.api.rubric.draftFromSheet({ meetingId: meeting.id, fileName, dataBase64: buf.toString('base64') })
  return { meeting, read }
}

const OFFICE_SHEET = [
  ['2025年度“模范机关”创建评分标准', null, null, null],
  ['一级指标', '二级指标', '分值', '评分要点'],
  ['一、做政治坚定的模范（17分）', '理论武装', 8, '落实“第一议题”制度'],
  [null, '贯彻落实', 9, '重大事项请示报告制度落实到位'],
  ['二、做作风优良的模范', '讲政治守纪律', 8, null],
  [null, '群众评价', 5, '服务对象满意度测评'],
  ['特色加分', '特色加分（0—5分）', 5, '品牌亮点突出的酌情加分'],
  ['一票否决', '发生严重违纪违法案件', null, null],
  [null, '申报材料弄虚作假', null, null],
  ['合计', null, 30, null],
]

describe('a rubric from an Excel sheet', () => {
  it('reads the criteria, items, points, guidance, bonus and veto items, and the draft saves as it is', async () => {
    const { meeting, read } = await setup()
    const draft = await read(await makeXlsx([{ name: '评分标准', rows: OFFICE_SHEET }]))
    expect(draft.criteria.map((c) => [c.name, c.maxPoints, c.items.map((i) => [i.name, i.maxPoints, i.step, i.guidance])])).toEqual([
      ['做政治坚定的模范', 17, [['理论武装', 8, 0.5, '落实“第一议题”制度'], ['贯彻落实', 9, 0.5, '重大事项请示报告制度落实到位']]],
      ['做作风优良的模范', 13, [['讲政治守纪律', 8, 0.5, ''], ['群众评价', 5, 0.5, '服务对象满意度测评']]],
    ])
    expect(draft).toMatchObject({ basePoints: 30, bonusMaxPoints: 5, bonusGuidance: '品牌亮点突出的酌情加分' })
    expect(draft.vetoItems.map((v) => v.name)).toEqual(['发生严重违纪违法案件', '申报材料弄虚作假'])
    // Nothing saved until the organizer saves the draft; then it saves without changes.
    expect((await t.api.rubric.get({ meetingId: meeting.id })).criteria).toHaveLength(0)
    const saved = await t.api.rubric.save({ meetingId: meeting.id, rubric: draft })
    expect(saved.criteria.flatMap((c) => c.items)).toHaveLength(4)
  })

  it('names each problem by its row, and reads nothing', async () => {
    const { read } = await setup()
    const rows = [
      ['一级指标', '二级指标', '分值', '评分要点'],
      ['一、做政治坚定的模范（20分）', '理论武装', 8, null],
      [null, '贯彻落实', '九分', null],
      [null, null, 3, '没有名称'],
    ]
    const error = await read(await makeXlsx([{ name: 'Sheet1', rows }])).catch((e) => e)
    expect(error.code).toBe('IMPORT_INVALID')
    expect(error.details).toEqual([
      '第3行：“贯彻落实”的分值“九分”不是正数',
      '第4行：二级指标名称为空',
      '第2行：一级指标“做政治坚定的模范”标明20分，其二级指标合计8分，两者不符',
    ])
  })

  it('refuses a sheet without the three columns, or a file that is no spreadsheet, changing nothing', async () => {
    const { read } = await setup()
    const db = t.core.context.db
    await expectRejected(db, async () => read(await makeXlsx([{ name: 'Sheet1', rows: [['序号', '名称'], ['1', '理论武装']] }])), 'IMPORT_INVALID', '一级指标')
    await expectRejected(db, () => read(Buffer.from('不是表格'), '评分标准.xlsx'), 'IMPORT_INVALID', '无法读取')
  })

  it('reads the same layout from a .csv', async () => {
    const { read } = await setup()
    const csv = ['一级指标,二级指标,分值,评分要点', '做政治坚定的模范,理论武装,8,第一议题', ',贯彻落实,9.5,'].join('\r\n')
    const draft = await read(Buffer.from(csv), '评分标准.csv')
    expect(draft.criteria).toEqual([
      { name: '做政治坚定的模范', maxPoints: 17.5, items: [
        { name: '理论武装', maxPoints: 8, step: 0.5, weight: 1, guidance: '第一议题' },
        { name: '贯彻落实', maxPoints: 9.5, step: 0.5, weight: 1, guidance: '' },
      ] },
    ])
  })
})
