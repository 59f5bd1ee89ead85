/**
 * A typed proxy over `invoke(name, input)`: `api.units.list({ meetingId })` calls 'units.list'.
 * Used by the renderer (over IPC or HTTP) and by tests (over the dispatcher or HTTP). Works for any
 * contract of the same shape: the core's (`api`) and the desktop host's (`host`).
 */
import type { z } from 'zod'
import type { ApiError, ApiResult } from './errors'
import type { Contract, OperationDef } from './contract'

export type Invoke = (name: string, input: unknown) => Promise<ApiResult<unknown>>

type Ops = Record<string, OperationDef>
type Namespaces<C extends Ops> = keyof C extends infer K ? (K extends `${infer N}.${string}` ? N : never) : never
type MethodsOf<C extends Ops, N extends string> = {
  [K in keyof C as K extends `${N}.${infer M}` ? M : never]: (input: z.input<C[K]['input']>) => Promise<z.output<C[K]['output']>>
}
export type ClientOf<C extends Ops> = { [N in Namespaces<C>]: MethodsOf<C, N> }
export type ApiClient = ClientOf<Contract>

/** Thrown by the client when the API answers `{ ok: false }`. */
export class ApiCallError extends Error implements ApiError {
  readonly code: ApiError['code']
  readonly details?: string[]
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.details = error.details
  }
}

export function createApiClient(invoke: Invoke): ApiClient {
  return createClient<Contract>(invoke)
}

export function createClient<C extends Ops>(invoke: Invoke): ClientOf<C> {
  const namespaces = new Map<string, unknown>()
  return new Proxy({} as ClientOf<C>, {
    get(_target, ns: string) {
      if (!namespaces.has(ns)) {
        namespaces.set(
          ns,
          new Proxy(
            {},
            {
              get: (_t, method: string) => async (input: unknown) => {
                const result = await invoke(`${ns}.${method}`, input ?? {})
                if (!result.ok) throw new ApiCallError(result.error)
                return result.data
              },
            },
          ),
        )
      }
      return namespaces.get(ns)
    },
  })
}

export type { Contract }
