/**
 * materials.search through the dispatcher on a real SQLite file: the trigram path (3+ characters)
 * and the short-word path (1–2 characters) give exactly what a plain indexOf over the same pages
 * gives, FTS syntax typed by a user is searched as text, and the index follows deletions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertMaterials } from '../../src-main/core/materials/material-rows'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { SNIPPET_AFTER, SNIPPET_BEFORE } from '../../src-main/core/materials/material-search'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { chinesePage, seeded } from '../helpers/chinese-pages'

let t: TestCore
let meetingId: string
let unitIds: string[]
beforeEach(async () => {
  t = makeTestCore()
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  unitIds = seed.units.map((u) => u.id)
})
afterEach(() => t.dispose())

let counter = 0
/** Records a material with the given page texts (no file behind it: search reads only the rows). */
function addMaterial(unitId: string, name: string, pages: string[], meeting = meetingId): string {
  const id = crypto.randomUUID()
  const sha256 = (++counter).toString(16).padStart(64, '0')
  writeTransaction(t.core.context.db, () =>
    insertMaterials(
      t.core.context.db,
      [{ id, meetingId: meeting, unitId, name, size: 100, sha256, kind: 'pdf', contentType: 'application/pdf', pageCount: pages.length, hasTextLayer: true, note: '', pages }],
      new Date().toISOString(),
    ),
  )
  return id
}

const search = (query: string, extra: { unitId?: string; limit?: number } = {}) => t.api.materials.search({ meetingId, query, limit: 500, ...extra })
const pagesOf = (r: { hits: { materialId: string; page: number }[] }) => r.hits.map((h) => `${h.materialId}#${h.page}`)

describe('materials.search', () => {
  it('finds a phrase in several units, in unit order, material order and page order, with 1-based pages', async () => {
    const b1 = addMaterial(unitIds[1], '申报材料.pdf', ['封面', '我们打造“数联先锋”党建品牌，推动党建业务融合。', '无关内容'])
    const a1 = addMaterial(unitIds[0], '自评报告.pdf', ['第一页讲党建品牌创建'])
    const a2 = addMaterial(unitIds[0], '台账.pdf', ['台账', '台账', '党建品牌台账'])
    addMaterial(unitIds[2], '照片说明.pdf', ['与此无关'])
    const result = await search('党建品牌')
    expect(result.total).toBe(3)
    expect(pagesOf(result)).toEqual([`${a1}#1`, `${a2}#3`, `${b1}#2`])
    expect(result.hits[0]).toMatchObject({ unitId: unitIds[0], materialName: '自评报告.pdf', snippet: { before: '第一页讲', match: '党建品牌', after: '创建' } })
  })

  it('answers one- and two-character words, also in the last two characters of a page and on pages shorter than three', async () => {
    const id = addMaterial(unitIds[0], 'a.pdf', ['开展党建', '抓党', '党建', '党', '建设', '支部党员大会'])
    expect(pagesOf(await search('党建'))).toEqual([`${id}#1`, `${id}#3`])
    expect(pagesOf(await search('党'))).toEqual([1, 2, 3, 4, 6].map((p) => `${id}#${p}`))
    expect(pagesOf(await search('建'))).toEqual([1, 3, 5].map((p) => `${id}#${p}`))
    expect((await search('鑫')).total).toBe(0)
  })

  it('gives the same pages as a plain indexOf for random substrings of 1 to 6 characters (trigram and fallback alike)', async () => {
    const random = seeded(8)
    const pages: { id: string; page: number; text: string }[] = []
    for (let m = 0; m < 12; m++) {
      const texts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => chinesePage(random, 20 + Math.floor(random() * 300)))
      const id = addMaterial(unitIds[m % 3], `材料${m}.pdf`, texts)
      texts.forEach((text, i) => pages.push({ id, page: i + 1, text }))
    }
    for (let k = 0; k < 300; k++) {
      const source = pages[Math.floor(random() * pages.length)].text
      const length = 1 + Math.floor(random() * 6)
      const start = Math.floor(random() * Math.max(1, source.length - length))
      const query = source.slice(start, start + length)
      if (/\s/.test(query) || query === '') continue // whitespace separates words (tested below)
      // Latin letters match whatever their case (the pages hold “App”, “PDF”, “OA系统”).
      const expected = pages.filter((p) => p.text.toLowerCase().includes(query.toLowerCase())).map((p) => `${p.id}#${p.page}`)
      const result = await search(query)
      expect(result.total, query).toBe(expected.length)
      expect([...pagesOf(result)].sort(), query).toEqual(expected.slice(0, 500).sort())
      for (const hit of result.hits) expect(hit.snippet.match.toLowerCase(), query).toBe(query.toLowerCase())
    }
  })

  it('gives the same pages as indexOf for several words, whether few pages or hundreds are left after the first word', async () => {
    const random = seeded(21)
    const pages: { id: string; page: number; text: string }[] = []
    // 300 pages with 党建: after that word too many are left to read, so 品牌 / 牌 go through the index too.
    for (let m = 0; m < 10; m++) {
      const texts = Array.from({ length: 30 }, (_, i) => {
        const body = chinesePage(random, 40 + Math.floor(random() * 80))
        return i % 3 === 0 ? `党建${body}` : i % 3 === 1 ? `${body}党建品牌` : `${body}党建牌`
      })
      const id = addMaterial(unitIds[m % 3], `材料${m}.pdf`, texts)
      texts.forEach((text, i) => pages.push({ id, page: i + 1, text }))
    }
    for (const query of ['党建 品牌', '党建 牌', '牌 党建', '党建 品牌 活动', '品 建', '党建 鑫']) {
      const words = query.split(' ')
      const expected = pages.filter((p) => words.every((w) => p.text.includes(w))).map((p) => `${p.id}#${p.page}`)
      const result = await search(query)
      expect(result.total, query).toBe(expected.length)
      expect([...pagesOf(result)].sort(), query).toEqual(expected.slice(0, 500).sort())
    }
  })

  it('searches FTS syntax as text: AND, OR, NEAR, *, ^, quotes and parentheses', async () => {
    const plain = addMaterial(unitIds[0], 'a.pdf', ['党建品牌创建'])
    const literal = addMaterial(unitIds[1], 'b.pdf', ['党建 OR 品牌，"引号" (括号) 品牌* ^开头 NEAR(党建 品牌) AND'])
    for (const query of ['党建 OR', 'NEAR(党建 品牌)', '品牌*', '^开头', '"引号"', '(括号)', 'AND', '"', '党建 OR 品牌']) {
      const result = await search(query)
      expect(pagesOf(result), query).toEqual([`${literal}#1`])
    }
    expect(pagesOf(await search('OR'))).toEqual([`${literal}#1`])
    expect(pagesOf(await search('党建品牌'))).toEqual([`${plain}#1`])
  })

  it('needs every word of a spaced query on the page, not next to each other; spaces and punctuation inside a word are literal', async () => {
    const both = addMaterial(unitIds[0], 'a.pdf', ['党建工作扎实，品牌特色鲜明', '只有党建', '只有品牌', '品牌，创建'])
    expect(pagesOf(await search('党建 品牌'))).toEqual([`${both}#1`])
    expect(pagesOf(await search('品牌 党建'))).toEqual([`${both}#1`])
    expect(pagesOf(await search('  党建　品牌  '))).toEqual([`${both}#1`]) // full-width space too
    expect(pagesOf(await search('品牌，创建'))).toEqual([`${both}#4`])
    expect(pagesOf(await search('品牌创建'))).toEqual([])
  })

  it('keeps whitespace inside the text literal: a phrase broken by a line break is found by its two halves as two words', async () => {
    const id = addMaterial(unitIds[0], 'a.pdf', ['打造党建\n品牌，服务 群众'])
    expect((await search('党建品牌')).total).toBe(0)
    expect(pagesOf(await search('党建 品牌'))).toEqual([`${id}#1`])
    expect((await search('服务群众')).total).toBe(0)
    expect((await search('建\n品')).total).toBe(1) // the newline splits the query into 建 and 品
  })

  it('is case-insensitive for Latin letters and keeps the page’s own spelling in the snippet', async () => {
    const id = addMaterial(unitIds[0], 'a.pdf', ['使用OA系统办理，导出PDF文件'])
    expect(pagesOf(await search('oa系统'))).toEqual([`${id}#1`])
    expect((await search('pdf')).hits[0].snippet.match).toBe('PDF')
    expect(pagesOf(await search('Pd'))).toEqual([`${id}#1`])
  })

  it('does not treat % and _ as wildcards', async () => {
    addMaterial(unitIds[0], 'a.pdf', ['完成率百分之百'])
    const id = addMaterial(unitIds[0], 'b.pdf', ['完成率100%，编号A_1'])
    expect(pagesOf(await search('%'))).toEqual([`${id}#1`])
    expect(pagesOf(await search('_'))).toEqual([`${id}#1`])
    expect(pagesOf(await search('0%，'))).toEqual([`${id}#1`])
  })

  it('shows ~30 characters before and ~60 after the first match, newlines as spaces, no HTML', async () => {
    const before = '甲'.repeat(40) + '\n\n乙'
    const after = '丙\r\n' + '丁'.repeat(80)
    addMaterial(unitIds[0], 'a.pdf', [`${before}<b>党建</b>${after} 再一次<b>党建</b>`])
    const [hit] = (await search('党建')).hits
    expect(hit.snippet.match).toBe('党建')
    expect(hit.snippet.before).toBe(`${'甲'.repeat(SNIPPET_BEFORE - 6)} 乙<b>`)
    expect(hit.snippet.after.startsWith('</b>丙 丁')).toBe(true)
    expect(hit.snippet.after).not.toContain('\n')
    expect(hit.snippet.after.length).toBeLessThanOrEqual(SNIPPET_AFTER)
  })

  it('limits hits to `limit`, counts every matching page in `total`, and keeps to one unit when asked', async () => {
    const a = addMaterial(unitIds[0], 'a.pdf', Array.from({ length: 8 }, (_, i) => `第${i + 1}页 党建品牌`))
    const b = addMaterial(unitIds[1], 'b.pdf', ['党建品牌'])
    const limited = await search('党建品牌', { limit: 3 })
    expect(limited.total).toBe(9)
    expect(pagesOf(limited)).toEqual([`${a}#1`, `${a}#2`, `${a}#3`])
    const one = await search('党建', { unitId: unitIds[1] })
    expect(one).toMatchObject({ total: 1, hits: [{ materialId: b, unitId: unitIds[1] }] })
  })

  it('keeps meetings apart and names a wrong meeting or unit', async () => {
    const other = await t.api.meetings.create({ title: '另一个会', date: '2024-12-19' })
    const otherUnit = await t.api.units.create({ meetingId: other.id, fields: { name: '别的单位', category: '处室' } })
    addMaterial(otherUnit.id, 'x.pdf', ['党建品牌'], other.id)
    expect((await search('党建品牌')).total).toBe(0)
    await expect(search('党建', { unitId: otherUnit.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('参评单位') })
    await expect(t.api.materials.search({ meetingId: crypto.randomUUID(), query: '党建' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('会议') })
    await expect(t.api.materials.search({ meetingId, query: '   ' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('请输入要搜索的文字') })
  })
})

describe('the search index follows deletions', () => {
  const integrity = () => t.core.context.db.exec("INSERT INTO material_fts(material_fts) VALUES('integrity-check')")

  it('drops the pages of a deleted material, unit and meeting, and passes the FTS integrity check', async () => {
    const m1 = addMaterial(unitIds[0], 'a.pdf', ['党建品牌一', '党建'])
    addMaterial(unitIds[1], 'b.pdf', ['党建品牌二'])
    addMaterial(unitIds[2], 'c.pdf', ['党建品牌三'])
    expect((await search('党建品牌')).total).toBe(3)
    expect((await search('党建')).total).toBe(4)
    integrity()

    await t.api.materials.delete({ meetingId, id: m1 })
    expect((await search('党建品牌')).total).toBe(2)
    expect((await search('党建')).total).toBe(2)
    integrity()

    await t.api.units.delete({ meetingId, id: unitIds[1], withMaterials: true })
    expect((await search('党建品牌')).hits.map((h) => h.unitId)).toEqual([unitIds[2]])
    integrity()

    await t.api.meetings.delete({ meetingId })
    const db = t.core.context.db
    expect(db.prepare('SELECT count(*) FROM material_pages').pluck().get()).toBe(0)
    expect(db.prepare("SELECT count(*) FROM material_fts WHERE material_fts MATCH '\"党建品\"'").pluck().get()).toBe(0)
    integrity()
  })
})
