/**
 * Every operation answers malformed input with a clear Chinese error and changes nothing.
 * The malformed inputs are derived from each operation's own schema, so a new operation is
 * covered the moment it is added to the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { contract, operationNames } from '../../src-main/shared/contract'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'

const CJK = /[\u4e00-\u9fff]/

/** Inputs that break the schema: wrong top-level types, missing fields, each field with a wrong type. */
function malformedInputsFor(schema: z.ZodType, valid: Record<string, unknown>): unknown[] {
  const inputs: unknown[] = [42, 'text', [1, 2], true]
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {}
  const required = Object.entries(shape).filter(([, s]) => !s.safeParse(undefined).success)
  if (required.length) inputs.push({})
  else inputs.push({ unexpected: 'field' })
  for (const [key] of Object.entries(shape)) {
    for (const wrong of [{ nested: true }, 'not-a-uuid-or-number', -12345.678]) {
      const candidate = { ...valid, [key]: wrong }
      if (!schema.safeParse(candidate).success) inputs.push(candidate)
    }
  }
  return inputs
}

let t: TestCore
let valid: Record<string, unknown>
beforeAll(async () => {
  t = makeTestCore()
  const seed = await seedSmallMeeting(t.api)
  valid = {
    meetingId: seed.meeting.id,
    reviewerId: seed.reviewers[1].id,
    unitId: seed.units[1].id,
    itemId: seed.items[0].id,
    id: seed.units[0].id,
  }
})
afterAll(() => t.dispose())

describe('every operation rejects malformed input', () => {
  it.each(operationNames)('%s', async (name) => {
    const before = snapshotDatabase(t.core.context.db)
    const inputs = malformedInputsFor(contract[name].input, valid)
    expect(inputs.length).toBeGreaterThan(3)
    for (const input of inputs) {
      const result = await t.core.dispatch(name, input)
      expect(result.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false)
      if (result.ok) continue
      expect(result.error.code).toBe('VALIDATION')
      expect(result.error.message).toMatch(CJK)
      expect(result.error.message.startsWith('输入有误')).toBe(true)
    }
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
  })

  it('an unknown operation gets UNKNOWN_OPERATION', async () => {
    const result = await t.core.dispatch('units.launchRocket', {})
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: '没有名为“units.launchRocket”的操作' } })
  })
})
