/** A PDF larger than what is read whole is read in chunks, with the same text, and its failures named the same way. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readPdfPagesFromFile } from '../../../src-main/core/materials/text/pdf-text'
import { encryptedPdf, paddedCidFontPdf, scannedLedgerPdf } from '../../helpers/material-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'pdf-range-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readPdfPagesFromFile', () => {
  it('finds the text of a 40 MB PDF whose page content sits behind 40 MB of other data', async () => {
    const path = join(dir, 'big.pdf')
    writeFileSync(path, paddedCidFontPdf(40 * 1024 * 1024))
    expect(await readPdfPagesFromFile('大文件.pdf', path)).toEqual(['党建品牌'])
  })

  it('reads a 100 MB scan page by page across several reopened windows, every page\'s text in order', async () => {
    const path = join(dir, 'ledger.pdf')
    writeFileSync(path, scannedLedgerPdf(10, 10 * 1024 * 1024))
    expect(await readPdfPagesFromFile('台账扫描件.pdf', path)).toEqual(Array.from({ length: 10 }, (_, i) => `第${i + 1}页台账`))
  })

  it('small files the same way (read whole)', async () => {
    const path = join(dir, 'small.pdf')
    writeFileSync(path, paddedCidFontPdf(1024))
    expect(await readPdfPagesFromFile('小文件.pdf', path)).toEqual(['党建品牌'])
  })

  it('a large file that is not a whole PDF is refused with its name', async () => {
    const path = join(dir, 'cut.pdf')
    writeFileSync(path, paddedCidFontPdf(20 * 1024 * 1024).subarray(0, 20 * 1024 * 1024))
    await expect(readPdfPagesFromFile('截断.pdf', path)).rejects.toThrow(/无法读取 PDF 文件“截断\.pdf”/)
  })

  it('an encrypted one as before', async () => {
    const path = join(dir, 'enc.pdf')
    writeFileSync(path, encryptedPdf())
    await expect(readPdfPagesFromFile('加密.pdf', path)).rejects.toThrow('文件已加密')
  })
})
