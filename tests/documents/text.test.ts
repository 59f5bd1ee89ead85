/** The small text rules of Chinese official documents: dates, times, quotes, titles, file names. */
import { describe, expect, it } from 'vitest'
import { chineseDate, meetingWhen } from '../../src-main/core/documents/dates'
import { run } from '../../src-main/core/documents/ooxml'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { chineseNumber, chineseQuotes, mergeOpinions, safeFileName, sentence, textHalfEms, titleLines, wrapWords } from '../../src-main/core/documents/text'
import { readDocx } from './docx-reader'
import { demoDossier } from './fixture'

describe('dates', () => {
  it('writes dates without leading zeros', () => {
    expect(chineseDate('2024-12-18')).toBe('2024年12月18日')
    expect(chineseDate('2025-01-05')).toBe('2025年1月5日')
  })

  it('says when the meeting took place, morning or afternoon', () => {
    expect(meetingWhen('2024-12-18', '09:00', '12:30')).toBe('2024年12月18日上午9:00至12:30')
    expect(meetingWhen('2025-03-07', '14:30', '')).toBe('2025年3月7日下午2:30')
    expect(meetingWhen('2025-03-07', '09:00', '14:00')).toBe('2025年3月7日上午9:00至下午2:00')
    expect(meetingWhen('2025-03-07', '14:00', '17:30')).toBe('2025年3月7日下午2:00至5:30')
    expect(meetingWhen('2025-03-07', '', '')).toBe('2025年3月7日')
  })
})

describe('text', () => {
  it('turns straight quotes into Chinese ones, in pairs', () => {
    expect(chineseQuotes('创建"模范机关"和"一窗通办"')).toBe('创建“模范机关”和“一窗通办”')
  })

  it('ends sentences with a full stop and merges reviewers’ opinions without repeats', () => {
    expect(sentence('材料齐全；')).toBe('材料齐全。')
    expect(sentence('成效明显！')).toBe('成效明显！')
    expect(mergeOpinions(['台账完整。', '台账完整', '特色鲜明；\n群众满意', ''])).toBe('台账完整；特色鲜明；群众满意。')
    expect(mergeOpinions(['巡河闭环处置。事迹具体', '事迹具体；联建共建。'])).toBe('巡河闭环处置；事迹具体；联建共建。')
    expect(mergeOpinions(['', ' '])).toBe('')
  })

  it('merges the same observation written with other spacing or quotes, or inside a longer sentence, once', () => {
    expect(mergeOpinions(['“数联先锋”品牌叫得响', '"数联先锋" 品牌叫得响。'])).toBe('“数联先锋”品牌叫得响。')
    // The longer sentence takes the place of the shorter one it contains, and of any other it contains.
    expect(mergeOpinions(['台账不完整；宣传较少', '群众满意；台账不完整，宣传较少'])).toBe('台账不完整，宣传较少；群众满意。')
    expect(mergeOpinions(['加强经验总结，形成工作法', '加强经验总结'])).toBe('加强经验总结，形成工作法。')
    expect(mergeOpinions(['台账不完整；请核实否决事项'], (s) => !s.includes('否决'))).toBe('台账不完整。')
  })

  it('wraps a long title after 年度, or where the organizer put a line break', () => {
    expect(titleLines('青岚市直机关2024年度“模范机关”创建现场评审会纪要')).toEqual(['青岚市直机关2024年度', '“模范机关”创建现场评审会纪要'])
    expect(titleLines('评审会纪要')).toEqual(['评审会纪要'])
    expect(titleLines('第一行\n第二行')).toEqual(['第一行', '第二行'])
  })

  it('breaks long titles between words into even lines, never inside a word, a quote or a number', () => {
    const title = '中共青岚市直属机关工作委员会关于2024年度全市机关党建“模范机关”和“过硬支部”创建现场评审会情况的纪要'
    const lines = titleLines(title)
    expect(lines.join('')).toBe(title)
    expect(lines).toEqual(['中共青岚市直属机关工作委员会关于', '2024年度全市机关党建“模范机关”和', '“过硬支部”创建现场评审会情况的纪要'])
    // The summary sheet's title: the unit word 单位 and the quoted name stay whole.
    expect(titleLines('市直机关2024年度“模范机关”创建现场评审会参评单位评分汇总表')).toEqual(['市直机关2024年度“模范机关”创建', '现场评审会参评单位评分汇总表'])
  })

  it('breaks unit names after a part of the name (局, 处, 队…), never inside a word', () => {
    expect(wrapWords('市城乡规划和自然资源局综合规划处党支部', 14)).toEqual(['市城乡规划和自然资源局', '综合规划处党支部'])
    expect(wrapWords('市生态环境保护综合执法支队行政审批服务科党支部', 14)).toEqual(['市生态环境保护综合执法支队', '行政审批服务科党支部'])
    expect(wrapWords('市数据资源局数据共享处党支部', 10)).toEqual(['市数据资源局', '数据共享处党支部'])
    expect(wrapWords('市数据资源局', 10)).toEqual(['市数据资源局'])
  })

  it('counts in Chinese for （一）…', () => {
    expect([1, 10, 12, 20, 47].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '四十七'])
  })

  it('makes file names every system accepts', () => {
    expect(safeFileName('青岚"模范机关"评审/汇总:表?')).toBe('青岚“模范机关”评审汇总表')
    expect(safeFileName('..\u0000')).toBe('导出文件')
  })

  it('keeps clear of the device names Windows reserves (a minutes title "CON" would make CON.docx, which Windows cannot create)', () => {
    expect(['CON', 'nul', 'Aux', 'PRN', 'COM1', 'lpt9', 'COM¹'].map(safeFileName)).toEqual(['_CON', '_nul', '_Aux', '_PRN', '_COM1', '_lpt9', '_COM¹'])
    // Reserved with any extension too: the name before the first dot counts.
    expect(safeFileName('NUL.评分矩阵')).toBe('_NUL.评分矩阵')
    expect(safeFileName('con .汇总')).toBe('_con.汇总')
    // Only the whole name: these are ordinary.
    expect(['CONSOLE', 'COM10', '评审CON', 'AUX会议'].map(safeFileName)).toEqual(['CONSOLE', 'COM10', '评审CON', 'AUX会议'])
  })
})

describe('text width', () => {
  it('counts the quotes and dashes a Chinese font prints one em wide as Chinese characters, digits as half', () => {
    expect(textHalfEms('【“先锋”工作室】')).toBe(18)
    expect(textHalfEms('9:00—9:13')).toBe(10)
    // 27 characters do not fit a line of 26: broken by hand, not by the word processor inside 【】.
    expect(wrapWords('市生态环境保护综合执法支队科技推广站【“先锋”工作室】', 26)).toHaveLength(2)
  })
})

describe('XML safety', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(run('A&B <c> "d"\u0007')).toBe('<w:r><w:t>A&amp;B &lt;c&gt; &quot;d&quot;</w:t></w:r>')
    expect(run(' 前后空格 ')).toBe('<w:r><w:t xml:space="preserve"> 前后空格 </w:t></w:r>')
    // A dropped control character must not leave an edge space unpreserved (Word would drop the space).
    expect(run('分数 \u0001')).toBe('<w:r><w:t xml:space="preserve">分数 </w:t></w:r>')
    // Text pasted on Windows or read from an Excel cell ends its lines with \r\n or \r: a line break, never a stray \r.
    expect(run('第一行\r\n第二行\r第三行\n第四行')).toBe('<w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br/><w:t>第三行</w:t><w:br/><w:t>第四行</w:t></w:r>')
  })

  it('keeps a unit name with & and < intact in the minutes', async () => {
    const d = demoDossier()
    d.results.units[0].unitName = '市A&B<研究>中心'
    const docx = readDocx((await buildMinutesDocx(d)).bytes)
    expect(docx.document).toContain('市A&amp;B&lt;研究&gt;中心')
    expect(docx.text).toContain('市A&B<研究>中心（第1名，96.83分）')
  })
})
