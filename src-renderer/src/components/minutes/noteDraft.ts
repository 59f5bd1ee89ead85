/** The recorder's note being typed, and its copy in localStorage so a crash or reload loses nothing. */
import type { AgendaNote } from '@shared/schemas/minutes'

export interface NoteDraft {
  speaker: string
  unitId: string | null
  keyPoints: string
  decisions: string
}

export const emptyNoteDraft = (unitId: string | null = null): NoteDraft => ({ speaker: '', unitId, keyPoints: '', decisions: '' })

export const draftFromNote = (n: AgendaNote): NoteDraft => ({ speaker: n.speaker, unitId: n.unitId, keyPoints: n.keyPoints, decisions: n.decisions })

/** Nothing worth keeping has been typed (a unit chosen alone is not a note). */
export const isBlank = (d: NoteDraft): boolean => !d.speaker.trim() && !d.keyPoints.trim() && !d.decisions.trim()

/** The same message the contract gives, shown before a round trip. */
export function draftProblem(d: NoteDraft): string {
  return !d.keyPoints.trim() && !d.decisions.trim() ? '发言要点和会议决定不能都为空' : ''
}

const key = (meetingId: string) => `onsite:note-draft:${meetingId}`

export function loadStoredDraft(meetingId: string): NoteDraft | null {
  try {
    const raw = localStorage.getItem(key(meetingId))
    if (!raw) return null
    const d = JSON.parse(raw) as Partial<NoteDraft>
    return { speaker: String(d.speaker ?? ''), unitId: typeof d.unitId === 'string' ? d.unitId : null, keyPoints: String(d.keyPoints ?? ''), decisions: String(d.decisions ?? '') }
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
