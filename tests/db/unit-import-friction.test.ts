/**
 * Unit lists as clerks really send them: a 填表人/制表日期 footer, their own category words, phone
 * numbers typed with a Chinese input method, a CSV saved by Excel on Chinese Windows (GBK, no BOM).
 */
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTestCore, type TestCore } from '../helpers/core'
import { makeUnitListXlsx } from '../helpers/xlsx'

let t: TestCore
afterEach(() => t?.dispose())

async function setup() {
  t = makeTestCore()
  const meeting = await t.api.meetings.create({ title: '单位导入测试会', date: '2024-12-18' })
  const importFile = (buf: Buffer, fileName: string, dryRun = false) =>
    t.api.units.importXlsx({ meetingId: meeting.id, fileName, dataBase64: buf.toString('base64'), dryRun })
  const units = () => t.api.units.list({ meetingId: meeting.id })
  return { importFile, units }
}

const header = ['序号', '单位名称', '类别', '所属部门', '联系人', '电话']

describe('unit lists as they arrive', () => {
  it('skips and lists a footer and a notes row instead of refusing the whole list', async () => {
    const { importFile, units } = await setup()
    const buf = await makeUnitListXlsx(
      [
        ['1', '市数据资源局数据共享处党支部', '处室', '市数据资源局', '孙立群', '66012318'],
        ['2', '市水利保障局水文监测站', '直属单位', '市水利保障局', '钱永福', '66037781'],
        [null, '注：类别按机关工委通知填写', null, null, null, null],
        [null, '填表人：王小雨', null, null, '制表日期：2024年12月1日', null],
      ],
      { header },
    )
    const preview = await importFile(buf, '名单.xlsx', true)
    expect(preview.errors).toEqual([])
    expect(preview.rows.map((r) => r.name)).toEqual(['市数据资源局数据共享处党支部', '市水利保障局水文监测站'])
    expect(preview.ignored).toEqual([
      { rowNumber: 4, text: '注：类别按机关工委通知填写' },
      { rowNumber: 5, text: '填表人：王小雨 制表日期：2024年12月1日' },
    ])
    const result = await importFile(buf, '名单.xlsx')
    expect(result.imported).toBe(2)
    expect((await units()).map((u) => u.name)).toEqual(['市数据资源局数据共享处党支部', '市水利保障局水文监测站'])
  })

  it('the preview shows what was read next to the rows it refuses; the import itself stays all or nothing', async () => {
    const { importFile, units } = await setup()
    const buf = await makeUnitListXlsx(
      [
        ['1', '市数据资源局数据共享处党支部', '处室', '', '', ''],
        ['2', '市水利保障局水文监测站', '其他', '', '', ''],
        ['3', '市统计服务局综合处党支部', '处室', '', '', ''],
      ],
      { header },
    )
    const preview = await importFile(buf, '名单.xlsx', true)
    expect(preview.rows.map((r) => r.name)).toEqual(['市数据资源局数据共享处党支部', '市统计服务局综合处党支部'])
    expect(preview.errors).toEqual([expect.stringContaining('第 3 行：类别“其他”无法识别')])
    await expect(importFile(buf, '名单.xlsx')).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
    expect(await units()).toEqual([])
  })

  it('maps the organizer’s own categories and normalises full-width phone numbers', async () => {
    const { importFile } = await setup()
    const buf = await makeUnitListXlsx(
      [
        ['1', '市数据资源局数据共享处党支部', '机关处室党支部', '', '', '０７７１－６６０１２３１８'],
        ['2', '市水利保障局水文监测站', '局属事业单位', '', '', '（0771）66037781'],
        ['3', '市统计服务局综合处党支部', '科室', '', '', '１３８００１３８０００'],
        ['4', '市机关事务服务局后勤保障中心', '下属中心', '', '', ''],
      ],
      { header },
    )
    const preview = await importFile(buf, '名单.xlsx', true)
    expect(preview.errors).toEqual([])
    expect(preview.rows.map((r) => [r.category, r.phone])).toEqual([
      ['处室', '0771-66012318'],
      ['直属单位', '(0771)66037781'],
      ['处室', '13800138000'],
      ['直属单位', ''],
    ])
  })

  it.each([
    ['GBK without a BOM (Excel on Chinese Windows)', (text: string) => iconv.encode(text, 'gbk')],
    ['UTF-8 with a BOM (WPS, newer Excel)', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-8 without a BOM', (text: string) => Buffer.from(text, 'utf8')],
  ])('reads a .csv saved as %s', async (_label, encode) => {
    const { importFile, units } = await setup()
    const text = [
      '参评单位名单,,,,,',
      '序号,单位名称,类别,所属部门,联系人,电话',
      '1,市数据资源局数据共享处党支部,处室,市数据资源局,孙立群,6601 2318',
      '2,"市水利保障局水文监测站",直属单位,市水利保障局,钱永福,66037781',
      ',填表人：王小雨,,,,',
    ].join('\r\n')
    const result = await importFile(encode(text), '参评单位.csv')
    expect(result).toMatchObject({ imported: 2, ignored: [{ rowNumber: 5, text: '填表人：王小雨' }] })
    expect((await units()).map((u) => [u.name, u.category, u.department, u.contact])).toEqual([
      ['市数据资源局数据共享处党支部', '处室', '市数据资源局', '孙立群'],
      ['市水利保障局水文监测站', '直属单位', '市水利保障局', '钱永福'],
    ])
  })

  it('refuses a .csv that is not text, in Chinese, saving nothing', async () => {
    const { importFile, units } = await setup()
    await expect(importFile(Buffer.from('1,"未闭合的引号\n2,x'), '名单.csv')).rejects.toMatchObject({ code: 'IMPORT_INVALID' })
    await expect(importFile(Buffer.alloc(0), '名单.csv')).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(await units()).toEqual([])
  })
})
