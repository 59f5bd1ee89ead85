/**
 * Material import (issue 8 "Numbers"):
 *   - ~1 GB of mixed materials (BENCH_MATERIALS_MB, default 1024: scan-like PDFs, PDFs with Chinese
 *     text, photos, .docx/.xlsx) imported through core.dispatch — hashing, storing and text
 *     extraction included — against `cp -r` of the same folder on the same disk. Goal: ≥ 0.6 of cp's
 *     throughput, i.e. import time ≤ cp time / 0.6.
 *   - Peak RSS of a child process importing ONE file of that size, a scanned PDF (one ~4 MB image per
 *     page, as scanners write) and a TIFF. Goal: < 300 MB. Copying and hashing are streamed; a scan is
 *     recognised from its PDF structure without pdfjs reading its page images
 *     (core/materials/text/pdf-scan.ts); other big PDFs are read in windows (pdf-text.ts).
 * Most of the mixed import's CPU is pdfjs on the text PDFs (STSong-Light with the predefined CMap
 * UniGB-UCS2-H). Unpatched pdfjs built that CMap and its Unicode map afresh for every document, ~0.1 s
 * each; patches/pdfjs-dist+6.5.438.patch builds them once per extraction thread.
 * Files are generated here, random where a scanner's output would be, so nothing is stored twice.
 */
import { execFileSync } from 'node:child_process'
import { randomFillSync } from 'node:crypto'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../helpers/core'
import { handPdf, pdfStream, smallDocx } from '../helpers/material-fixtures'
import { makeXlsx } from '../helpers/xlsx'
import { msSince, type BenchResult } from './report'

const MB = 1024 * 1024

/** Random bytes, 1 MB at a time, never the whole file in memory. */
function writeRandom(fd: number, bytes: number): void {
  const chunk = Buffer.alloc(Math.min(MB, bytes))
  for (let left = bytes; left > 0; left -= chunk.length) {
    randomFillSync(chunk)
    writeSync(fd, chunk, 0, Math.min(chunk.length, left))
  }
}

/** A scanner's page image at 300 dpi, JPEG-compressed: about this many bytes. */
const SCAN_PAGE_BYTES = 4 * MB

/**
 * A scanned ledger as a scanner writes it: one JPEG-filtered image per page (~4 MB each), `bytes`
 * large in all, written as a stream. (One page holding a single image of hundreds of MB is not
 * something scanners make; pdfjs would have to read such an image whole to learn it is an image.)
 */
export function writeScanPdf(path: string, bytes: number): void {
  const fd = openSync(path, 'w')
  try {
    let at = 0
    const offsets: number[] = []
    const put = (text: string) => (at += writeSync(fd, Buffer.from(text, 'latin1')))
    const pages = Math.max(1, Math.round(bytes / SCAN_PAGE_BYTES))
    const imageBytes = Math.floor(bytes / pages)
    // Objects: 1 catalog, 2 pages; then per page: page, content, image.
    const object = (n: number, body: string) => {
      offsets[n - 1] = at
      put(`${n} 0 obj\n${body}\nendobj\n`)
    }
    put('%PDF-1.4\n')
    object(1, '<< /Type /Catalog /Pages 2 0 R >>')
    object(2, `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${3 + 3 * i} 0 R`).join(' ')}] /Count ${pages} >>`)
    for (let i = 0; i < pages; i++) {
      const n = 3 + 3 * i
      object(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`)
      object(n + 1, pdfStream('q 595 0 0 842 0 0 cm /Im0 Do Q'))
      offsets[n + 1] = at
      put(`${n + 2} 0 obj\n<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${imageBytes} >>\nstream\n`)
      writeRandom(fd, imageBytes)
      at += imageBytes
      put('\nendstream\nendobj\n')
    }
    const xref = at
    const count = 2 + 3 * pages
    put(`xref\n0 ${count + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`)
    put(`trailer\n<< /Size ${count + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  } finally {
    closeSync(fd)
  }
}

/** A scanner's TIFF: the little-endian signature and random data, `bytes` large, written as a stream. */
function writeScanTiff(path: string, bytes: number): void {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]))
    writeRandom(fd, bytes - 8)
  } finally {
    closeSync(fd)
  }
}

const ucs2 = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()

/** A report of `pages` pages of Chinese text (CID font, as the CMaps fixture), padded to ~`bytes` by an unused stream. */
function textPdf(pages: number, bytes: number, seed: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ')
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>',
  ]
  for (let p = 0; p < pages; p++) {
    const lines = Array.from({ length: 30 }, (_, l) => `BT /F1 12 Tf 72 ${780 - l * 24} Td <${ucs2(`第${p + 1}页第${l + 1}行：党建品牌创建工作总结，编号${seed}`)}> Tj ET`).join('\n')
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + p * 2} 0 R >>`, pdfStream(lines))
  }
  const body = handPdf(objects)
  const padding = Math.max(0, bytes - body.length - 100)
  const pad = randomFillSync(Buffer.alloc(padding))
  return handPdf([...objects, Buffer.concat([Buffer.from(`<< /Length ${padding} >>\nstream\n`, 'latin1'), pad, Buffer.from('\nendstream', 'latin1')])])
}

/** A photo: JPEG's signature and JFIF header, then random bytes. */
function jpg(bytes: number): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
  return Buffer.concat([head, randomFillSync(Buffer.alloc(bytes - head.length))])
}

/** ~`totalMb` of materials as units hand them in: 40 % scans, 25 % text PDFs, 30 % photos, the rest Office files. */
export async function makeMaterials(dir: string, totalMb: number): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  const add = (name: string, data: Buffer) => {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), data)
    files++
    bytes += data.length
  }
  const scanBytes = Math.max(MB, Math.floor((totalMb * MB * 0.4) / 4))
  for (let i = 0; i < 4; i++) {
    writeScanPdf(join(dir, `扫描件${i + 1}.pdf`), scanBytes)
    files++
    bytes += scanBytes
  }
  for (let i = 0; i < Math.max(1, Math.round((totalMb * 0.25) / 2)); i++) add(`申报材料/报告${i + 1}.pdf`, textPdf(10, 2 * MB, i))
  for (let i = 0; i < Math.max(1, Math.round((totalMb * 0.3) / 2)); i++) add(`照片/活动${i + 1}.jpg`, jpg(2 * MB))
  const docs = Math.min(200, Math.max(2, Math.round(totalMb / 5)))
  for (let i = 0; i < docs; i++) {
    if (i % 2 === 0) add(`台账/总结${i + 1}.docx`, await smallDocx(Array.from({ length: 200 }, (_, l) => `第${l + 1}段：本支部开展主题党日活动，编号${i}。`)))
    else add(`台账/台账${i + 1}.xlsx`, await makeXlsx([{ name: '台账', rows: Array.from({ length: 500 }, (_, r) => [r + 1, `活动${i}-${r}`, 30 + (r % 7)]) }]))
  }
  return { files, bytes }
}

/**
 * The child runs BUILT code, as the desktop app does: tsx compiling pdfjs on the fly costs ~350 MB of
 * RSS that the app never pays. The child and the extraction worker are bundled (node_modules left
 * external, so the bundle sits under the repo to resolve them) and run with plain node.
 */
async function bundleChild(): Promise<string> {
  const { build } = await import('esbuild')
  const outdir = join(repoRoot, 'out', 'bench-materials')
  await build({
    entryPoints: { 'material-import-child': join(repoRoot, 'tests/helpers/material-import-child.ts'), 'extract-worker': join(repoRoot, 'src-main/core/materials/extract-worker.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  })
  return join(outdir, 'material-import-child.js')
}

interface ChildResult {
  ok: boolean
  imported?: number
  importMs: number
  peakRssMb: number
  message?: string
  failed?: unknown[]
}

function importInChild(child: string, path: string): ChildResult {
  const stdout = execFileSync(process.execPath, [child, path], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * MB })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult
}

export async function benchMaterialImport(): Promise<BenchResult[]> {
  const totalMb = Number(process.env.BENCH_MATERIALS_MB ?? 1024)
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-materials-'))
  try {
    const source = join(dir, '办公室材料')
    mkdirSync(source)
    const made = await makeMaterials(source, totalMb)

    // Both read the same (cached) files and write to the same disk (the child's data folder is in tmpdir too).
    const cpStart = process.hrtime.bigint()
    execFileSync('cp', ['-r', source, join(dir, 'cp-copy')])
    const cpMs = msSince(cpStart)

    // Imported through core.dispatch in a child running built code (see bundleChild); its own timer excludes its start-up.
    const child = await bundleChild()
    const mixed = importInChild(child, source)
    if (!mixed.ok || mixed.imported !== made.files) throw new Error(`imported ${mixed.imported} of ${made.files}: ${mixed.message ?? JSON.stringify(mixed.failed)}`)
    const importMs = mixed.importMs
    const ratio = cpMs / importMs

    const one = join(dir, '一份大扫描件.pdf')
    writeScanPdf(one, totalMb * MB)
    const big = importInChild(child, one)
    if (!big.ok) throw new Error(`importing one ${totalMb} MB scan failed: ${big.message}`)
    const tif = join(dir, '一份大扫描件.tif')
    writeScanTiff(tif, totalMb * MB)
    const bigTif = importInChild(child, tif)
    if (!bigTif.ok) throw new Error(`importing one ${totalMb} MB TIFF failed: ${bigTif.message}`)
    const tiny = join(dir, '一页扫描件.pdf')
    writeScanPdf(tiny, MB)
    const base = importInChild(child, tiny)

    return [
      {
        name: `material import, ${made.files} files, ${(made.bytes / MB).toFixed(0)} MB (throughput ${ratio.toFixed(2)} × cp -r)`,
        value: importMs,
        unit: 'ms',
        baselineName: 'cp -r of the same folder',
        baseline: cpMs,
        goal: '≥ 0.6 × cp throughput',
        met: ratio >= 0.6,
      },
      {
        name: `material import, peak RSS importing one ${totalMb} MB scan (child process)`,
        value: big.peakRssMb,
        unit: 'MB',
        baselineName: 'the same child importing a 1 MB scan',
        baseline: base.peakRssMb,
        goal: '< 300 MB',
        met: big.peakRssMb < 300,
      },
      {
        name: `material import, peak RSS importing one ${totalMb} MB TIFF scan (child process)`,
        value: bigTif.peakRssMb,
        unit: 'MB',
        baselineName: 'the same child importing a 1 MB scan',
        baseline: base.peakRssMb,
        goal: '< 300 MB',
        met: bigTif.peakRssMb < 300,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
