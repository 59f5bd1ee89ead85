/** The 涉及单位 of a new note is a choice the recorder makes: no unit until chosen, 全体 on purpose. */
import { describe, expect, it } from 'vitest'
import { ALL_UNITS, draftFromNote, draftProblem, emptyNoteDraft, noteFields } from '../../src-renderer/src/components/minutes/noteDraft'

const unitId = '4f7d3c1e-2b1a-4c5d-8e9f-0a1b2c3d4e5f'

describe('note draft', () => {
  it('starts with no unit and is not saved until one is chosen', () => {
    const d = { ...emptyNoteDraft(), keyPoints: '宣布评审纪律' }
    expect(d.unit).toBe('')
    expect(draftProblem(d)).toBe('请选择涉及单位；不针对某个单位的记录请选“不涉及具体单位（全体）”')
    expect(draftProblem({ ...d, unit: unitId })).toBe('')
    expect(draftProblem({ ...d, unit: ALL_UNITS })).toBe('')
  })

  it('sends 全体 as a note without unit, and reads it back as 全体', () => {
    const general = { ...emptyNoteDraft(ALL_UNITS), keyPoints: '宣布评审纪律' }
    expect(noteFields(general)).toEqual({ speaker: '', unitId: null, keyPoints: '宣布评审纪律', decisions: '' })
    expect(noteFields({ ...general, unit: unitId }).unitId).toBe(unitId)
    const saved = { id: unitId, meetingId: unitId, seq: 1, speaker: '', unitId: null, keyPoints: '宣布评审纪律', decisions: '', updatedAt: '' }
    expect(draftFromNote(saved).unit).toBe(ALL_UNITS)
    expect(draftFromNote({ ...saved, unitId }).unit).toBe(unitId)
  })
})
