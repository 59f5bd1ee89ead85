import type { Meeting } from '../../shared/schemas/meeting'
import type { CoreContext } from '../context'
import { DomainError } from '../errors'

export function openDemo(_ctx: CoreContext): Meeting {
  throw new DomainError('INTERNAL', '示例会议尚未实现')
}
