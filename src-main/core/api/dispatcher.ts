import { z } from 'zod'
import { contract, isOperationName, type OperationName } from '../../shared/contract'
import type { ApiError, ApiResult } from '../../shared/errors'
import type { CoreContext } from '../context'
import { toDatabaseError } from '../db/db-errors'
import { DomainError } from '../errors'
import { handlers as defaultHandlers, type Handlers } from './handlers'
import { describeZodError } from './zod-messages'
import { checkInputText } from './text-check'
import { guardOperation } from '../access/reviewer-policy'

export type Dispatch = (name: string, input: unknown) => Promise<ApiResult<unknown>>

/**
 * The single entry point for every consumer (IPC, HTTP bridge, tests): validates the input against
 * the contract, runs the handler, validates the output, and turns every failure into
 * `{ ok: false, error: { code, message } }` with a message a Chinese user can act on.
 */
export function createDispatcher(ctx: CoreContext, handlers: Handlers = defaultHandlers): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) return fail({ code: 'UNKNOWN_OPERATION', message: `没有名为“${name}”的操作` })
    const def = contract[name]
    const parsed = def.input.safeParse(input ?? {})
    if (!parsed.success) return fail({ code: 'VALIDATION', ...describeZodError(parsed.error) })
    const badText = checkInputText(name, parsed.data)
    if (badText) return fail({ code: 'VALIDATION', message: `输入有误：${badText}` })
    try {
      // Reviewer mode: what the reviewer may not see or do is refused here, before any handler runs.
      const scoped = guardOperation(ctx.db, name, parsed.data)
      const handler = handlers[name] as (input: unknown, ctx: CoreContext) => unknown
      const output = await handler(scoped, ctx)
      const checked = def.output.safeParse(output)
      if (!checked.success) {
        console.error(`[api] ${name} returned data that breaks the contract`, z.prettifyError(checked.error))
        return fail({ code: 'INTERNAL', message: '程序内部错误：返回数据不符合约定，请联系技术支持' })
      }
      return { ok: true, data: checked.data }
    } catch (error) {
      return fail(toApiError(name, error))
    }
  }
}

function toApiError(name: OperationName, error: unknown): ApiError {
  if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details }
  if (error instanceof z.ZodError) return { code: 'VALIDATION', ...describeZodError(error) }
  // Disk full, read-only folder, I/O error, another writer…: SQLite and the file system say it in English.
  const storage = toDatabaseError(error)
  if (storage) {
    console.error(`[api] ${name}: ${storage.code} (${error instanceof Error ? error.message : String(error)})`)
    return { code: storage.code, message: storage.message }
  }
  console.error(`[api] ${name} failed`, error)
  const detail = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: `操作失败（程序内部错误：${detail}）` }
}

const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error })
