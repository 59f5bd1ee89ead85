import type { Meeting, MeetingFields } from '@shared/schemas/meeting'

/** What the meeting form edits: every field present, numbers possibly cleared while typing. */
export type MeetingDraft = Omit<MeetingFields, 'reportMinutes' | 'questionMinutes'> & {
  reportMinutes: number | null
  questionMinutes: number | null
}

export function emptyMeetingDraft(): MeetingDraft {
  return {
    title: '',
    date: '',
    startTime: '',
    endTime: '',
    place: '',
    host: '',
    hostTitle: '',
    recorder: '',
    issuingBody: '',
    reportMinutes: 8,
    questionMinutes: 5,
  }
}

export function draftFromMeeting(m: Meeting): MeetingDraft {
  const { title, date, startTime, endTime, place, host, hostTitle, recorder, issuingBody, reportMinutes, questionMinutes } = m
  return { title, date, startTime, endTime, place, host, hostTitle, recorder, issuingBody, reportMinutes, questionMinutes }
}
