/**
 * pdfjs builds a predefined Chinese CMap (UniGB-UCS2-H and Adobe-GB1's Unicode map, ~30 000 codes
 * each) from its packed file; patches/pdfjs-dist+6.5.438.patch makes each extraction thread build them
 * once instead of once per document. These tests hold the patch to its two promises: the text is the
 * same in every document, and nothing is built again while the CMap files' bytes are the same.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractText } from '../../../../src-main/core/materials/text/extract-text'
import { cidFontPdf, cidTextPdf, handPdf, pdfStream } from '../../../helpers/material-fixtures'

const workerFile = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')
const cmaps = join(dirname(workerFile), '..', '..', 'cmaps') + sep

let work: string
const at = (name: string) => join(work, name)

const report = (n: number) => Array.from({ length: 3 }, (_, p) => [`第${p + 1}页：党建品牌创建工作总结（${n}）`, `二、特色亮点：红色引领，编号${n}-${p + 1}`])

/** The same words set horizontally (UniGB-UCS2-H) and vertically (UniGB-UCS2-V, which pdfjs builds on top of -H). */
function bothDirectionsPdf(): Buffer {
  const font = (encoding: string) =>
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /${encoding} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>`
  return handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>',
    pdfStream('BT /F1 24 Tf 72 700 Td <515A5EFA54C1724C> Tj ET\nBT /F2 24 Tf 300 600 Td <7EA28272> Tj ET'),
    font('UniGB-UCS2-H'),
    font('UniGB-UCS2-V'),
  ])
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cmaps-'))
  writeFileSync(at('宋体.pdf'), cidFontPdf())
  writeFileSync(at('横竖.pdf'), bothDirectionsPdf())
  for (const n of [1, 2, 3]) writeFileSync(at(`报告${n}.pdf`), cidTextPdf(report(n)))
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

/**
 * How many times pdfjs parses a packed CMap file (BinaryCMapReader.process) while `run` runs, counted
 * exactly by V8's precise coverage of this thread (pdfjs runs its "worker" in the calling thread under Node).
 */
async function cmapParses(run: () => Promise<unknown>): Promise<number> {
  const source = readFileSync(workerFile, 'utf8')
  const offset = source.indexOf('async process(data, cMap, extend)', source.indexOf('class BinaryCMapReader'))
  expect(offset).toBeGreaterThan(0)
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false })
    await run()
    const { result } = await session.post('Profiler.takePreciseCoverage')
    const script = result.find((s) => s.url.startsWith('file:') && fileURLToPath(s.url) === workerFile)
    const parse = script?.functions.find((f) => f.functionName === 'process' && f.ranges[0]!.startOffset === offset)
    return parse?.ranges[0]!.count ?? 0
  } finally {
    await session.post('Profiler.stopPreciseCoverage')
    session.disconnect()
  }
}

describe('predefined Chinese CMaps, built once per thread', () => {
  it('reads every document of a thread alike: the same pages, text and line breaks, first document or tenth', async () => {
    const first = await extractText(at('宋体.pdf'))
    for (const n of [1, 2, 3]) {
      const read = await extractText(at(`报告${n}.pdf`))
      expect(read).toMatchObject({ kind: 'pdf', hasTextLayer: true })
      expect(read.pages).toEqual(report(n).map((lines) => lines.join('\n')))
    }
    expect(await extractText(at('宋体.pdf'))).toEqual(first)
    expect(first.pages).toEqual(['党建品牌'])
  })

  it('reads a vertical CMap built on the horizontal one, before and after the horizontal one is kept', async () => {
    const read = await extractText(at('横竖.pdf'))
    expect(read.pages).toEqual([expect.stringMatching(/^党建品牌\s*红色$/)])
    expect(await extractText(at('横竖.pdf'))).toEqual(read)
  })

  it('parses no CMap again once the thread has read one document in them', async () => {
    // The first documents in each CMap: UniGB-UCS2-H, -V and Adobe-GB1-UCS2 are built here, once.
    await extractText(at('宋体.pdf'))
    await extractText(at('横竖.pdf'))
    const parses = await cmapParses(async () => {
      for (const n of [1, 2, 3]) await extractText(at(`报告${n}.pdf`))
      await extractText(at('横竖.pdf'))
    })
    // Unpatched pdfjs parses UniGB-UCS2-H and Adobe-GB1-UCS2 for each of these documents (8 and more).
    expect(parses).toBe(0)
  })

  it('never serves a CMap built from other bytes: a different file under the same name is parsed afresh', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    /** Serves GBK-EUC-H's bytes when asked for UniGB-UCS2-H: the same name, another map. */
    class OtherBytes {
      async fetch({ filename }: { kind: string; filename: string }): Promise<Uint8Array> {
        return new Uint8Array(readFileSync(cmaps + filename.replace('UniGB-UCS2-H', 'GBK-EUC-H')))
      }
    }
    const read = async (other: boolean) => {
      const task = getDocument({ data: new Uint8Array(cidFontPdf()), cMapUrl: cmaps, cMapPacked: true, useSystemFonts: false, verbosity: 0, ...(other ? { BinaryDataFactory: OtherBytes } : {}) })
      try {
        const page = await (await task.promise).getPage(1)
        return (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('')
      } finally {
        await task.destroy()
      }
    }
    expect(await read(false)).toBe('党建品牌')
    expect(await read(true)).not.toContain('党建品牌')
    expect(await read(false)).toBe('党建品牌')
  })
})
