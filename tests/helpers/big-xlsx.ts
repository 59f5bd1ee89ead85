/**
 * Writes huge but valid .xlsx files straight to disk, streaming (the workbook never sits in memory):
 * `rows` one-cell rows under a unit-list header. For the memory and limit tests of the unit import,
 * and the bench. 4,000,000 rows make a 19 MB file, under the upload cap.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'

const enc = new TextEncoder()
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

const PARTS: Record<string, string> = {
  '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  '_rels/.rels': `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="单位名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  'xl/sharedStrings.xml': `${XML}<sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>单位名称</t></si><si><t>类别</t></si><si><t>市统计服务局综合处党支部</t></si></sst>`,
}

/**
 * Streams an .xlsx with a header row and `rows` rows of one shared-string cell each to `path`; with
 * `emptyCells`, each row's cell has no value (nothing counts against the row limit: all is parsed).
 */
export function writeTallXlsx(path: string, rows: number, { emptyCells = false } = {}): Promise<void> {
  const fd = openSync(path, 'w')
  return new Promise<void>((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error)
      writeSync(fd, chunk)
      if (final) resolve()
    })
    for (const [name, text] of Object.entries(PARTS)) {
      const part = new ZipPassThrough(name)
      zip.add(part)
      part.push(enc.encode(text), true)
    }
    const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 })
    zip.add(sheet)
    sheet.push(enc.encode(`${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`))
    const BATCH = 20_000
    for (let start = 2; start < rows + 2; start += BATCH) {
      let xml = ''
      for (let r = start; r < Math.min(start + BATCH, rows + 2); r++) xml += emptyCells ? `<row r="${r}"><c r="A${r}"/></row>` : `<row r="${r}"><c r="A${r}" t="s"><v>2</v></c></row>`
      sheet.push(enc.encode(xml))
    }
    sheet.push(enc.encode('</sheetData></worksheet>'), true)
    zip.end()
  }).finally(() => closeSync(fd))
}
