/**
 * What the UI reads about a meeting's materials besides the files: search, the per-unit overview
 * and an .xlsx material as tables. Checks the meeting (and unit) first, so a wrong id says which.
 */
import type { MaterialSearchResult } from '../../shared/schemas/material'
import type { CoreContext } from '../context'
import { stmt } from '../db/statements'
import { notFound } from '../errors'
import { materialOverview, type UnitOverview } from '../materials/material-overview'
import { getMaterial } from '../materials/material-rows'
import { searchMaterials, type SearchInput } from '../materials/material-search'
import { readMaterialTable, type MaterialTable } from '../materials/material-table'
import { assertMeeting } from './meetings'

export function searchMeetingMaterials({ db }: CoreContext, input: SearchInput): MaterialSearchResult {
  assertMeeting(db, input.meetingId)
  if (input.unitId && !stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(input.unitId, input.meetingId)) throw notFound('参评单位')
  return searchMaterials(db, input)
}

export function meetingMaterialOverview({ db }: CoreContext, meetingId: string): UnitOverview[] {
  assertMeeting(db, meetingId)
  return materialOverview(db, meetingId)
}

export function materialTable({ db, dataDir }: CoreContext, meetingId: string, id: string): Promise<MaterialTable> {
  return readMaterialTable(dataDir, getMaterial(db, meetingId, id))
}
