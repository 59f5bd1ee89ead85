import type { Meeting } from '../../shared/schemas/meeting'
import type { CoreContext } from '../context'
import { toDatabaseError } from '../db/db-errors'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import { getMeeting } from './meetings'
import { DEMO_MEETING_ID } from './demo/demo-file'
import { insertDemo } from './demo/insert-demo'
import { readDemoFile } from './demo/read-demo-file'
import { discardDemoFiles, prepareDemoMaterials } from './demo/demo-materials'
import { insertMaterials } from '../materials/material-rows'

const demoExists = (ctx: CoreContext) => stmt(ctx.db, 'SELECT 1 FROM meetings WHERE id = ?').get(DEMO_MEETING_ID) !== undefined

/**
 * Opens the shipped demo meeting: returns it when it is already in the database, otherwise imports
 * `<resourcesDir>/demo/demo-meeting.json` with generated materials in one transaction (a bad file
 * changes nothing; the material files stored for it are removed again).
 */
export async function openDemo(ctx: CoreContext): Promise<Meeting> {
  const { db } = ctx
  if (demoExists(ctx)) return getMeeting(db, DEMO_MEETING_ID)
  const demo = readDemoFile(ctx.resourcesDir)
  if (demo.meeting.id !== DEMO_MEETING_ID) {
    throw new DomainError('IMPORT_INVALID', '示例会议数据文件与本软件版本不符（会议编号不一致），请重新安装本软件')
  }
  const materials = await prepareDemoMaterials(ctx, demo)
  try {
    const inserted = writeTransaction(db, () => {
      if (demoExists(ctx)) return false // a second call opened it while the files were being made
      insertDemo(db, demo)
      insertMaterials(db, materials.materials, now())
      return true
    })
    if (!inserted) await discardDemoFiles(ctx, materials.stored)
  } catch (error) {
    await discardDemoFiles(ctx, materials.stored)
    if (toDatabaseError(error)) throw error // a full disk is not a broken demo file
    const detail = error instanceof Error ? error.message : String(error)
    throw new DomainError('IMPORT_INVALID', `示例会议数据文件有误，未导入：${detail}`)
  }
  return getMeeting(db, DEMO_MEETING_ID)
}

export { DEMO_MEETING_ID }
