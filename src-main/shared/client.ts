/**
 * A typed proxy over `invoke(name, input)`: `api.units.list({ meetingId })` calls 'units.list'.
 * Used by the renderer (over IPC or HTTP) and by tests (over the dispatcher or HTTP).
 */
import type { ApiError, ApiResult } from './errors'
import type { Contract, InputOf, OperationName, OutputOf } from './contract'

export type Invoke = (name: OperationName, input: unknown) => Promise<ApiResult<unknown>>

type Namespaces = OperationName extends `${infer N}.${string}` ? N : never
type MethodsOf<N extends string> = {
  [K in OperationName as K extends `${N}.${infer M}` ? M : never]: (input: InputOf<K>) => Promise<OutputOf<K>>
}
export type ApiClient = { [N in Namespaces]: MethodsOf<N> }

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
  const namespaces = new Map<string, unknown>()
  return new Proxy({} as ApiClient, {
    get(_target, ns: string) {
      if (!namespaces.has(ns)) {
        namespaces.set(
          ns,
          new Proxy(
            {},
            {
              get: (_t, method: string) => async (input: unknown) => {
                const result = await invoke(`${ns}.${method}` as OperationName, input ?? {})
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
