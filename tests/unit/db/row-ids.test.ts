import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { newId } from '../../../src-main/core/db/statements'

describe('row ids', () => {
  it('are RFC 9562 version-7 UUIDs that the contract schemas accept', () => {
    const ids = Array.from({ length: 1000 }, newId)
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(z.uuid().safeParse(id).success).toBe(true)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('carry the time in front, so ids made later sort after (rows of one bulk insert land together in an index)', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-30T03:00:00.000Z'))
      const first = newId()
      vi.setSystemTime(new Date('2026-11-30T03:00:00.001Z'))
      const second = newId()
      expect(first < second).toBe(true)
      const ms = parseInt(first.slice(0, 8) + first.slice(9, 13), 16)
      expect(new Date(ms).toISOString()).toBe('2026-11-30T03:00:00.000Z')
    } finally {
      vi.useRealTimers()
    }
  })
})
