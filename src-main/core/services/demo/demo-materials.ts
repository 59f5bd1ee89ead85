/**
 * The demo meeting's materials, so a newcomer sees materials, search and 无文字层 at once: for each
 * unit a two-page 申报材料 PDF, a 台账 workbook, a brand case (.docx) and a photo; one unit also has a
 * scanned PDF without a text layer. Generated in code (demo-files.ts), stored through the material
 * store and read with the importer's text extraction, so they behave exactly like imported files —
 * except the PDFs, whose text is known: loading pdf.js for them took seconds on a busy machine, and
 * tests/db/demo-materials.test.ts checks that extraction reads exactly the text recorded here.
 */
import { createHash } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { Database } from 'better-sqlite3'
import type { CoreContext } from '../../context'
import { isReferenced, type NewMaterial } from '../../materials/material-rows'
import { materialPath, putStream } from '../../materials/material-store'
import { extractText, SCANNED_NOTE, type MaterialText } from '../../materials/text/extract-text'
import type { DemoFile } from './demo-file'
import { chinesePdf, pdfPageText, photoPng, scannedPdf, simpleDocx, simpleXlsx, wrapClauses } from './demo-files'

type DemoUnit = DemoFile['units'][number]

interface DemoMaterialFile {
  name: string
  contentType: string
  data: Buffer
  /** What extractText reads from it, when the generator knows it already (the PDFs). */
  text?: MaterialText
}

const PDF = 'application/pdf'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The unit whose meeting records were handed in as a scan (市水利保障局水文监测站). */
const SCANNING_UNIT = 3

function applicationPdf(u: DemoUnit, i: number): { data: Buffer; text: MaterialText } {
  const members = 12 + ((i * 7) % 30)
  const page1 = [
    '创建“模范机关”申报材料',
    `${u.name}`,
    '',
    '一、基本情况',
    ...wrapClauses([`${u.name}隶属${u.department}，`, `现有党员${members}名，`, `设支部委员会，`, '严格落实“三会一课”、主题党日、', '组织生活会和民主评议党员等制度。']),
    '',
    '二、党建品牌创建情况',
    ...wrapClauses([`近年来，我们围绕“${u.brand}”党建品牌，`, '坚持党建引领、业务融合，', '把党建品牌创建与重点任务一体谋划、', '一体推进、一体考核，', '形成了可复制、可推广的工作经验。']),
    ...wrapClauses([`2024年开展主题党日活动${10 + (i % 3)}次，`, `专题党课${4 + (i % 4)}次，`, `党员志愿服务${100 + i * 13}人次。`]),
  ]
  const page2 = [
    '三、主要成效',
    ...wrapClauses([`“${u.brand}”党建品牌`, '得到服务对象和基层群众的普遍认可，', `群众满意度达到${95 + (i % 5)}%，`, '支部战斗堡垒作用和党员先锋模范作用', '得到充分发挥。']),
    '',
    '四、存在不足和下一步打算',
    ...wrapClauses(['对照“五个模范”要求，', '理论学习的系统性还需加强，', '党建品牌的辐射带动作用还需提升。', '下一步，我们将持续深化党建业务融合，', '以高质量党建推动高质量发展。']),
    '',
    `${u.name}`,
    '2024年12月',
  ]
  return { data: chinesePdf([page1, page2]), text: { kind: 'pdf', pages: [page1, page2].map(pdfPageText), hasTextLayer: true } }
}

function ledger(u: DemoUnit, i: number): Buffer {
  const activities = ['主题党日：重温入党誓词', '“三会一课”：支部党员大会', `“${u.brand}”党建品牌推进会`, '专题党课：学习党的二十届三中全会精神', '组织生活会暨民主评议党员', '结对共建：走访社区困难群众', '志愿服务：文明城市创建']
  const rows: (string | number)[][] = [['序号', '日期', '活动名称', '参加人数', '记录人']]
  activities.forEach((activity, k) => rows.push([k + 1, `2024-${String(2 + k).padStart(2, '0')}-${String(5 + ((i + k) % 20)).padStart(2, '0')}`, activity, 10 + ((i * 3 + k * 5) % 25), u.contact]))
  return simpleXlsx('2024年党建工作台账', rows, [6, 12, 40, 10, 10])
}

function brandCase(u: DemoUnit): Buffer {
  return simpleDocx(`“${u.brand}”党建品牌案例`, [
    `${u.name}立足职能定位，打造“${u.brand}”党建品牌，推动党建工作与业务工作同部署、同落实、同考核。`,
    '一是强化政治引领。坚持用习近平新时代中国特色社会主义思想凝心铸魂，把理论学习融入日常工作。',
    '二是夯实组织基础。严格落实“三会一课”、主题党日等制度，推进支部标准化规范化建设。',
    `三是突出为民服务。党员带头攻坚克难，以“${u.brand}”品牌引领服务提质增效，群众获得感不断增强。`,
  ])
}

function filesOf(u: DemoUnit, i: number): DemoMaterialFile[] {
  const files: DemoMaterialFile[] = [
    { name: '创建“模范机关”申报材料.pdf', contentType: PDF, ...applicationPdf(u, i) },
    { name: '台账/2024年党建工作台账.xlsx', contentType: XLSX, data: ledger(u, i) },
    { name: `“${u.brand}”党建品牌案例.docx`, contentType: DOCX, data: brandCase(u) },
    { name: '照片/主题党日活动.png', contentType: 'image/png', data: photoPng(i * 17) },
  ]
  if (i === SCANNING_UNIT) {
    const text: MaterialText = { kind: 'pdf', pages: [''], hasTextLayer: false, note: SCANNED_NOTE }
    files.push({ name: '台账/2023年支部会议记录（扫描件）.pdf', contentType: PDF, data: scannedPdf(), text })
  }
  return files
}

/** A fixed id per unit and file name, so the demo's materials are the same on every machine. */
function demoMaterialId(unitId: string, name: string): string {
  const h = createHash('sha256').update(`demo-material\n${unitId}\n${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export interface PreparedMaterials {
  materials: NewMaterial[]
  /** Hashes this call added to the store: removed again if the demo is not written after all. */
  stored: string[]
}

/** Stores the demo's files and extracts their text, all at once (the writes' fsyncs overlap); writes no row. */
export async function prepareDemoMaterials(ctx: CoreContext, demo: DemoFile): Promise<PreparedMaterials> {
  const jobs = demo.units.flatMap((unit, i) => filesOf(unit, i).map((file) => prepareOne(ctx, demo.meeting.id, unit, file)))
  const settled = await Promise.allSettled(jobs)
  const stored = settled.flatMap((r) => (r.status === 'fulfilled' && r.value.stored ? [r.value.material.sha256] : []))
  const failed = settled.find((r) => r.status === 'rejected')
  if (failed) {
    await discardDemoFiles(ctx, stored)
    throw failed.reason
  }
  return { materials: settled.map((r) => (r as PromiseFulfilledResult<{ material: NewMaterial }>).value.material), stored }
}

async function prepareOne(ctx: CoreContext, meetingId: string, unit: DemoUnit, file: DemoMaterialFile): Promise<{ material: NewMaterial; stored: boolean }> {
  const put = await putStream(ctx.dataDir, Readable.from([file.data]))
  try {
    const text = file.text ?? (await extractText(materialPath(ctx.dataDir, put.sha256)))
    const material: NewMaterial = {
      id: demoMaterialId(unit.id, file.name),
      meetingId,
      unitId: unit.id,
      name: file.name,
      size: put.size,
      sha256: put.sha256,
      kind: text.kind,
      contentType: file.contentType,
      pageCount: text.kind === 'pdf' ? text.pages.length : 1,
      hasTextLayer: text.hasTextLayer,
      note: text.note ?? '',
      pages: text.pages,
    }
    return { material, stored: put.stored }
  } catch (error) {
    if (put.stored) await discardDemoFiles(ctx, [put.sha256])
    throw error
  }
}

/** Removes files this demo run stored that no material row references. */
export async function discardDemoFiles({ db, dataDir }: { db: Database; dataDir: string }, hashes: string[]): Promise<void> {
  for (const sha256 of hashes) if (!isReferenced(db, sha256)) await rm(materialPath(dataDir, sha256), { force: true })
}
