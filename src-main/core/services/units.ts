import type { Database } from 'better-sqlite3'
import type { Unit, UnitFields } from '../../shared/schemas/unit'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { UNIT_HAS_MATERIALS } from '../../shared/errors'
import { DomainError, notFound } from '../errors'
import { assertMeeting } from './meetings'
import { scoresOfUnit } from './score-scope'

interface UnitRow {
  id: string
  meeting_id: string
  seq: number
  name: string
  category: Unit['category']
  department: string
  brand: string
  contact: string
  phone: string
  updated_at: string
  withdrawn_at: string | null
  withdrawn_reason: string
  scored: number
}

const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  meetingId: r.meeting_id,
  seq: r.seq,
  name: r.name,
  category: r.category,
  department: r.department,
  brand: r.brand,
  contact: r.contact,
  phone: r.phone,
  updatedAt: r.updated_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnReason: r.withdrawn_reason,
  scored: r.scored === 1,
})

/** Every column of a unit plus whether any reviewer scored it (then it can be withdrawn, not deleted). */
const UNIT_COLUMNS = `units.*, EXISTS (SELECT 1 FROM scores WHERE ${scoresOfUnit('units.id', 'units.meeting_id')}) AS scored`

export function listUnits(db: Database, meetingId: string): Unit[] {
  assertMeeting(db, meetingId)
  return (stmt(db, `SELECT ${UNIT_COLUMNS} FROM units WHERE meeting_id = ? ORDER BY seq`).all(meetingId) as UnitRow[]).map(toUnit)
}

function getUnit(db: Database, meetingId: string, id: string): Unit {
  const row = stmt(db, `SELECT ${UNIT_COLUMNS} FROM units WHERE id = ? AND meeting_id = ?`).get(id, meetingId) as UnitRow | undefined
  if (!row) throw notFound('参评单位')
  return toUnit(row)
}

function assertNameFree(db: Database, meetingId: string, name: string, exceptId?: string): void {
  const clash = stmt(db, 'SELECT id FROM units WHERE meeting_id = ? AND name = ?').get(meetingId, name) as { id: string } | undefined
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `单位“${name}”已在名单中，单位名称不能重复`)
}

/** Inserts units at the end of the list; the caller owns the transaction. */
export function insertUnits(db: Database, meetingId: string, units: UnitFields[], ids?: string[]): string[] {
  const { next } = stmt(db, 'SELECT coalesce(max(seq), 0) + 1 AS next FROM units WHERE meeting_id = ?').get(meetingId) as { next: number }
  const insert = stmt(
    db,
    `INSERT INTO units (id, meeting_id, seq, name, category, department, brand, contact, phone, updated_at)
     VALUES (@id, @meetingId, @seq, @name, @category, @department, @brand, @contact, @phone, @at)`,
  )
  const at = now()
  return units.map((u, i) => {
    assertNameFree(db, meetingId, u.name)
    const id = ids?.[i] ?? newId()
    insert.run({ ...u, id, meetingId, seq: next + i, at })
    return id
  })
}

export function createUnit(db: Database, meetingId: string, fields: UnitFields): Unit {
  assertMeeting(db, meetingId)
  const [id] = writeTransaction(db, () => insertUnits(db, meetingId, [fields]))
  return getUnit(db, meetingId, id)
}

export function updateUnit(db: Database, meetingId: string, id: string, fields: UnitFields): Unit {
  getUnit(db, meetingId, id)
  assertNameFree(db, meetingId, fields.name, id)
  stmt(
    db,
    `UPDATE units SET name = @name, category = @category, department = @department, brand = @brand,
       contact = @contact, phone = @phone, updated_at = @at WHERE id = @id`,
  ).run({ ...fields, id, at: now() })
  return getUnit(db, meetingId, id)
}

/**
 * Deletes a unit that no reviewer has scored. Its materials (and their annotations) go with it only when
 * the caller says so: 撤销 brings back the unit and its recusals, never the materials, so a unit holding
 * some is refused first with their count, for the organizer to confirm.
 */
export function deleteUnit(db: Database, meetingId: string, id: string, withMaterials = false): void {
  const unit = getUnit(db, meetingId, id)
  if (stmt(db, `SELECT 1 FROM scores WHERE ${scoresOfUnit('@unit', '@meeting')} LIMIT 1`).get({ unit: id, meeting: meetingId })) {
    throw new DomainError('CONFLICT', '该单位已有评委评分，不能删除；如该单位不再参加评审，请改为“退出评审”（保留其评分，不参加排名）')
  }
  const materials = stmt(db, 'SELECT count(*) FROM materials WHERE unit_id = ?').pluck().get(id) as number
  if (materials > 0 && !withMaterials)
    throw new DomainError('CONFLICT', `“${unit.name}”已导入 ${materials} 份材料；删除该单位会一并删除这些材料及其批注，且不能撤销`, [UNIT_HAS_MATERIALS, String(materials)])
  stmt(db, 'DELETE FROM units WHERE id = ?').run(id)
}

/**
 * 退出评审 (withdraw, with a reason for the minutes) or back into the review (reason null). The
 * unit keeps its scores either way; only the ranking, the bands and the minutes change.
 */
export function setUnitWithdrawal(db: Database, meetingId: string, id: string, reason: string | null): Unit {
  const unit = getUnit(db, meetingId, id)
  if (reason !== null && unit.withdrawnAt) throw new DomainError('CONFLICT', `“${unit.name}”已退出评审`)
  if (reason === null && !unit.withdrawnAt) throw new DomainError('CONFLICT', `“${unit.name}”没有退出评审，无需恢复`)
  stmt(db, 'UPDATE units SET withdrawn_at = @at, withdrawn_reason = @reason, updated_at = @now WHERE id = @id').run({
    id,
    at: reason === null ? null : now(),
    reason: reason ?? '',
    now: now(),
  })
  return getUnit(db, meetingId, id)
}

/** Sets the order of a meeting's rows from a complete list of their ids. */
export function reorderRows(db: Database, table: 'units' | 'reviewers', meetingId: string, ids: string[], label: string): void {
  assertMeeting(db, meetingId)
  const existing = (db.prepare(`SELECT id FROM ${table} WHERE meeting_id = ?`).all(meetingId) as { id: string }[]).map((r) => r.id)
  const given = new Set(ids)
  if (given.size !== ids.length || given.size !== existing.length || existing.some((id) => !given.has(id))) {
    throw new DomainError('VALIDATION', `排序必须恰好包含本会议的全部${label}，各一次`)
  }
  const update = db.prepare(`UPDATE ${table} SET seq = ?, updated_at = ? WHERE id = ?`)
  const at = now()
  writeTransaction(db, () => ids.forEach((id, i) => update.run(i + 1, at, id)))
}

export function reorderUnits(db: Database, meetingId: string, ids: string[]): Unit[] {
  reorderRows(db, 'units', meetingId, ids, '单位')
  return listUnits(db, meetingId)
}
