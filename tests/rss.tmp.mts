import { readPdfPagesFromFile } from '../src-main/core/materials/text/pdf-text'
const before = process.resourceUsage().maxRSS
const t = Date.now()
const pages = await readPdfPagesFromFile('x.pdf', '/tmp/ledger-300.pdf')
console.log(pages.length, pages[29], 'ms', Date.now() - t, 'maxRSS MB before', Math.round(before / 1024), 'after', Math.round(process.resourceUsage().maxRSS / 1024))
