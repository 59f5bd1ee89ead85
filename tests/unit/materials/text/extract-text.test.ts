/**
 * Text extraction from real files made here: a Chinese .docx (docx library), the same document
 * turned into a PDF by LibreOffice (Chinese in an embedded CID font), a hand-written PDF whose only
 * page is an image (a "scan"), an .xlsx (exceljs), a GBK .txt, an OLE2 .doc and broken PDFs.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Document, Packer, PageBreak, Paragraph, TextRun } from 'docx'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractText } from '../../../../src-main/core/materials/text/extract-text'
import { joinPageItems } from '../../../../src-main/core/materials/text/pdf-text'
import { cidFontPdf, encryptedPdf, imageOnlyPdf, tinyPng } from '../../../helpers/material-fixtures'

let work: string
const at = (name: string) => join(work, name)

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'textx-'))
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('党建品牌创建工作总结')] }),
          new Paragraph({ children: [new TextRun('一、基本情况：'), new TextRun('本单位 2025 年共开展活动 12 次。')] }),
          new Paragraph({ children: [new PageBreak(), new TextRun('二、特色亮点：红色引领')] }),
        ],
      },
    ],
  })
  writeFileSync(at('总结.docx'), await Packer.toBuffer(doc))
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${at('profile')}`, '--convert-to', 'pdf', '--outdir', work, at('总结.docx')], { timeout: 170_000, stdio: 'pipe' })

  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('台账')
  sheet.addRow(['序号', '活动名称', '参加人数'])
  sheet.addRow([1, '主题党日', 35])
  await book.xlsx.writeFile(at('台账.xlsx'))

  writeFileSync(at('说明.txt'), iconv.encode('会议纪要：党建品牌建设推进会\r\n第二行', 'gbk'))
  writeFileSync(at('扫描件.pdf'), imageOnlyPdf())
  writeFileSync(at('宋体.pdf'), cidFontPdf())
  writeFileSync(at('加密.pdf'), encryptedPdf())
  writeFileSync(at('照片.jpg'), tinyPng())
  // An OLE2 compound file header, as every .doc / .wps / .xls begins.
  const ole = Buffer.alloc(1536)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole)
  writeFileSync(at('旧文档.doc'), ole)
  writeFileSync(at('旧文档.wps'), ole)
  const pdf = readFileSync(at('总结.pdf'))
  writeFileSync(at('不完整.pdf'), pdf.subarray(0, 300))
  // Named like a text file, but the bytes are a PDF: the bytes decide.
  copyFileSync(at('总结.pdf'), at('改了名.txt'))
}, 180_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('extractText', () => {
  it('reads the Chinese text of a LibreOffice PDF (embedded subset font) page by page, without spaces between Chinese characters', async () => {
    const result = await extractText(at('总结.pdf'))
    expect(result.kind).toBe('pdf')
    expect(result.hasTextLayer).toBe(true)
    expect(result.pages).toHaveLength(2)
    expect(result.pages[0]).toContain('党建品牌')
    expect(result.pages[0]).toContain('党建品牌创建工作总结')
    expect(result.pages[0]).toContain('2025')
    expect(result.pages[1]).toContain('红色引领')
    expect(result.pages[0]).not.toContain('红色引领')
    expect(result.note).toBeUndefined()
  })

  it('reads Chinese set in a non-embedded CID font through its predefined CMap', async () => {
    expect(await extractText(at('宋体.pdf'))).toMatchObject({ kind: 'pdf', pages: ['党建品牌'], hasTextLayer: true })
  })

  it('says a PDF with only an image has no text layer', async () => {
    const result = await extractText(at('扫描件.pdf'))
    expect(result).toMatchObject({ kind: 'pdf', pages: [''], hasTextLayer: false })
    expect(result.note).toContain('扫描件')
  })

  it('reads a .docx paragraph by paragraph', async () => {
    const result = await extractText(at('总结.docx'))
    expect(result).toMatchObject({ kind: 'docx', hasTextLayer: true })
    expect(result.pages).toEqual(['党建品牌创建工作总结\n一、基本情况：本单位 2025 年共开展活动 12 次。\n二、特色亮点：红色引领'])
  })

  it('reads an .xlsx as rows of tab-separated cells', async () => {
    const result = await extractText(at('台账.xlsx'))
    expect(result.kind).toBe('xlsx')
    expect(result.pages).toHaveLength(1)
    expect(result.pages[0]).toContain('序号\t活动名称\t参加人数\n1\t主题党日\t35')
  })

  it('reads a GBK text file as Chinese', async () => {
    const result = await extractText(at('说明.txt'))
    expect(result).toMatchObject({ kind: 'txt', hasTextLayer: true })
    expect(result.pages[0]).toContain('会议纪要：党建品牌建设推进会')
  })

  it('goes by the bytes, not the name: a PDF named .txt is read as a PDF', async () => {
    const result = await extractText(at('改了名.txt'))
    expect(result.kind).toBe('pdf')
    expect(result.pages[0]).toContain('党建品牌')
  })

  it('refuses old binary Office files with a note telling the user what to do', async () => {
    expect(await extractText(at('旧文档.doc'))).toEqual({
      kind: 'unsupported',
      pages: [''],
      hasTextLayer: false,
      note: '旧版 Word 文档（.doc）无法在程序内显示，请用系统程序打开',
    })
    expect((await extractText(at('旧文档.wps'))).note).toContain('WPS')
  })

  it('recognises an image by its bytes', async () => {
    expect(await extractText(at('照片.jpg'))).toMatchObject({ kind: 'image', pages: [''], hasTextLayer: false })
  })

  it('turns a truncated PDF into a Chinese error', async () => {
    await expect(extractText(at('不完整.pdf'))).rejects.toThrow('无法读取 PDF 文件“不完整.pdf”')
  })

  it('turns a password-protected PDF into a Chinese error saying so', async () => {
    await expect(extractText(at('加密.pdf'))).rejects.toThrow('无法读取 PDF 文件“加密.pdf”：文件已加密')
  })

  it('stops when asked to', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(extractText(at('总结.pdf'), { signal: controller.signal })).rejects.toThrow(/abort/i)
  })
})

describe('joinPageItems', () => {
  it('joins glyph runs without spaces between Chinese characters, keeps them between Latin words, and breaks lines at EOL', () => {
    const items = [{ str: '党建' }, { str: ' ' }, { str: '品牌', hasEOL: true }, { str: 'Hello' }, { str: ' ' }, { str: 'world' }, { str: ' ' }, { str: '2025' }, { str: '  ' }, { str: '年，' }, { str: ' ' }, { str: '好' }]
    expect(joinPageItems(items)).toBe('党建品牌\nHello world 2025  年，好')
  })
})
