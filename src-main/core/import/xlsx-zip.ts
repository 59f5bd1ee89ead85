/**
 * The zip side of reading an .xlsx safely: the central directory (every entry's sizes, before
 * anything is inflated) is checked against hard limits, so a zip bomb or a workbook far larger than
 * any unit list is refused without spending memory or time on it; entries are then streamed, and
 * yauzl stops any entry that inflates to more than its directory entry declared.
 */
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'

export const ZIP_LIMITS = {
  /** An .xlsx holds a dozen parts; thousands means something else. */
  entries: 500,
  /** Uncompressed bytes of one part we read (a 5,000-row, 20-column sheet is about 6 MB). */
  entryBytes: 32 * 1024 * 1024,
  /** Uncompressed bytes of all parts together. */
  totalBytes: 64 * 1024 * 1024,
  /** Inflated / compressed, for parts above 1 MB: XML sheets reach ~30, zip bombs go far beyond. */
  ratio: 200,
} as const

/** A refusal with the sentence to show after 「无法读取 Excel 文件“…”：」. */
export class XlsxRefused extends Error {}

export interface XlsxZip {
  /** Part names (e.g. `xl/worksheets/sheet1.xml`). */
  names: string[]
  /** The inflated bytes of a part, streamed. */
  open(name: string): Promise<Readable>
  close(): void
}

const MB = 1024 * 1024
const tooLarge = (what: string, bytes: number) =>
  new XlsxRefused(`表格过大：${what}解压后超过 ${bytes / MB} MB（参评单位名单通常不到 1 MB），请只保留名单所在的工作表后再导入`)

export function openXlsxZip(data: Buffer): Promise<XlsxZip> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(new XlsxRefused('文件已损坏或不是 .xlsx 格式'))
      if (zip.entryCount > ZIP_LIMITS.entries) {
        zip.close()
        return reject(new XlsxRefused(`压缩包中有 ${zip.entryCount} 个文件，不是正常的 .xlsx 表格`))
      }
      const entries = new Map<string, yauzl.Entry>()
      let total = 0
      const fail = (refusal: Error) => {
        zip.close()
        reject(refusal)
      }
      zip.on('error', () => fail(new XlsxRefused('文件已损坏或不是 .xlsx 格式')))
      zip.on('entry', (entry: yauzl.Entry) => {
        const size = entry.uncompressedSize
        if (entry.isEncrypted()) return fail(new XlsxRefused('文件已加密，请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入'))
        if (size > ZIP_LIMITS.entryBytes) return fail(tooLarge(entry.fileName.startsWith('xl/worksheets/') ? '工作表' : '文件内容', ZIP_LIMITS.entryBytes))
        if ((total += size) > ZIP_LIMITS.totalBytes) return fail(tooLarge('文件', ZIP_LIMITS.totalBytes))
        if (size > MB && size / Math.max(entry.compressedSize, 1) > ZIP_LIMITS.ratio) return fail(new XlsxRefused('文件的压缩比异常，不是正常的 .xlsx 表格'))
        entries.set(entry.fileName, entry)
        zip.readEntry()
      })
      zip.on('end', () =>
        resolve({
          names: [...entries.keys()],
          open: (name) =>
            new Promise((done, failed) => {
              const entry = entries.get(name)
              if (!entry) return failed(new XlsxRefused(`文件中缺少 ${name}，可能不是 .xlsx 格式`))
              zip.openReadStream(entry, (e, stream) => (e || !stream ? failed(new XlsxRefused('文件已损坏或不是 .xlsx 格式')) : done(stream)))
            }),
          close: () => zip.close(),
        }),
      )
      zip.readEntry()
    })
  })
}
