import type { Meeting } from '../../shared/schemas/meeting'
import type { CoreContext } from '../context'
import { toDatabaseError } from '../db/db-errors'
import { stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import { getMeeting } from './meetings'
import { DEMO_MEETING_ID } from './demo/demo-file'
import { insertDemo } from './demo/insert-demo'
import { readDemoFile } from './demo/read-demo-file'

/**
 * Opens the shipped demo meeting: returns it when it is already in the database, otherwise imports
 * `<resourcesDir>/demo/demo-meeting.json` in one transaction (a bad file changes nothing).
 */
export function openDemo(ctx: CoreContext): Meeting {
  const { db } = ctx
  if (stmt(db, 'SELECT 1 FROM meetings WHERE id = ?').get(DEMO_MEETING_ID)) return getMeeting(db, DEMO_MEETING_ID)
  const demo = readDemoFile(ctx.resourcesDir)
  if (demo.meeting.id !== DEMO_MEETING_ID) {
    throw new DomainError('IMPORT_INVALID', '示例会议数据文件与本软件版本不符（会议编号不一致），请重新安装本软件')
  }
  try {
    writeTransaction(db, () => insertDemo(db, demo))
  } catch (error) {
    if (toDatabaseError(error)) throw error // a full disk is not a broken demo file
    const detail = error instanceof Error ? error.message : String(error)
    throw new DomainError('IMPORT_INVALID', `示例会议数据文件有误，未导入：${detail}`)
  }
  return getMeeting(db, DEMO_MEETING_ID)
}

export { DEMO_MEETING_ID }
