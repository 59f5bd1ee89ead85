/**
 * Reading and removing materials. Importing is in material-import.ts, search in material-search.ts.
 */
import { rm } from 'node:fs/promises'
import type { Material } from '../../shared/schemas/material'
import type { CoreContext } from '../context'
import { writeTransaction } from '../db/transaction'
import { notFound } from '../errors'
import { findMaterial, getMaterial, isReferenced, listMaterials, materialPages } from '../materials/material-rows'
import { materialPath, openMaterial, type ByteRange, type OpenedMaterial } from '../materials/material-store'
import { assertMeeting } from './meetings'

export function listMeetingMaterials({ db }: CoreContext, meetingId: string, unitId?: string): Material[] {
  assertMeeting(db, meetingId)
  if (unitId && !db.prepare('SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
  return listMaterials(db, meetingId, unitId)
}

/** Removes the row (and its text); the file goes too once no other material shares its content. */
export async function deleteMaterial({ db, dataDir }: CoreContext, meetingId: string, id: string): Promise<void> {
  const material = getMaterial(db, meetingId, id)
  writeTransaction(db, () => db.prepare('DELETE FROM materials WHERE id = ?').run(id))
  if (!isReferenced(db, material.sha256)) await rm(materialPath(dataDir, material.sha256), { force: true })
}

export function materialText({ db }: CoreContext, meetingId: string, id: string): { pages: string[] } {
  return { pages: materialPages(db, getMaterial(db, meetingId, id)) }
}

export interface ServedMaterial extends OpenedMaterial {
  material: Material
}

/** The bytes behind `/material/<id>` and `material://m/<id>`: looked up by id, never by a path from the page. */
export async function openMaterialById({ db, dataDir }: CoreContext, id: string, range?: ByteRange): Promise<ServedMaterial> {
  const material = findMaterial(db, id)
  if (!material) throw notFound('材料')
  return { material, ...(await openMaterial(dataDir, material.sha256, range)) }
}
