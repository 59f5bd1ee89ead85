/** What the materials screens say: sizes, badges, the overview column, the progress line, batch decisions, grouped hits. */
import { describe, expect, it } from 'vitest'
import type { MaterialBatchPlan } from '../../src-main/shared/schemas/material'
import { initialDecisions, SKIP, toAssignments, undecided } from '../../src-renderer/src/components/materials/batchAssign'
import { withEncoding } from '../../src-renderer/src/components/materials/encodingChoice'
import { progressPercent, progressText } from '../../src-renderer/src/components/materials/jobProgress'
import { formatBytes, materialBadges, overviewText, splitName } from '../../src-renderer/src/components/materials/materialFormat'
import { groupHits, totalText } from '../../src-renderer/src/components/materials/searchGroups'

describe('materials list', () => {
  it('sizes read like a file manager', () => {
    expect([0, 812, 3481, 12 * 1024 * 1024, 1.2 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '812 B', '3.4 KB', '12 MB', '1.2 GB'])
  })

  it('marks scans 无文字层 and old formats 无法在程序内显示; a PDF with text and an image get no badge', () => {
    const labels = (kind: 'pdf' | 'image' | 'unsupported', hasTextLayer: boolean) => materialBadges({ kind, hasTextLayer, note: '' }).map((b) => b.label)
    expect(labels('pdf', false)).toEqual(['无文字层'])
    expect(labels('unsupported', false)).toEqual(['无法在程序内显示'])
    expect(labels('pdf', true)).toEqual([])
    expect(labels('image', false)).toEqual([])
    // The core's note (why) is the tooltip.
    expect(materialBadges({ kind: 'unsupported', hasTextLayer: false, note: 'OFD 版式文件无法在程序内显示，请用系统程序打开' })[0]!.title).toContain('OFD')
  })

  it('shows the folders of a name apart from the file', () => {
    expect(splitName('台账/2024年/党建台账.pdf')).toEqual({ folder: '台账/2024年/', file: '党建台账.pdf' })
    expect(splitName('申报书.docx')).toEqual({ folder: '', file: '申报书.docx' })
  })

  it('the units table says “5 份” and “2 份无文字层”', () => {
    expect(overviewText({ count: 5, noTextLayer: 0 })).toBe('5 份')
    expect(overviewText({ count: 5, noTextLayer: 2 })).toBe('5 份，2 份无文字层')
    expect(overviewText({ count: 0, noTextLayer: 0 })).toBe('无')
    expect(overviewText(undefined)).toBe('无')
  })
})

describe('import progress', () => {
  it('the bar follows bytes, never shows 100 % before the end, and falls back to files', () => {
    expect(progressPercent({ doneBytes: 512, totalBytes: 1024, files: { done: 9, total: 10 } })).toBe(50)
    expect(progressPercent({ doneBytes: 1024, totalBytes: 1024 })).toBe(99)
    expect(progressPercent({ doneBytes: 0, totalBytes: 0, files: { done: 1, total: 4 } })).toBe(25)
    expect(progressPercent({ doneBytes: 0, totalBytes: 0 })).toBe(0)
  })

  it('the line says files and bytes', () => {
    expect(progressText({ doneBytes: 45 * 1024 * 1024, totalBytes: 1.2 * 1024 ** 3, files: { done: 3, total: 12 } })).toBe('已完成 3/12 个文件 · 45 MB / 1.2 GB')
  })
})

describe('zip name encoding switch', () => {
  it('自动识别 removes the archive from the choices; UTF-8 / GBK set it', () => {
    const gbk = withEncoding({}, 'a.zip', 'gb18030')
    expect(gbk).toEqual({ 'a.zip': 'gb18030' })
    expect(withEncoding(gbk, 'a.zip', 'auto')).toEqual({})
    expect(withEncoding(gbk, 'b.zip', 'utf8')).toEqual({ 'a.zip': 'gb18030', 'b.zip': 'utf8' })
  })
})

describe('batch import by unit folders', () => {
  const plan: MaterialBatchPlan = {
    groups: [
      { key: '办公室党支部', unitId: 'u1', fileCount: 3, bytes: 100 },
      { key: '新建文件夹', unitId: null, fileCount: 1, bytes: 10 },
      { key: '财务处', unitId: 'u2', fileCount: 2, bytes: 20 },
    ],
    archives: [],
    refused: [],
  }

  it('matched folders start at their unit; unmatched ones wait for the organizer', () => {
    const decisions = initialDecisions(plan)
    expect(undecided(plan, decisions)).toEqual(['新建文件夹'])
    expect(undecided(plan, { ...decisions, 新建文件夹: SKIP })).toEqual([])
  })

  it('sends every folder: assigned to a unit, or null when skipped', () => {
    const decisions = { ...initialDecisions(plan), 新建文件夹: 'u3', 财务处: SKIP }
    expect(toAssignments(plan, decisions)).toEqual([
      { key: '办公室党支部', unitId: 'u1' },
      { key: '新建文件夹', unitId: 'u3' },
      { key: '财务处', unitId: null },
    ])
  })
})

describe('search results', () => {
  const hit = (unitId: string, materialName: string, page: number) => ({ materialId: `${materialName}-id`, unitId, materialName, page, snippet: { before: '', match: '党建', after: '' } })

  it('groups hits by unit in the order of the unit list, hits in their order', () => {
    const units = [{ id: 'a', name: '甲单位' }, { id: 'b', name: '乙单位' }]
    const groups = groupHits([hit('b', '乙.pdf', 2), hit('a', '甲.pdf', 1), hit('b', '乙.pdf', 5)], units)
    expect(groups.map((g) => [g.unitName, g.hits.map((h) => h.page)])).toEqual([
      ['甲单位', [1]],
      ['乙单位', [2, 5]],
    ])
  })

  it('says how many in all, and when only the first ones are shown', () => {
    expect(totalText(12, 12)).toBe('共 12 处')
    expect(totalText(100, 340)).toBe('共 340 处，显示前 100 处')
  })
})
