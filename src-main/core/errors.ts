import type { ErrorCode } from '../shared/errors'

/** A failure the user can understand and act on; the dispatcher turns it into `{ code, message }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在或已被删除`)
