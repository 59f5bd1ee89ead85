import type { UnitImportResult } from '../../shared/schemas/unit'
import type { CoreContext } from '../context'
import { DomainError } from '../errors'

export async function importUnitsXlsx(
  _ctx: CoreContext,
  _input: { meetingId: string; fileName: string; dataBase64: string; dryRun: boolean },
): Promise<UnitImportResult> {
  throw new DomainError('INTERNAL', '尚未实现')
}
