/**
 * Per unit: how many materials, how large, how many scans without a text layer (无文字层) and how
 * many files the app cannot show. One grouped query; units without materials are listed with zeros.
 */
import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type { UnitMaterialOverview } from '../../shared/schemas/material'
import { stmt } from '../db/statements'

export type UnitOverview = z.infer<typeof UnitMaterialOverview>

export function materialOverview(db: Database, meetingId: string): UnitOverview[] {
  return stmt(
    db,
    `SELECT u.id AS unitId,
            count(m.id) AS count,
            COALESCE(sum(m.size), 0) AS bytes,
            COALESCE(sum(m.kind = 'pdf' AND m.has_text_layer = 0), 0) AS noTextLayer,
            COALESCE(sum(m.kind = 'unsupported'), 0) AS unsupported
     FROM units AS u LEFT JOIN materials AS m ON m.unit_id = u.id
     WHERE u.meeting_id = ?
     GROUP BY u.id
     ORDER BY u.seq`,
  ).all(meetingId) as UnitOverview[]
}
