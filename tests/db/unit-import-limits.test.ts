/**
 * Hostile unit-list workbooks: each is refused early with a Chinese message and nothing saved, and
 * the biggest one under the upload cap is read in bounded memory (a child process with a 300 MB heap).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { writeTallXlsx } from '../helpers/big-xlsx'
import { makeTestCore, repoRoot, type TestCore } from '../helpers/core'
import { makeUnitListXlsx, makeXlsx } from '../helpers/xlsx'

let t: TestCore
afterEach(() => t?.dispose())
const scratch = mkdtempSync(join(tmpdir(), 'onsite-xlsx-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function setup() {
  t = makeTestCore()
  const meeting = await t.api.meetings.create({ title: '单位导入限制测试会', date: '2024-12-18' })
  const importFile = (buf: Buffer, dryRun = false) => t.api.units.importXlsx({ meetingId: meeting.id, fileName: '名单.xlsx', dataBase64: buf.toString('base64'), dryRun })
  const count = async () => (await t.api.units.list({ meetingId: meeting.id })).length
  return { importFile, count }
}

/** The refusal of importing `buf`, checked to have saved nothing. */
async function refusal(buf: Buffer): Promise<string> {
  const { importFile, count } = await setup()
  const error = await importFile(buf).then(
    () => null,
    (e: { code: string; message: string }) => e,
  )
  expect(error, 'the import should have been refused').not.toBeNull()
  expect(error!.code).toBe('IMPORT_INVALID')
  expect(await count()).toBe(0)
  return error!.message
}

/** The same workbook with one part's XML changed (as another program could have written it). */
function withPart(buf: Buffer, name: string, change: (xml: string) => string, level: 0 | 9 = 0): Buffer {
  const files = unzipSync(new Uint8Array(buf))
  files[name] = strToU8(change(strFromU8(files[name])))
  return Buffer.from(zipSync(files, { level }))
}

const units = (n: number) => Array.from({ length: n }, (_, i) => ({ 单位名称: `测试单位${i + 1}`, 类别: '处室' }))

describe('size limits, checked while reading', () => {
  it('a 4,000,000-row workbook (19 MB, under the upload cap) is refused in bounded memory, nothing saved', async () => {
    const file = join(scratch, '四百万行.xlsx')
    await writeTallXlsx(file, 4_000_000)
    // A 300 MB heap: reading the workbook whole needed 4.4 GB and killed the process.
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=300', '--import', 'tsx', 'tests/helpers/import-child.ts', file], {
      cwd: repoRoot,
      maxBuffer: 1024 * 1024,
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(result).toMatchObject({ ok: false, code: 'IMPORT_INVALID', units: 0 })
    expect(result.message).toBe('无法读取 Excel 文件“四百万行.xlsx”：表格过大：工作表解压后超过 32 MB（参评单位名单通常不到 1 MB），请只保留名单所在的工作表后再导入')
    expect(result.peakRssMb).toBeLessThan(300)
  }, 300_000)

  it('reads 5,000 rows (header included) and refuses the 5,001st', async () => {
    const { importFile } = await setup()
    expect((await importFile(await makeUnitListXlsx(units(4999)), true)).rows).toHaveLength(4999)
    expect(await refusal(await makeUnitListXlsx(units(5000)))).toMatch(/^无法读取 Excel 文件“名单.xlsx”：表格过大：最多读取 5000 行，/)
  })

  it('refuses a cell beyond the 200th column', async () => {
    const row = ['序号', '单位名称', '类别']
    row[200] = '备注'
    expect(await refusal(await makeXlsx([{ name: '名单', rows: [row, [1, '市统计服务局', '处室']] }]))).toMatch(/表格过宽：最多读取 200 列/)
  })

  it('refuses more than 100,000 cells with content', async () => {
    const rows = Array.from({ length: 4000 }, (_, r) => Array.from({ length: 26 }, (_, c) => r * 26 + c))
    expect(await refusal(await makeXlsx([{ name: '名单', rows }]))).toMatch(/表格内容过多：最多读取 100000 个单元格/)
  })

  it('refuses a zip bomb (a part that inflates 1000-fold) before inflating it', async () => {
    const bomb = withPart(await makeUnitListXlsx(units(1)), 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<sheetData>', `<sheetData>${' '.repeat(8 * 1024 * 1024)}`), 9)
    expect(await refusal(bomb)).toMatch(/文件的压缩比异常，不是正常的 .xlsx 表格/)
  })

  it('refuses a part that inflates to more than its directory entry declares', async () => {
    const buf = withPart(await makeUnitListXlsx(units(3)), 'xl/worksheets/sheet1.xml', (xml) => xml)
    // Stored (level 0): the uncompressed size sits in the local header (offset 22) and the central directory (offset 24).
    const name = Buffer.from('xl/worksheets/sheet1.xml')
    for (const [signature, offset, nameAt] of [[0x04034b50, 22, 30], [0x02014b50, 24, 46]] as const) {
      for (let at = buf.indexOf(name); at >= 0; at = buf.indexOf(name, at + 1)) {
        if (buf.readUInt32LE(at - nameAt) === signature) buf.writeUInt32LE(100, at - nameAt + offset)
      }
    }
    expect(await refusal(buf)).toMatch(/文件已损坏或不是 .xlsx 格式/)
  })
})

describe('text the documents cannot hold', () => {
  it('a unit name with U+FFFE (Excel writes it as _xFFFE_) is a row error naming the character', async () => {
    const buf = withPart(await makeUnitListXlsx(units(2)), 'xl/sharedStrings.xml', (xml) => xml.replace('测试单位2', '测试单位2_xFFFE_'))
    expect(await refusal(buf)).toBe('单位名单有误，未导入任何单位：第 3 行：“单位名称”含有不能保存的字符 U+FFFE（不可见的控制字符或残缺字符），请删除后重新输入或粘贴')
  })

  it('a control character in a contact (_x0007_) too; an escaped underscore (_x005F_) is just “_”', async () => {
    const { importFile } = await setup()
    const header = ['序号', '单位名称', '类别', '联系人']
    const good = withPart(await makeUnitListXlsx([{ 单位名称: '市统计局_x005F_x0041_', 类别: '处室', 联系人: '王五' }], { header }), 'xl/sharedStrings.xml', (xml) => xml)
    expect((await importFile(good, true)).rows[0].name).toBe('市统计局_x0041_')
    const bad = withPart(await makeUnitListXlsx([{ 单位名称: '市统计局', 类别: '处室', 联系人: '王五_x0007_' }], { header }), 'xl/sharedStrings.xml', (xml) => xml)
    expect(await refusal(bad)).toMatch(/第 2 行：“联系人”含有不能保存的字符 U\+0007/)
  })

  it('a raw U+FFFF in the XML makes the file unreadable, not a unit', async () => {
    const buf = withPart(await makeUnitListXlsx(units(2)), 'xl/sharedStrings.xml', (xml) => xml.replace('测试单位2', '测试单位2\uFFFF'))
    expect(await refusal(buf)).toMatch(/文件已损坏或不是 .xlsx 格式/)
  })
})
