import { z } from 'zod'
import { contract, operationNames, type OperationDef } from '../shared/contract'
import { hostContract, hostOperationNames } from '../shared/host-contract'

const describe = (name: string, def: OperationDef, desktopOnly: boolean) => ({
  name,
  summary: def.summary,
  desktopOnly,
  input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
  output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
})

/** GET /api: the API documents itself from the contracts (the host's operations marked desktop-only). */
export function describeApi() {
  return {
    name: '现场评审 API',
    usage: 'POST /api/<operation> with a JSON body; the answer is { ok: true, data } or { ok: false, error: { code, message } }',
    operations: [
      ...operationNames.map((name) => describe(name, contract[name], false)),
      ...hostOperationNames.map((name) => describe(name, hostContract[name], true)),
    ],
  }
}
