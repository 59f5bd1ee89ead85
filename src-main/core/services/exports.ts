/**
 * Exports: builds a document from the meeting as it is now and writes it atomically (temporary file,
 * flush, rename) into `<dataDir>/exports/`, so a reader never sees half a file. Also resolves a
 * requested download name to a file inside that folder and nowhere else.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, extname, join, sep } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { ExportResult, MinutesOutline } from '../../shared/schemas/minutes'
import { contentDisposition as sharedContentDisposition } from '../../shared/content-disposition'
import type { CoreContext } from '../context'
import { loadDossier } from './dossier'
import { buildMinutesDocx } from '../documents/minutes'
import { minutesOutline } from '../documents/minutes-outline'
import { buildReviewerSheetsDocx } from '../documents/reviewer-sheet'
import { buildScoreMatrixXlsx } from '../documents/score-matrix-xlsx'
import { buildSummaryDocx } from '../documents/summary-sheet'
import { safeFileName } from '../documents/text'
import { getReviewer } from './reviewers'
import { buildReportOrderDocx } from '../documents/report-order'
import { DomainError } from '../errors'
import { latestLotDraw } from './lots'
import { getMeeting } from './meetings'

export const exportsDir = (dataDir: string): string => join(dataDir, 'exports')

/** Writes the bytes under a temporary name, flushes them to disk, then renames over the final name. */
export function writeExport(dataDir: string, fileName: string, bytes: Uint8Array): ExportResult {
  const dir = exportsDir(dataDir)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, fileName)
  const temp = join(dir, `.${crypto.randomUUID()}.tmp`)
  try {
    const fd = openSync(temp, 'w')
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  return { fileName, path, bytes: bytes.length }
}

export function previewMinutes(db: Database, meetingId: string): MinutesOutline {
  return minutesOutline(loadDossier(db, meetingId))
}

export async function exportMinutes(ctx: CoreContext, meetingId: string): Promise<ExportResult> {
  const dossier = loadDossier(ctx.db, meetingId)
  const { bytes } = await buildMinutesDocx(dossier)
  return writeExport(ctx.dataDir, `${safeFileName(dossier.settings.title)}.docx`, bytes)
}

export async function exportSummarySheet(ctx: CoreContext, meetingId: string): Promise<ExportResult> {
  const dossier = loadDossier(ctx.db, meetingId)
  return writeExport(ctx.dataDir, `${safeFileName(`${dossier.meeting.title}评分汇总表`)}.docx`, await buildSummaryDocx(dossier))
}

export async function exportReviewerSheets(
  ctx: CoreContext,
  meetingId: string,
  options: { reviewerId?: string; blank: boolean },
): Promise<ExportResult> {
  const reviewer = options.reviewerId ? getReviewer(ctx.db, meetingId, options.reviewerId) : null
  const dossier = loadDossier(ctx.db, meetingId)
  const which = [reviewer?.name, options.blank ? '空白' : ''].filter(Boolean).join('，')
  const name = `${dossier.meeting.title}评委个人评分表${which ? `（${which}）` : ''}`
  return writeExport(ctx.dataDir, `${safeFileName(name)}.docx`, await buildReviewerSheetsDocx(dossier, options))
}

export async function exportScoreMatrix(ctx: CoreContext, meetingId: string): Promise<ExportResult> {
  const dossier = loadDossier(ctx.db, meetingId)
  return writeExport(ctx.dataDir, `${safeFileName(`${dossier.meeting.title}评分矩阵`)}.xlsx`, await buildScoreMatrixXlsx(dossier))
}

const MIME: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // Packages and archives written without a chosen folder (browser mode downloads them from here).
  '.zip': 'application/zip',
}

export interface ExportDownload {
  path: string
  fileName: string
  bytes: number
  contentType: string
}

/**
 * The exported file a download URL names, or null: the name must be a plain file name (no folders,
 * no "..", no hidden or temporary files) of a .docx/.xlsx/.zip that really lies inside `<dataDir>/exports`.
 */
export function findExport(dataDir: string, encodedName: string): ExportDownload | null {
  let name: string
  try {
    name = decodeURIComponent(encodedName)
  } catch {
    return null
  }
  if (!name || name !== basename(name) || /[\\/]|\p{Cc}/u.test(name) || name.startsWith('.') || !MIME[extname(name).toLowerCase()]) return null
  try {
    const dir = realpathSync(exportsDir(dataDir))
    const path = realpathSync(join(dir, name))
    if (!path.startsWith(dir + sep)) return null
    const stat = statSync(path)
    if (!stat.isFile()) return null
    return { path, fileName: name, bytes: stat.size, contentType: MIME[extname(name).toLowerCase()] }
  } catch {
    return null
  }
}

/** `attachment` with an ASCII fallback name and the real UTF-8 name per RFC 5987 / RFC 6266. */
export function contentDisposition(fileName: string): string {
  return sharedContentDisposition('attachment', fileName)
}

/** 汇报顺序表 of the latest draw; refused before the first draw (there is no order to post yet). */
export async function exportReportOrder(ctx: CoreContext, meetingId: string): Promise<ExportResult> {
  const meeting = getMeeting(ctx.db, meetingId)
  const draw = latestLotDraw(ctx.db, meetingId)
  if (!draw) throw new DomainError('CONFLICT', '尚未抽签：请先在“现场”页抽签决定汇报顺序，再导出汇报顺序表')
  const bytes = await buildReportOrderDocx({ meeting, draw, timezoneOffset: new Date(draw.drawnAt).getTimezoneOffset() })
  return writeExport(ctx.dataDir, `${safeFileName(`${meeting.title}汇报顺序表`)}.docx`, bytes)
}
