import { describe, expect, it } from 'vitest'
import { findInPage } from '../../src-renderer/src/materials/viewer/pdf-find'

describe('PDF 内查找', () => {
  it('跨文字片段、忽略空格与换行找到中文词，并标出每段的位置', () => {
    const items = ['一、打造', '党建 ', '品牌', '', '，党建品牌\n效果好']
    const hits = findInPage(2, items, '党建品牌')
    expect(hits).toHaveLength(2)
    expect(hits[0]).toEqual({ page: 2, parts: [{ item: 1, start: 0, end: 2 }, { item: 2, start: 0, end: 2 }] })
    expect(hits[1].parts).toEqual([{ item: 4, start: 1, end: 5 }])
  })

  it('字母不区分大小写，查询中的空格被忽略，空查询没有结果', () => {
    expect(findInPage(1, ['Annual PDF report', 'pdf'], 'p d f').map((h) => h.parts)).toEqual([[{ item: 0, start: 7, end: 10 }], [{ item: 1, start: 0, end: 3 }]])
    expect(findInPage(1, ['任何文字'], '  ')).toEqual([])
  })

  it('命中不重叠，依次计数', () => {
    expect(findInPage(1, ['哈哈哈哈哈'], '哈哈')).toHaveLength(2)
  })
})
