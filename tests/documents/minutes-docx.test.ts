/** The minutes .docx read back: GB/T 9704 page setup, fonts, spacing, footers, tables and text. */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildMinutesDocx, type MinutesDocument } from '../../src-main/core/documents/minutes'
import { buildReviewerSheetsDocx } from '../../src-main/core/documents/reviewer-sheet'
import { attrs, readDocx, tableRows, textOf, type Docx } from './docx-reader'
import { demoDossier } from './fixture'
import { generatedDossier } from './generated'

let built: MinutesDocument
let docx: Docx
beforeAll(async () => {
  built = await buildMinutesDocx(demoDossier())
  docx = readDocx(built.bytes)
})

const PORTRAIT = { w: '11906', h: '16838', orient: 'portrait' }
const PORTRAIT_MARGINS = { top: '2098', bottom: '1984', left: '1587', right: '1474' }

describe('page setup', () => {
  it('has the minutes (portrait), 附件1 (landscape) and 附件2 (portrait) as three sections', () => {
    expect(docx.sections).toHaveLength(3)
    const [body, summary, sheets] = docx.sections
    expect(body.pgSz).toEqual(PORTRAIT)
    expect(body.pgMar).toMatchObject(PORTRAIT_MARGINS)
    expect(body.docGrid).toEqual({ type: 'lines', linePitch: '579' })
    // Landscape: the page turned a quarter, the binding margin now at the top.
    expect(summary.pgSz).toEqual({ w: '16838', h: '11906', orient: 'landscape' })
    expect(summary.pgMar).toMatchObject({ top: '1587', bottom: '1474', left: '1984', right: '2098' })
    expect(sheets.pgSz).toEqual(PORTRAIT)
    expect(sheets.pgMar).toMatchObject(PORTRAIT_MARGINS)
    // Tables must not snap to the body's 22-line grid.
    expect(summary.docGrid.type).toBe('default')
    expect(sheets.docGrid.type).toBe('default')
  })

  it('turns on different odd and even footers, with "— PAGE —" outside: odd right, even left, one character in', () => {
    expect(docx.settings).toContain('<w:evenAndOddHeaders/>')
    for (const section of docx.sections) {
      const odd = section.footers.default
      const even = section.footers.even
      for (const footer of [odd, even]) {
        expect(textOf(footer).trim()).toBe('—  —')
        expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t><\/w:r><w:r><w:fldChar w:fldCharType="begin"\/>/)
        expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>')
        expect(footer).toMatch(/<w:fldChar w:fldCharType="end"\/><\/w:r><w:r><w:t xml:space="preserve"> —<\/w:t>/)
      }
      expect(attrs(odd, 'w:jc')).toEqual({ val: 'right' })
      expect(attrs(odd, 'w:ind')).toEqual({ right: '280' })
      expect(attrs(even, 'w:jc')).toEqual({ val: 'left' })
      expect(attrs(even, 'w:ind')).toEqual({ left: '280' })
    }
    const footerStyle = docx.style('GbFooter')
    expect(attrs(footerStyle, 'w:rFonts')).toMatchObject({ ascii: '宋体', eastAsia: '宋体' })
    expect(attrs(footerStyle, 'w:sz')).toEqual({ val: '28' })
  })

  it('marks the score sheets, not the minutes text, "内部资料 注意保管"', () => {
    const [body, summary, sheets] = docx.sections
    expect(textOf(body.headers.default)).not.toContain('内部资料')
    for (const s of [summary, sheets]) for (const h of [s.headers.default, s.headers.even]) expect(textOf(h)).toContain('内部资料　注意保管')
    expect(docx.text).not.toMatch(/秘密|机密|绝密/)
  })
})

describe('fonts and spacing', () => {
  it('sets the body in 仿宋_GB2312 三号 with Times New Roman for Latin, justified, 2-character indent, exact 28.95 pt lines', () => {
    const normal = docx.style('Normal')
    expect(attrs(normal, 'w:rFonts')).toMatchObject({ eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman', hint: 'eastAsia' })
    expect(attrs(normal, 'w:sz')).toEqual({ val: '32' })
    expect(attrs(normal, 'w:spacing')).toMatchObject({ line: '579', lineRule: 'exact' })
    expect(attrs(normal, 'w:ind')).toEqual({ firstLine: '640' })
    expect(attrs(normal, 'w:jc')).toEqual({ val: 'both' })
  })

  it('sets the title in 方正小标宋简体 二号, centred, not bold; headings in 黑体 and 楷体_GB2312', () => {
    const title = docx.style('GbTitle')
    expect(attrs(title, 'w:rFonts')).toMatchObject({ eastAsia: '方正小标宋简体' })
    expect(attrs(title, 'w:sz')).toEqual({ val: '44' })
    expect(attrs(title, 'w:jc')).toEqual({ val: 'center' })
    expect(attrs(title, 'w:b')).toEqual({ val: 'false' })
    expect(attrs(docx.style('GbHeading1'), 'w:rFonts')).toMatchObject({ eastAsia: '黑体' })
    expect(attrs(docx.style('GbHeading2'), 'w:rFonts')).toMatchObject({ eastAsia: '楷体_GB2312' })
  })

  it('names a common fallback for every official font in the font table', () => {
    const fonts = docx.parts['word/fontTable.xml']
    for (const [font, alt] of [
      ['仿宋_GB2312', '仿宋'],
      ['方正小标宋简体', '宋体'],
      ['楷体_GB2312', '楷体'],
    ]) {
      expect(fonts).toMatch(new RegExp(`<w:font w:name="${font}"><w:altName w:val="${alt}"/>.*?<w:charset w:val="86"/>`))
    }
  })
})

describe('the minutes text', () => {
  it('opens with the title, then time, place, host, panel and recusals', () => {
    const firstParagraph = /<w:body><w:p>([\s\S]*?)<\/w:p>/.exec(docx.document)![1]
    expect(firstParagraph).toContain('<w:pStyle w:val="GbTitle"/>')
    expect(textOf(firstParagraph)).toBe('青岚市直机关2024年度\n“模范机关”创建现场评审会纪要')
    expect(docx.text).toContain('2024年12月18日上午9:00至12:30，中共青岚市直属机关工作委员会在市行政中心3号楼5楼第二会议室召开')
    expect(docx.text).toContain('会议由市直机关工委常务副书记刘建华主持。')
    expect(docx.text).toContain('评审组由周明远（组长，工委副书记）、林静怡（市委党校教授）')
    expect(docx.text).toContain('陈卫国对市水利保障局河湖管理处党支部、市水利保障局水文监测站2个单位申请回避')
  })

  it('prints the four sections with their content in the order of the outline', () => {
    const headings = ['一、评审基本情况', '二、评审结果', '三、评审意见', '四、有关事项']
    const positions = headings.map((h) => docx.text.indexOf(h))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(docx.text).toContain('（一）优秀等次4个。市数据资源局数据共享处党支部（第1名，96.83分）')
    // The engine's tie note is printed as it is: a whole sentence naming both units, once.
    const tie = '“市城市更新局规划建设处党支部”与“市应急保障局应急指挥中心”综合得分相同，按未去最高最低分的平均分比较，“市城市更新局规划建设处党支部”在前。'
    expect(docx.text).toContain(`（四）有关情况说明。${tie}`)
    expect(docx.text.split(tie).length).toBe(2)
    expect(docx.text).toContain('经会务组核实不构成（经向市纪委监委核实，反映问题不属实），该单位正常参加排名。')
    expect(docx.text).toContain('建议推荐以下单位为“模范机关”创建示范单位：市数据资源局数据共享处党支部、市营商环境服务局政务服务中心')
    expect(docx.text).toContain('主要亮点：数据共享平台建设成效明显，党建与业务融合紧密；理论学习形式新颖，青年理论学习小组作用突出。')
  })

  it('is exactly the preview outline', () => {
    const { outline } = built
    const body = textOf(docx.document.slice(0, docx.document.indexOf('<w:sectPr>')))
    const expected = [
      ...outline.titleLines,
      '',
      ...outline.opening,
      ...outline.sections.flatMap((s) => [s.heading, ...s.blocks.map((b) => b.lead + b.text)]),
    ]
    expect(body.split('\n').slice(0, expected.length)).toEqual(expected)
  })

  it('lists 出席/列席 with the label in 黑体 and a hanging indent, then the issuing body and date', () => {
    const attendance = [...docx.document.matchAll(/<w:p><w:pPr><w:pStyle w:val="GbHanging"\/>(?:<w:keepNext\/><w:keepLines\/>)?(?:<w:jc w:val="left"\/>)?<\/w:pPr>([\s\S]*?)<\/w:p>/g)].map((m) => m[1])
    const present = attendance.find((p) => textOf(p).startsWith('出席：'))!
    expect(present).toContain('<w:rStyle w:val="GbHeiChar"/></w:rPr><w:t>出席：</w:t>')
    expect(textOf(present)).toBe('出席：周明远、林静怡、陈卫国、赵海燕、吴晓东')
    expect(attrs(docx.style('GbHanging'), 'w:ind')).toEqual({ left: '1600', hanging: '960' })
    expect(docx.text).toMatch(/附件：1\.评分汇总表\n2\.评委个人评分表\n/)
    expect(docx.text).toMatch(/中共青岚市直属机关工作委员会\n2024年12月18日\n/)
  })

  it('keeps 附件, 出席…记录 and the 落款 with the last paragraph of the text, so no page starts with them or a blank line', () => {
    const body = docx.document.slice(docx.document.indexOf('<w:body>'), docx.document.indexOf('<w:sectPr>'))
    const paragraphs = [...body.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map(([p]) => p)
    const text = (p: string) => textOf(p).trim()
    const last = paragraphs.findIndex((p) => text(p).startsWith('评审结果经评审组长签字确认后'))
    expect(last).toBe(paragraphs.findIndex((p) => text(p).startsWith('附件：')) - 2)
    // From that paragraph to the issuing body, each is kept with the next; only the date ends the chain.
    const chain = paragraphs.slice(last, -1)
    expect(chain.map(text)).toContain('记录：王小雨')
    for (const p of chain) expect(p, text(p)).toMatch(/<w:keepNext\/><w:keepLines\/>/)
    // Every blank line is inside the chain, or right under the title.
    const blanks = paragraphs.map((p, i) => (text(p) === '' ? i : -1)).filter((i) => i >= 0)
    expect(blanks.filter((i) => i !== 1 && i < last)).toEqual([])
  })

  it('breaks a long 出席 list between names, one paragraph a line, never inside a name (欧阳晓明)', async () => {
    const d = generatedDossier(3, 12)
    const doc = readDocx((await buildMinutesDocx(d)).bytes)
    const start = doc.text.indexOf('出席：')
    const lines = doc.text.slice(start, doc.text.indexOf('\n列席：', start)).split('\n')
    expect(lines.length).toBeGreaterThan(1)
    // Each line fits the text block after the label (22 characters of 三号) and ends after a "、".
    for (const line of lines.slice(0, -1)) expect(line.endsWith('、')).toBe(true)
    for (const line of lines) expect([...line.replace(/^出席：/, '')].length).toBeLessThanOrEqual(22)
    expect(lines.join('').replace(/^出席：/, '').split('、')).toEqual(d.reviewers.map((r) => r.name))
  })

  it('writes dates without leading zeros', () => {
    expect(docx.text).toContain('2024年12月18日')
    expect(docx.text).not.toMatch(/\d{4}年0\d月|月0\d日/)
  })
})

/** The rows of the summary table, without its closing row (the signatures and notes, one cell across). */
const summaryRows = (document: string) => tableRows(document, 0).filter((r) => r.length > 1)

describe('附件1 评分汇总表', () => {
  it('has the columns of the summary sheet and the values with two decimals, the dropped totals in brackets', () => {
    const rows = summaryRows(docx.document)
    expect(rows[0]).toEqual(['序号', '单位', '周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', '最高分', '最低分', '综合\n得分', '其中\n加分', '排名', '等次', '备注'])
    expect(rows[1]).toEqual(['1', '市数据资源局数据共享处党支部', '96.00', '98.00', '(95.00)', '(99.00)', '96.50', '99.00', '95.00', '96.83', '4.17', '1', '优秀', ''])
    expect(rows[3].slice(0, 5)).toEqual(['3', '市水利保障局河湖管理处党支部', '91.00', '90.00', '回避'])
    expect(rows[3][13]).toBe('陈卫国回避；有效评委 4 人，不足 5 人，未去最高最低分')
    expect(rows).toHaveLength(13)
  })

  it('sits in the landscape section, fits its width and repeats its header row', () => {
    const landscape = docx.document.slice(docx.document.indexOf('</w:sectPr>'))
    expect(textOf(landscape.slice(0, 2000))).toMatch(/^[\s\S]*附件1\n评分汇总表\n/)
    const [table] = docx.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!
    const widths = (t: string) => [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    expect(widths(table).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(16838 - 1984 - 2098)
    expect(/<w:tr>([\s\S]*?)<\/w:tr>/.exec(table)![1]).toContain('<w:tblHeader/>')
    // Head, 12 units and the closing row with the signatures: none splits across pages.
    expect(table.match(/<w:cantSplit\/>/g)).toHaveLength(14)
    expect(tableRows(docx.document, 0).at(-1)![0]).toMatch(/^计分人：/)
    expect(docx.text).toMatch(/计分人：王小雨\t复核人：\u3000+\n评审组长签字：\u3000+\t日期：\u3000+年\u3000+月\u3000+日/)
  })

  it('starts on an odd page, as 附件2 does, when printed double-sided', () => {
    const [, summary, sheets] = docx.sections
    expect(attrs(summary.xml, 'w:type')).toEqual({ val: 'oddPage' })
    expect(attrs(sheets.xml, 'w:type')).toEqual({ val: 'oddPage' })
  })
})

describe('附件2 评委个人评分表', () => {
  it('has one filled sheet per reviewer and unit, except recusals, each with the statement and signature lines', () => {
    const sheets = docx.text.split('评委个人评分表').length - 2 // the attachment list names it once
    expect(sheets).toBe(5 * 12 - 2)
    expect(docx.text.match(/本人与被评单位无利害关系。/g)).toHaveLength(58)
    expect(docx.text.match(/评委签字：\u3000+\t日期：2024年12月18日/g)).toHaveLength(58)
  })

  it('prints the rubric, the reviewer’s scores and the totals', () => {
    const rows = tableRows(docx.document, 1).slice(1)
    expect(tableRows(docx.document, 1)[0]).toEqual(['被评单位：市数据资源局数据共享处党支部【数联先锋】', '评委：周明远'])
    expect(rows[0]).toEqual(['一级指标', '评价要点', '分值', '得分', '扣分说明'])
    // Broken between words by hand, "（25分）" kept whole.
    expect(rows[1][0]).toBe('做政治\n坚定的\n模范\n（25分）')
    expect(rows[1][1]).toBe('理论武装：落实“第一议题”制度，理论学习计划明确、记录完整、研讨深入。')
    expect(rows[1][2]).toBe('8')
    const items = rows.slice(1, 16)
    const sum = items.reduce((a, r) => a + Number(r[3]) * 10, 0) / 10
    expect(sum).toBe(92) // 周明远's subtotal for 市数据资源局数据共享处党支部
    expect(rows[16]).toEqual(['小计', '100', '92', ''])
    expect(rows[17].slice(1, 4)).toEqual(['5', '4', '品牌特色鲜明，经验可推广'])
    expect(rows[18]).toEqual(['合计', '105', '96', ''])
    expect(rows[19]).toEqual(['一票否决', '无'])
    const sheetWidths = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(docx.document.slice(docx.document.indexOf('附件2')))![1].matchAll(/w:w="(\d+)"/g)]
    expect(sheetWidths.reduce((a, m) => a + Number(m[1]), 0)).toBe(11906 - 1587 - 1474)
  })

  it('keeps the opinion row on one page unless the opinions are very long (Word would cut the row off)', async () => {
    const d = demoDossier()
    const [reviewer, unit] = [d.reviewers[0].id, d.units[0].id]
    d.entries.get(`${reviewer}|${unit}`)!.strengths = '党建与业务深度融合，成效明显。'.repeat(60)
    const doc = readDocx(await buildReviewerSheetsDocx(d, { reviewerId: reviewer, blank: false })).document
    const opinionRows = [...doc.matchAll(/<w:tr>((?:(?!<w:tr>)[\s\S])*?评审意见[\s\S]*?)<\/w:tr>/g)].map((m) => m[1])
    expect(opinionRows).toHaveLength(12)
    expect(opinionRows[0]).not.toContain('<w:cantSplit/>')
    expect(opinionRows.slice(1).every((r) => r.includes('<w:cantSplit/>'))).toBe(true)
  })

  it('says why 合计 is less than 小计 plus 特色加分 when the total cap cut it', async () => {
    const d = demoDossier()
    d.rubric.totalCapPoints = 100
    const [reviewer] = d.reviewers
    const rows = tableRows(readDocx(await buildReviewerSheetsDocx(d, { reviewerId: reviewer.id, blank: false })).document, 0)
    // 周明远 gave 市数据资源局数据共享处党支部 92 + 4.
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '100', '96', ''])
    d.entries.get(`${reviewer.id}|${d.units[0].id}`)!.scores.forEach((s, id, m) => m.set(id, { ...s, value: s.value + 0.5 }))
    const capped = tableRows(readDocx(await buildReviewerSheetsDocx(d, { reviewerId: reviewer.id, blank: false })).document, 0)
    const subtotal = Number(capped.find((r) => r[0] === '小计')![2])
    expect(subtotal + 4).toBeGreaterThan(100)
    expect(capped.find((r) => r[0] === '合计')).toEqual(['合计', '100', '100', '超过总分上限，按100分计'])
  })

  it('prints a ticked veto with its reason', () => {
    expect(docx.text).toContain('有：发生严重违纪违法案件。事由：群众来信反映该中心一名干部违规收受礼品')
  })
})
