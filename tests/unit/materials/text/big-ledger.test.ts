/** A ledger past the table reader's limits is a material like any other: imported, its text cut, never refused. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { extractText } from '../../../../src-main/core/materials/text/extract-text'
import { makeXlsx } from '../../../helpers/xlsx'

const dir = mkdtempSync(join(tmpdir(), 'big-ledger-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a 6,000-row ledger (.xlsx)', () => {
  it('gives the text of its first rows with a note that the rest was left out', async () => {
    const path = join(dir, '2024年党建工作台账.xlsx')
    const rows = Array.from({ length: 6000 }, (_, r) => [r + 1, `第${r + 1}次主题党日活动`, 30 + (r % 9)])
    writeFileSync(path, await makeXlsx([{ name: '台账', rows }]))
    const text = await extractText(path)
    expect(text.kind).toBe('xlsx')
    expect(text.pages[0]).toContain('第1次主题党日活动')
    expect(text.pages[0]).not.toContain('第6000次主题党日活动')
    expect(text.note).toBe('表格很大，只有前面的部分行列可以搜索和在程序内查看；完整内容请用系统程序打开')
    expect(text.hasTextLayer).toBe(true)
  })
})
