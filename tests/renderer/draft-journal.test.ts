/**
 * The scoring journal: every keystroke is kept in localStorage until the server confirms exactly that
 * input, so a reload or a crash during the debounce loses nothing. localStorage is a stand-in with
 * the same synchronous contract (strings in, strings out, one store per page origin).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DraftJournal } from '../../src-renderer/src/scoring/draftJournal'
import { MemoryStorage } from './memory-storage'

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
})
afterEach(() => vi.unstubAllGlobals())

const score = (text: string, reason = '') => ({ text, reason })

describe('DraftJournal', () => {
  it('keeps typed input across a reload, ready to be replayed into its sheet', () => {
    const before = new DraftJournal('m1')
    before.put('r1', 'u1', 'score:i1', score('7.5', '材料不全'))
    before.put('r1', 'u1', 'veto:v1', { marked: true, reason: '' })
    before.put('r1', 'u2', 'review', { strengths: '台账规范' })
    before.put('r2', 'u1', 'score:i2', score('3'))

    const after = new DraftJournal('m1') // a new page: only localStorage survived
    expect(after.get('r1', 'u1', 'score:i1')).toEqual(score('7.5', '材料不全'))
    expect(after.get('r1', 'u1', 'veto:v1')).toEqual({ marked: true, reason: '' })
    expect(after.get('r1', 'u2', 'review')).toEqual({ strengths: '台账规范' })
    expect(after.sheets()).toEqual(
      expect.arrayContaining([
        { reviewerId: 'r1', unitId: 'u1' },
        { reviewerId: 'r1', unitId: 'u2' },
        { reviewerId: 'r2', unitId: 'u1' },
      ]),
    )
    expect(after.sheets()).toHaveLength(3) // one entry per sheet, not per field
  })

  it('keeps the newest keystroke of a field', () => {
    const journal = new DraftJournal('m1')
    journal.put('r1', 'u1', 'score:i1', score('7'))
    journal.put('r1', 'u1', 'score:i1', score('7.5'))
    expect(new DraftJournal('m1').get('r1', 'u1', 'score:i1')).toEqual(score('7.5'))
  })

  it('keeps each meeting to itself', () => {
    new DraftJournal('m1').put('r1', 'u1', 'score:i1', score('5'))
    const other = new DraftJournal('m2')
    expect(other.get('r1', 'u1', 'score:i1')).toBeUndefined()
    expect(other.sheets()).toEqual([])
  })

  it('forgets a field once exactly that input is saved, and leaves nothing behind when all is saved', () => {
    const journal = new DraftJournal('m1')
    journal.put('r1', 'u1', 'score:i1', score('6'))
    journal.put('r1', 'u1', 'score:i2', score('4'))
    journal.removeIf('r1', 'u1', 'score:i1', score('6'))
    expect(new DraftJournal('m1').get('r1', 'u1', 'score:i1')).toBeUndefined()
    expect(new DraftJournal('m1').get('r1', 'u1', 'score:i2')).toEqual(score('4'))

    journal.removeIf('r1', 'u1', 'score:i2', score('4'))
    expect(new DraftJournal('m1').sheets()).toEqual([])
    expect(storage.length).toBe(0)
  })

  it('keeps a newer keystroke when the save of an older one returns', () => {
    const journal = new DraftJournal('m1')
    journal.put('r1', 'u1', 'score:i1', score('6'))
    journal.put('r1', 'u1', 'score:i1', score('6.5')) // typed while 6 was being saved
    journal.removeIf('r1', 'u1', 'score:i1', score('6'))
    expect(new DraftJournal('m1').get('r1', 'u1', 'score:i1')).toEqual(score('6.5'))
  })

  it('drops a field the server refused for good', () => {
    const journal = new DraftJournal('m1')
    journal.put('r1', 'u1', 'score:i1', score('6'))
    journal.remove('r1', 'u1', 'score:i1')
    expect(new DraftJournal('m1').sheets()).toEqual([])
  })

  it('starts empty over unreadable storage, and keeps working in memory when storage is full', () => {
    storage.setItem('onsite.scoring.journal.m1', '{not json')
    const journal = new DraftJournal('m1')
    expect(journal.sheets()).toEqual([])

    storage.full = true
    expect(() => journal.put('r1', 'u1', 'score:i1', score('5'))).not.toThrow()
    expect(journal.get('r1', 'u1', 'score:i1')).toEqual(score('5')) // the save still goes out this session
  })
})
