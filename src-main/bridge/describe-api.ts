import { z } from 'zod'
import { contract, operationNames } from '../shared/contract'

/** GET /api: the API documents itself from the contract. */
export function describeApi() {
  return {
    name: '现场评审 API',
    usage: 'POST /api/<operation> with a JSON body; the answer is { ok: true, data } or { ok: false, error: { code, message } }',
    operations: operationNames.map((name) => ({
      name,
      summary: contract[name].summary,
      input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(contract[name].output, { io: 'output', unrepresentable: 'any' }),
    })),
  }
}
