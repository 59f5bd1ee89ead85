import { describe, expect, it } from 'vitest'
import { normalizeClockTime } from '../../../src-main/shared/clock-time'
import { MeetingFields } from '../../../src-main/shared/schemas/meeting'

describe('times of day as clerks type them', () => {
  it.each([
    ['9:00', '09:00'],
    ['09:00', '09:00'],
    ['09：00', '09:00'],
    ['９：３０', '09:30'],
    ['9点', '09:00'],
    ['9点30', '09:30'],
    ['9点30分', '09:30'],
    ['9时30分', '09:30'],
    ['9点半', '09:30'],
    ['下午2点', '14:00'],
    ['下午2:30', '14:30'],
    ['中午12点', '12:00'],
    ['14.30', '14:30'],
    [' 12:30 ', '12:30'],
    ['', ''],
  ])('%s → %s', (typed, stored) => {
    expect(normalizeClockTime(typed)).toBe(stored)
  })

  it.each(['25:00', '9:60', '9:3', '上午13点', '上午12点', 'nine', '9点钟半', '12:30:00'])('refuses %s rather than guess', (typed) => {
    expect(normalizeClockTime(typed)).toBeNull()
  })

  it('the meeting contract stores the normalised time and names the accepted spellings when refusing', () => {
    const base = { title: '评审会', date: '2024-12-18' }
    expect(MeetingFields.parse({ ...base, startTime: '9点', endTime: '12：30' })).toMatchObject({ startTime: '09:00', endTime: '12:30' })
    const refused = MeetingFields.safeParse({ ...base, startTime: '25:00' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0].message).toContain('09:00')
  })
})
