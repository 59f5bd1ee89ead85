import { afterEach, describe, expect, it } from 'vitest'
import type { AppEvent } from '../../src-main/shared/events'
import { zipSync } from 'fflate'
import { makeTestCore, type TestCore } from '../helpers/core'
import { makeUnitListXlsx, makeXlsx } from '../helpers/xlsx'

let t: TestCore
afterEach(() => t?.dispose())

const b64 = (buf: Buffer) => buf.toString('base64')

async function setup() {
  t = makeTestCore()
  const meeting = await t.api.meetings.create({ title: '单位导入测试会', date: '2024-12-18' })
  const importFile = (buf: Buffer, dryRun = false, fileName = '参评单位名单.xlsx') =>
    t.api.units.importXlsx({ meetingId: meeting.id, fileName, dataBase64: b64(buf), dryRun })
  const names = async () => (await t.api.units.list({ meetingId: meeting.id })).map((u) => u.name)
  return { meeting, importFile, names }
}

const sample = [
  { 单位名称: '市数据资源局数据共享处党支部', 类别: '处室党支部', 所属部门: '市数据资源局', 联系人: '孙立群', 电话: '6601 2318', 品牌: '【数联先锋】' },
  { 单位名称: ' 市水利保障局水文监测站 ', 类别: '直属单位', 所属部门: '市水利保障局', 联系人: '钱永福', 电话: 66037781, 品牌: '红色水文尺' },
  { 单位名称: '市统计服务局综合处党支部', 类别: '党支部', 所属部门: '市统计服务局', 联系人: '曹凯', 电话: '6610 6634' },
  { 单位名称: '市农业农村服务局科技推广站', 类别: '事业单位', 所属部门: '市农业农村服务局' },
]
const header = ['序号', '单位名称', '类别', '所属部门', '联系人', '电话', '品牌']

describe('unit list import (.xlsx)', () => {
  it('imports every field in sheet order, after a title row, skipping empty rows', async () => {
    const { meeting, importFile } = await setup()
    await t.api.units.create({ meetingId: meeting.id, fields: { name: '已有单位', category: '处室' } })
    const rows = [sample[0], sample[1], {}, sample[2], sample[3]]
    const result = await importFile(await makeUnitListXlsx(rows, { header, title: '青岚市2024年度“模范机关”创建参评单位名单' }))
    expect(result).toMatchObject({ imported: 4, skipped: 1, dryRun: false })
    const units = await t.api.units.list({ meetingId: meeting.id })
    expect(units.map((u) => [u.seq, u.name, u.category, u.department, u.brand, u.contact, u.phone])).toEqual([
      [1, '已有单位', '处室', '', '', '', ''],
      [2, '市数据资源局数据共享处党支部', '处室', '市数据资源局', '数联先锋', '孙立群', '6601 2318'],
      [3, '市水利保障局水文监测站', '直属单位', '市水利保障局', '红色水文尺', '钱永福', '66037781'],
      [4, '市统计服务局综合处党支部', '处室', '市统计服务局', '', '曹凯', '6610 6634'],
      [5, '市农业农村服务局科技推广站', '直属单位', '市农业农村服务局', '', '', ''],
    ])
  })

  it('accepts header synonyms, notes in headers and a header further down', async () => {
    const { importFile, names } = await setup()
    const buf = await makeXlsx([
      { name: '说明', rows: [] },
      {
        name: '名单',
        rows: [
          ['附件1'],
          ['参评单位'],
          [],
          ['编号', '单位', '单位类型（必填）', '主管部门', '联络人', '联系电话', '特色品牌'],
          [1, '市交通运行局办公室党支部', '处室', '市交通运行局', '蒋文博', '6608 4463', '枢纽先锋'],
          [2, '市机关事务服务局后勤保障中心', '直属事业单位', '市机关事务服务局', '沈秀梅', '6609 1257', '绿色后勤'],
          [3],
        ],
      },
    ])
    const result = await importFile(buf)
    expect(result).toMatchObject({ imported: 2, skipped: 1 })
    expect(result.rows[1]).toEqual({
      name: '市机关事务服务局后勤保障中心',
      category: '直属单位',
      department: '市机关事务服务局',
      contact: '沈秀梅',
      phone: '6609 1257',
      brand: '绿色后勤',
    })
    expect(await names()).toEqual(['市交通运行局办公室党支部', '市机关事务服务局后勤保障中心'])
  })

  it('dryRun returns the parsed rows and counts and saves nothing', async () => {
    const { importFile, names } = await setup()
    const result = await importFile(await makeUnitListXlsx([sample[0], {}, sample[3]], { header }), true)
    expect(result).toMatchObject({ dryRun: true, imported: 0, skipped: 1 })
    expect(result.rows.map((r) => r.name)).toEqual(['市数据资源局数据共享处党支部', '市农业农村服务局科技推广站'])
    expect(await names()).toEqual([])
  })

  it('emits progress events while inserting', async () => {
    const { meeting, importFile } = await setup()
    const events: AppEvent[] = []
    const off = t.core.onEvent((e) => events.push(e))
    const many = Array.from({ length: 120 }, (_, i) => ({ 单位名称: `测试单位${i + 1}`, 类别: i % 2 ? '处室' : '直属单位' }))
    await importFile(await makeUnitListXlsx(many))
    off()
    expect(events.length).toBeGreaterThanOrEqual(3)
    for (const e of events) expect(e).toMatchObject({ type: 'progress', taskId: `units.importXlsx:${meeting.id}`, label: '导入单位名单', total: 120 })
    expect(events.map((e) => (e.type === 'progress' ? e.done : -1))).toEqual([0, 50, 100, 120])
    expect((await t.api.units.list({ meetingId: meeting.id })).length).toBe(120)
  })

  describe('bad input: IMPORT_INVALID in Chinese, naming the row, and the units table unchanged', () => {
    const cases: [string, () => Promise<Buffer>, RegExp][] = [
      ['random bytes', async () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /无法读取 Excel 文件“参评单位名单.xlsx”：文件已损坏或不是 .xlsx 格式/],
      ['a renamed .txt', async () => Buffer.from('序号,单位名称,类别\n1,市统计服务局综合处党支部,处室\n'), /文件已损坏或不是 .xlsx 格式/],
      ['a truncated .xlsx', async () => (await makeUnitListXlsx([sample[0]])).subarray(0, 900), /文件已损坏或不是 .xlsx 格式/],
      ['an old .xls', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), /旧版 Excel（.xls）.*另存为/],
      ['a zip that is not a workbook', async () => Buffer.from(zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document/>') })), /文件中没有工作表/],
      ['no 单位名称 column', async () => makeUnitListXlsx([['1', '市统计服务局', '处室']], { header: ['序号', '部门', '类别'] }), /没有找到“单位名称”列/],
      ['a bad category', async () => makeUnitListXlsx([sample[0], { 单位名称: '市文旅融合发展局公共服务处党支部', 类别: '其他' }]), /第 3 行：类别“其他”无法识别，应为“处室”/],
      ['an empty category', async () => makeUnitListXlsx([{ 单位名称: '市文旅融合发展局公共服务处党支部' }], { title: '名单' }), /第 3 行：类别为空/],
      ['a duplicate in the file', async () => makeUnitListXlsx([sample[2], sample[0], sample[2]]), /第 4 行：单位“市统计服务局综合处党支部”与第 2 行重复/],
      ['a duplicate with the meeting', async () => makeUnitListXlsx([sample[0], { 单位名称: '已有单位', 类别: '处室' }]), /第 3 行：单位“已有单位”已在本会议的单位名单中/],
      ['an empty sheet', async () => makeXlsx([{ name: 'Sheet1', rows: [] }]), /表格是空的/],
      ['a header with no rows', async () => makeUnitListXlsx([], { title: '参评单位名单' }), /第 2 行表头以下没有单位数据/],
      ['a missing name in a row', async () => makeUnitListXlsx([sample[0], { 类别: '处室', 联系人: '王五' }]), /第 3 行：单位名称为空/],
    ]
    for (const [label, make, message] of cases) {
      it(label, async () => {
        const { meeting, importFile } = await setup()
        await t.api.units.create({ meetingId: meeting.id, fields: { name: '已有单位', category: '处室' } })
        const before = await t.api.units.list({ meetingId: meeting.id })
        const error = await importFile(await make()).then(
          () => null,
          (e) => e,
        )
        expect(error).toMatchObject({ code: 'IMPORT_INVALID' })
        expect(error.message).toMatch(message)
        expect(await t.api.units.list({ meetingId: meeting.id })).toEqual(before)
        // A dry run of the same file does not get past the checks either: an unreadable file is refused,
        // a readable one comes back with the problem listed (and the rows read, for the preview).
        const preview = await importFile(await make(), true).then(
          (r) => r,
          (e) => e,
        )
        if ('code' in preview) expect(preview).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringMatching(message) })
        else expect(preview.errors.join('\n')).toMatch(message)
      })
    }

    it('lists every bad row in the details and summarises them in the message', async () => {
      const { importFile, names } = await setup()
      const buf = await makeUnitListXlsx([sample[0], { 单位名称: 'A', 类别: '其他' }, { 单位名称: 'B', 类别: '' }, sample[0]])
      const error = await importFile(buf).catch((e) => e)
      expect(error.code).toBe('IMPORT_INVALID')
      expect(error.message).toBe('单位名单有误，未导入任何单位：共 3 处问题，第 3 行：类别“其他”无法识别，应为“处室”（机关内设处室、党支部）或“直属单位”（下属中心、站、所等）（其余见详情）')
      expect(error.details).toEqual([
        '第 3 行：类别“其他”无法识别，应为“处室”（机关内设处室、党支部）或“直属单位”（下属中心、站、所等）',
        '第 4 行：类别为空，应为“处室”或“直属单位”',
        '第 5 行：单位“市数据资源局数据共享处党支部”与第 2 行重复',
      ])
      expect(await names()).toEqual([])
    })
  })

  it('refuses an unknown meeting', async () => {
    await setup()
    const buf = await makeUnitListXlsx([sample[0]])
    await expect(
      t.api.units.importXlsx({ meetingId: '00000000-0000-4000-8000-000000000000', fileName: 'x.xlsx', dataBase64: b64(buf) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
