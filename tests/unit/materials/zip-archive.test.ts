import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { listZip, MATERIAL_ZIP_LIMITS, openEntryStream } from '../../../src-main/core/materials/zip-archive'
import { buildZip, gbk, unicodePath, utf8, type TestEntry } from '../../helpers/material-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'zip-archive-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let count = 0
function zipFile(entries: TestEntry[]): string {
  const path = join(dir, `t${count++}.zip`)
  writeFileSync(path, buildZip(entries))
  return path
}
const text = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
const chinese = /[\u4e00-\u9fa5]/

describe('names of a zip made on Chinese Windows (GBK, no UTF-8 flag)', () => {
  // 「誠」 is 0xD5 0x5C in GBK: its second byte is "\", which must not split the name.
  const withBackslashByte = '申报材料\\誠信承诺书.pdf'

  it('are read as GB18030, decoded before the Windows "\\" separators are turned into "/"', async () => {
    expect([...gbk('誠')]).toEqual([0xd5, 0x5c])
    const path = zipFile([
      { name: gbk('申报材料/') },
      { name: gbk('申报材料/自评报告.pdf'), data: utf8('报告内容') },
      { name: gbk(withBackslashByte), data: utf8('承诺') },
      { name: gbk('赲.txt'), data: utf8('x') },
    ])
    const listing = await listZip(path)
    expect(listing.encoding).toBe('gb18030')
    expect(listing.refused).toEqual([])
    expect(listing.entries).toEqual([
      { name: '申报材料', size: 0, compressedSize: 0, isDirectory: true },
      { name: '申报材料/自评报告.pdf', size: 12, compressedSize: 12, isDirectory: false },
      { name: '申报材料/誠信承诺书.pdf', size: 6, compressedSize: 6, isDirectory: false },
      { name: '赲.txt', size: 1, compressedSize: 1, isDirectory: false },
    ])
    expect(await text(await openEntryStream(path, '申报材料/誠信承诺书.pdf'))).toBe('承诺')
  })

  it('can be forced to UTF-8 by the organizer, who then sees what that reading gives', async () => {
    const path = zipFile([{ name: gbk('自评报告.pdf'), data: utf8('a') }])
    const listing = await listZip(path, { encoding: 'utf8' })
    expect(listing.encoding).toBe('utf8')
    expect(listing.entries[0].name).not.toBe('自评报告.pdf')
  })
})

describe('names the archive declares as UTF-8', () => {
  it('macOS: valid UTF-8 without the flag is read as UTF-8, and can be forced to GB18030', async () => {
    const path = zipFile([{ name: utf8('申报材料/自评报告.pdf'), data: utf8('mac') }])
    const listing = await listZip(path)
    expect(listing.encoding).toBe('utf8')
    expect(listing.entries.map((e) => e.name)).toEqual(['申报材料/自评报告.pdf'])
    expect((await listZip(path, { encoding: 'gb18030' })).entries[0].name).not.toBe('申报材料/自评报告.pdf')
  })

  it('bit 11 set: UTF-8 even when the other names are GBK', async () => {
    const path = zipFile([
      { name: utf8('汇报材料.pptx'), flags: 0x0800, data: utf8('a') },
      { name: gbk('自评报告.pdf'), data: utf8('b') },
    ])
    const listing = await listZip(path)
    expect(listing.encoding).toBe('gb18030')
    expect(listing.entries.map((e) => e.name)).toEqual(['汇报材料.pptx', '自评报告.pdf'])
    expect(await text(await openEntryStream(path, '汇报材料.pptx'))).toBe('a')
  })

  it('a Unicode Path field (0x7075) whose CRC matches the raw name gives the name; a stale one is ignored', async () => {
    const raw = gbk('旧名称.pdf')
    const path = zipFile([
      { name: raw, extra: unicodePath(raw, '佐证材料.pdf'), data: utf8('a') },
      { name: gbk('台账.xlsx'), extra: unicodePath(gbk('台账.xlsx'), '改过的名字.xlsx', crc32(raw)), data: utf8('b') },
    ])
    const listing = await listZip(path)
    expect(listing.entries.map((e) => e.name)).toEqual(['佐证材料.pdf', '台账.xlsx'])
    expect(listing.encoding).toBe('gb18030')
  })
})

describe('paths that could land outside the extraction folder', () => {
  it('are refused with a Chinese reason; the safe entries are still listed', async () => {
    const path = zipFile([
      { name: utf8('../evil.txt'), data: utf8('x') },
      { name: utf8('/etc/x'), data: utf8('x') },
      { name: utf8('C:\\x'), data: utf8('x') },
      { name: utf8('材料/../../上级.txt'), data: utf8('x') },
      { name: utf8(''), data: utf8('x') },
      { name: utf8('材料/正常.pdf'), data: utf8('ok') },
    ])
    const listing = await listZip(path)
    expect(listing.entries.map((e) => e.name)).toEqual(['材料/正常.pdf'])
    expect(listing.refused.map((r) => r.rawName)).toEqual(['../evil.txt', '/etc/x', 'C:\\x', '材料/../../上级.txt', ''])
    for (const r of listing.refused) expect(r.reason).toMatch(chinese)
    await expect(openEntryStream(path, '../evil.txt')).rejects.toThrow(/没有可读取的文件/)
  })

  it('a GBK "..\\" traversal is caught after decoding', async () => {
    const listing = await listZip(zipFile([{ name: gbk('..\\誠信.pdf'), data: utf8('x') }]))
    expect(listing.entries).toEqual([])
    expect(listing.refused).toEqual([{ rawName: '..\\誠信.pdf', reason: expect.stringMatching(/“\.\.”/) }])
  })
})

describe('zip bombs are refused from the central directory, before anything is inflated', () => {
  // Deflate entries whose "compressed" bytes are junk: inflating them would fail, so a clean
  // refusal shows the decision was made from the declared sizes alone.
  const junk = Buffer.alloc(1000, 0xff)

  it('a file declared far larger than one material may be', async () => {
    const listing = await listZip(zipFile([{ name: utf8('ledger.pdf'), method: 8, data: junk, declaredSize: 3 * 1024 ** 3 }]))
    expect(listing.entries).toEqual([])
    expect(listing.refused).toEqual([{ rawName: 'ledger.pdf', reason: '解压后超过 1024 MB，请单独导入该文件' }])
  })

  it('a file whose compression ratio no document reaches', async () => {
    const path = zipFile([
      { name: utf8('bomb.txt'), method: 8, data: junk, declaredSize: 50 * 1024 * 1024 },
      { name: utf8('ok.txt'), data: utf8('ok') },
    ])
    const listing = await listZip(path)
    expect(listing.entries.map((e) => e.name)).toEqual(['ok.txt'])
    expect(listing.refused[0].reason).toMatch(/压缩比异常/)
    await expect(openEntryStream(path, 'bomb.txt')).rejects.toThrow(chinese)
  })

  it('too many entries, or too many bytes together, refuse the whole archive', async () => {
    const entries = [1, 2, 3].map((i) => ({ name: utf8(`${i}.txt`), data: utf8('12345') }))
    const path = zipFile(entries)
    await expect(listZip(path, { limits: { ...MATERIAL_ZIP_LIMITS, entries: 2 } })).rejects.toThrow('无法读取压缩包：压缩包中有 3 个文件，超过上限 2 个')
    await expect(listZip(path, { limits: { ...MATERIAL_ZIP_LIMITS, totalBytes: 10 } })).rejects.toThrow(/无法读取压缩包：解压后共超过/)
    expect((await listZip(path)).entries).toHaveLength(3)
  })
})

describe('files that are not zips', () => {
  it('are refused in Chinese', async () => {
    const path = join(dir, 'not.zip')
    writeFileSync(path, 'not a zip at all')
    await expect(listZip(path)).rejects.toThrow('无法读取压缩包：文件已损坏或不是 .zip 格式')
    await expect(listZip(join(dir, 'missing.zip'))).rejects.toThrow('无法读取压缩包：找不到该文件')
  })
})
