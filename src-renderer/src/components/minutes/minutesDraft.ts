/** The minutes settings as edited in the form (every field present), to and from the API shape. */
import type { MinutesSettings } from '@shared/schemas/minutes'

export type MinutesDraft = Omit<MinutesSettings, 'meetingId' | 'saved' | 'updatedAt'>

export function draftFromSettings(s: MinutesSettings): MinutesDraft {
  return {
    title: s.title,
    issuingBody: s.issuingBody,
    issueDate: s.issueDate,
    attendees: [...s.attendees],
    observers: [...s.observers],
    absentees: [...s.absentees],
    recorder: s.recorder,
    overallOpinion: s.overallOpinion,
    otherMatters: s.otherMatters,
    recommendedWording: s.recommendedWording,
    recommendedBands: [...s.recommendedBands],
    scorer: s.scorer,
    checker: s.checker,
    markInternal: s.markInternal,
  }
}

export const sameDraft = (a: MinutesDraft, b: MinutesDraft): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Names may be typed as one text ("周明远、林静怡"): split on the usual separators, trim, drop repeats. */
export function splitNames(values: string[]): string[] {
  const out: string[] = []
  for (const v of values) {
    for (const name of v.split(/[、，,;；\n]+/)) {
      const n = name.trim()
      if (n && !out.includes(n)) out.push(n)
    }
  }
  return out
}
