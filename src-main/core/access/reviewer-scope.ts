/**
 * What a reviewer in reviewer mode may see: the mode's meeting, their own sheets, and the units they
 * score (the meeting's units they are not recused from) with those units' materials. The API policy
 * (reviewer-policy.ts), the bridge's /material/ and /upload, the desktop's material:// and
 * host.openMaterial all ask here, so the rule lives once.
 */
import type { Database } from 'better-sqlite3'
import { stmt } from '../db/statements'
import { DomainError } from '../errors'
import { readMode, type ReviewerMode } from './access-mode'

export const forbidden = (message: string) => new DomainError('FORBIDDEN', message)

export const UNIT_OUT_OF_SCOPE = '该单位不在您的评审范围内（已申请回避，或不属于本会议），评委模式下不能查看或修改'
export const MATERIAL_OUT_OF_SCOPE = '该材料不属于您评审的单位（已申请回避，或不属于本会议），评委模式下不能查看'

export function isVisibleUnit(db: Database, mode: ReviewerMode, unitId: string): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM units u WHERE u.id = ? AND u.meeting_id = ?
       AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.unit_id = u.id AND x.reviewer_id = ?)`,
    ).get(unitId, mode.meetingId, mode.reviewerId) !== undefined
  )
}

/** The units the reviewer scores, in the meeting's order. */
export function visibleUnitIds(db: Database, mode: ReviewerMode): string[] {
  return stmt(
    db,
    `SELECT u.id FROM units u WHERE u.meeting_id = ?
     AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.unit_id = u.id AND x.reviewer_id = ?) ORDER BY u.seq`,
  )
    .pluck()
    .all(mode.meetingId, mode.reviewerId) as string[]
}

export function isVisibleMaterial(db: Database, mode: ReviewerMode, materialId: string): boolean {
  const unitId = stmt(db, 'SELECT unit_id FROM materials WHERE id = ? AND meeting_id = ?').pluck().get(materialId, mode.meetingId) as string | undefined
  return unitId !== undefined && isVisibleUnit(db, mode, unitId)
}

/**
 * The material rule for every way a page reads a material's bytes (bridge /material/<id>, material://,
 * host.openMaterial): the organizer reads all; a reviewer only their units' materials.
 */
export function assertMaterialReadable(db: Database, materialId: string): void {
  const mode = readMode(db)
  if (mode && !isVisibleMaterial(db, mode, materialId)) throw forbidden(MATERIAL_OUT_OF_SCOPE)
}

/** Uploads feed imports and exported files hold everyone's scores: neither is a reviewer's. */
export function assertOrganizerFiles(db: Database, what: 'upload' | 'export'): void {
  if (!readMode(db)) return
  throw forbidden(what === 'upload' ? '评委模式下不能上传或导入材料：请会务组先退出评委模式' : '评委模式下不能下载导出的文档：其中有其他评委的评分和评审结果')
}

/**
 * A download from exports/: the organizer's any; a reviewer's only their own return packages
 * (评审结果包, as packages.writeReturn recorded them) — their browser has no other way to take them.
 */
export function assertExportDownload(db: Database, fileName: string): void {
  const mode = readMode(db)
  if (!mode) return
  const own = stmt(db, "SELECT 1 FROM package_exports WHERE kind = 'return' AND meeting_id = ? AND reviewer_id = ? AND file_name = ?").get(mode.meetingId, mode.reviewerId, fileName)
  if (!own) assertOrganizerFiles(db, 'export')
}
