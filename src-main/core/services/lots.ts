/**
 * 抽签 (drawing lots for the report order): each draw is recorded with its seed, time and reason, and
 * puts the units in the drawn order through the one home of unit order (units.ts), in one transaction.
 * Withdrawn units (退出评审) are not drawn: they follow the drawn ones, in their previous order.
 */
import { randomBytes } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { LotDraw } from '../../shared/schemas/onday'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { appendHistory } from '../history/history-chain'
import { DomainError } from '../errors'
import { drawOrder } from '../onday/lot-draw'
import { assertMeeting } from './meetings'
import { listUnits, reorderRows } from './units'

interface DrawRow {
  id: string
  meeting_id: string
  seq: number
  seed: string
  drawn_at: string
  reason: string
  unit_order: string
}

const toDraw = (r: DrawRow): LotDraw => ({
  id: r.id,
  meetingId: r.meeting_id,
  seq: r.seq,
  seed: r.seed,
  drawnAt: r.drawn_at,
  reason: r.reason,
  order: JSON.parse(r.unit_order) as LotDraw['order'],
})

/** Every draw of the meeting, the newest first. */
export function listLotDraws(db: Database, meetingId: string): LotDraw[] {
  assertMeeting(db, meetingId)
  return (stmt(db, 'SELECT * FROM lot_draws WHERE meeting_id = ? ORDER BY seq DESC').all(meetingId) as DrawRow[]).map(toDraw)
}

/** The draw that set the current order, or null before the first. */
export function latestLotDraw(db: Database, meetingId: string): LotDraw | null {
  return listLotDraws(db, meetingId)[0] ?? null
}

/** Draws the report order (with `seed`, or a fresh random one) and puts the units in it, in one transaction. */
export function drawLots(db: Database, meetingId: string, input: { seed?: string; reason: string }): LotDraw {
  // Read and write under the write lock: two draws at once never get the same number or mix their orders.
  return writeTransaction(db, () => {
    const units = listUnits(db, meetingId)
    const drawn = units.filter((u) => !u.withdrawnAt)
    if (drawn.length === 0) throw new DomainError('VALIDATION', '没有参加抽签的单位：请先添加参评单位')
    const previous = stmt(db, 'SELECT coalesce(max(seq), 0) AS seq FROM lot_draws WHERE meeting_id = ?').get(meetingId) as { seq: number }
    const reason = input.reason.trim()
    if (previous.seq > 0 && !reason) throw new DomainError('VALIDATION', '已经抽过签，重新抽签须写明理由')
    const seed = (input.seed ?? randomBytes(16).toString('hex')).toLowerCase()
    const order = drawOrder(drawn, seed)
    const draw: LotDraw = {
      id: newId(),
      meetingId,
      seq: previous.seq + 1,
      seed,
      drawnAt: now(),
      reason,
      order: order.map((u, i) => ({ unitId: u.id, unitName: u.name, position: i + 1 })),
    }
    stmt(
      db,
      `INSERT INTO lot_draws (id, meeting_id, seq, seed, drawn_at, reason, unit_order)
       VALUES (@id, @meetingId, @seq, @seed, @drawnAt, @reason, @order)`,
    ).run({ ...draw, order: JSON.stringify(draw.order) })
    const withdrawn = units.filter((u) => u.withdrawnAt)
    reorderRows(db, 'units', meetingId, [...order, ...withdrawn].map((u) => u.id), '单位')
    // In the meeting's hash chain too: a draw done again (and why) cannot be taken out of the record unnoticed.
    appendHistory(db, { meetingId, reviewerId: '', unitId: '', field: 'lot-draw', oldValue: null, newValue: `第 ${draw.seq} 次，种子 ${seed}`, reason, at: draw.drawnAt })
    return draw
  })
}
