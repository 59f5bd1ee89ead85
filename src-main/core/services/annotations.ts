/**
 * A reviewer's annotations on material pages (highlights and boxes, with a note and a colour). They
 * belong to their reviewer: another reviewer's id finds nothing. The unit comes from the material, so
 * an annotation can never sit on one unit's file while listed under another. UUID + updated_at: they
 * travel in the reviewer's return package.
 */
import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type { Annotation, AnnotationListInput, AnnotationSaveInput } from '../../shared/schemas/annotation'
import { compareAnnotations } from '../../shared/annotation-order'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError, notFound } from '../errors'
import { assertMeeting } from './meetings'
import { getReviewer, isRecused } from './reviewers'

type ListInput = z.output<typeof AnnotationListInput>
type SaveInput = z.output<typeof AnnotationSaveInput>
type Rect = Annotation['rects'][number]

interface Row {
  id: string
  meeting_id: string
  reviewer_id: string
  unit_id: string
  material_id: string
  kind: Annotation['kind']
  page_index: number
  rects: string
  text: string
  note: string
  color: Annotation['color']
  created_at: string
  updated_at: string
  material_seq: number
  material_kind: string
}

const toAnnotation = (r: Row): Annotation => ({
  id: r.id,
  meetingId: r.meeting_id,
  reviewerId: r.reviewer_id,
  unitId: r.unit_id,
  materialId: r.material_id,
  kind: r.kind,
  pageIndex: r.page_index,
  rects: JSON.parse(r.rects) as Rect[],
  text: r.text,
  note: r.note,
  color: r.color,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const SELECT = `SELECT a.*, m.seq AS material_seq, m.kind AS material_kind, u.seq AS unit_seq
  FROM annotations a JOIN materials m ON m.id = a.material_id JOIN units u ON u.id = a.unit_id`

export function listAnnotations(db: Database, input: ListInput): Annotation[] {
  const { meetingId, reviewerId, unitId, materialId } = input
  getReviewer(db, meetingId, reviewerId)
  if (unitId && !stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
  if (materialId) materialOf(db, meetingId, materialId)
  const rows = stmt(
    db,
    `${SELECT} WHERE a.meeting_id = ? AND a.reviewer_id = ? AND (? IS NULL OR a.unit_id = ?) AND (? IS NULL OR a.material_id = ?)
     ORDER BY u.seq, m.seq`,
  ).all(meetingId, reviewerId, unitId ?? null, unitId ?? null, materialId ?? null, materialId ?? null) as (Row & { unit_seq: number })[]
  // Units are already in order; within a unit, the shared reading order (material, page, top of the first mark).
  const key = (r: Row & { unit_seq: number }) => ({
    unitSeq: r.unit_seq,
    materialSeq: r.material_seq,
    pageIndex: r.page_index,
    rects: JSON.parse(r.rects) as Rect[],
    onPdf: r.material_kind === 'pdf',
  })
  return rows
    .map((r) => ({ row: r, key: key(r) }))
    .sort((a, b) => a.key.unitSeq - b.key.unitSeq || compareAnnotations(a.key, b.key))
    .map(({ row }) => toAnnotation(row))
}

export function saveAnnotation(db: Database, input: SaveInput): Annotation {
  return writeTransaction(db, () => {
    const { meetingId, reviewerId } = input
    const reviewer = getReviewer(db, meetingId, reviewerId)
    const material = materialOf(db, meetingId, input.materialId)
    if (material.kind !== 'pdf' && material.kind !== 'image') throw new DomainError('VALIDATION', '只能在 PDF 页面或图片上批注')
    if (isRecused(db, reviewerId, material.unit_id)) {
      throw new DomainError('CONFLICT', `评委“${reviewer.name}”已回避“${material.unit_name}”，不能在其材料上批注`)
    }
    if (material.page_count > 0 && input.pageIndex >= material.page_count) {
      throw new DomainError('VALIDATION', `页码超出范围：该材料共 ${material.page_count} 页`)
    }
    const rects = input.rects.map(normalRect)
    const at = now()
    if (input.id) {
      const existing = ownRow(db, meetingId, reviewerId, input.id)
      if (existing.material_id !== input.materialId || existing.kind !== input.kind) {
        throw new DomainError('VALIDATION', '批注所在的材料和类型不能修改，请删除后重新批注')
      }
      stmt(db, 'UPDATE annotations SET page_index = ?, rects = ?, text = ?, note = ?, color = ?, updated_at = ? WHERE id = ?').run(
        input.pageIndex,
        JSON.stringify(rects),
        input.text,
        input.note,
        input.color,
        at,
        input.id,
      )
      return getOwn(db, meetingId, reviewerId, input.id)
    }
    const id = newId()
    stmt(
      db,
      `INSERT INTO annotations (id, meeting_id, reviewer_id, unit_id, material_id, kind, page_index, rects, text, note, color, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, meetingId, reviewerId, material.unit_id, material.id, input.kind, input.pageIndex, JSON.stringify(rects), input.text, input.note, input.color, at, at)
    return getOwn(db, meetingId, reviewerId, id)
  })
}

export function deleteAnnotation(db: Database, meetingId: string, reviewerId: string, id: string): void {
  writeTransaction(db, () => {
    getReviewer(db, meetingId, reviewerId)
    ownRow(db, meetingId, reviewerId, id)
    stmt(db, 'DELETE FROM annotations WHERE id = ?').run(id)
  })
}

interface MaterialRow {
  id: string
  unit_id: string
  unit_name: string
  kind: string
  page_count: number
}

function materialOf(db: Database, meetingId: string, id: string): MaterialRow {
  assertMeeting(db, meetingId)
  const row = stmt(
    db,
    'SELECT m.id, m.unit_id, u.name AS unit_name, m.kind, m.page_count FROM materials m JOIN units u ON u.id = m.unit_id WHERE m.id = ? AND m.meeting_id = ?',
  ).get(id, meetingId) as MaterialRow | undefined
  if (!row) throw notFound('材料')
  return row
}

/** Only the annotation's own reviewer reaches it: another reviewer's id gets NOT_FOUND, as if it did not exist. */
function ownRow(db: Database, meetingId: string, reviewerId: string, id: string): Row {
  const row = stmt(db, `${SELECT} WHERE a.id = ? AND a.meeting_id = ? AND a.reviewer_id = ?`).get(id, meetingId, reviewerId) as Row | undefined
  if (!row) throw notFound('批注')
  return row
}

const getOwn = (db: Database, meetingId: string, reviewerId: string, id: string) => toAnnotation(ownRow(db, meetingId, reviewerId, id))

/** Stored with x1 < x2 and y1 < y2 whichever corner the drag began at; an empty area marks nothing. */
function normalRect([a, b, c, d]: Rect): Rect {
  const rect: Rect = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)]
  if (rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) throw new DomainError('VALIDATION', '批注区域的宽和高都必须大于 0')
  return rect
}
