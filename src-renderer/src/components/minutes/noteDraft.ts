/** The recorder's note being typed, and its copy in localStorage so a crash or reload loses nothing. */
import type { AgendaNote } from '@shared/schemas/minutes'

/** The 涉及单位 choice for a note about no unit in particular (rules, deliberation…): printed before the units. */
export const ALL_UNITS = 'all'

export interface NoteDraft {
  speaker: string
  /**
   * The unit the note is printed under: '' until the recorder chooses (never a silent default, a
   * note under the wrong unit is printed as that unit's opinion), ALL_UNITS, or a unit id.
   */
  unit: string
  keyPoints: string
  decisions: string
}

export const emptyNoteDraft = (unit = ''): NoteDraft => ({ speaker: '', unit, keyPoints: '', decisions: '' })

export const draftFromNote = (n: AgendaNote): NoteDraft => ({ speaker: n.speaker, unit: n.unitId ?? ALL_UNITS, keyPoints: n.keyPoints, decisions: n.decisions })

/** The draft as the API takes it. Only call once `draftProblem` is empty. */
export const noteFields = (d: NoteDraft) => ({
  speaker: d.speaker,
  unitId: d.unit === ALL_UNITS ? null : d.unit,
  keyPoints: d.keyPoints,
  decisions: d.decisions,
})

/** Nothing worth keeping has been typed (a unit chosen alone is not a note). */
export const isBlank = (d: NoteDraft): boolean => !d.speaker.trim() && !d.keyPoints.trim() && !d.decisions.trim()

/** The same message the contract gives, shown before a round trip; and the unit must be chosen. */
export function draftProblem(d: NoteDraft): string {
  if (!d.keyPoints.trim() && !d.decisions.trim()) return '发言要点和会议决定不能都为空'
  if (!d.unit) return '请选择涉及单位；不针对某个单位的记录请选“不涉及具体单位（全体）”'
  return ''
}

const key = (meetingId: string) => `onsite:note-draft:${meetingId}`

export function loadStoredDraft(meetingId: string): NoteDraft | null {
  try {
    const raw = localStorage.getItem(key(meetingId))
    if (!raw) return null
    const d = JSON.parse(raw) as Partial<NoteDraft> & { unitId?: unknown }
    // Drafts kept before the unit had to be chosen stored `unitId`, where null did not mean a choice.
    const unit = typeof d.unit === 'string' ? d.unit : typeof d.unitId === 'string' ? d.unitId : ''
    return { speaker: String(d.speaker ?? ''), unit, keyPoints: String(d.keyPoints ?? ''), decisions: String(d.decisions ?? '') }
  } catch {
    return null
  }
}

export function storeDraft(meetingId: string, d: NoteDraft): void {
  try {
    if (isBlank(d)) localStorage.removeItem(key(meetingId))
    else localStorage.setItem(key(meetingId), JSON.stringify(d))
  } catch {
    // Storage full or disabled: the draft simply stays in memory.
  }
}
