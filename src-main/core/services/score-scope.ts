/**
 * Which scores belong to a meeting or a unit, as SQL over `scores`. Its only index is its key
 * (reviewer, unit, item) — migration 016 says why —, so both are asked through the meeting's reviewers:
 * a meeting's scores are their key ranges, a unit's scores one (reviewer, unit) prefix per reviewer.
 * `meeting` and `unit` are SQL expressions (a parameter or a column of the outer query).
 */
export const scoresOfMeeting = (meeting = '?'): string => `reviewer_id IN (SELECT id FROM reviewers WHERE meeting_id = ${meeting})`

export const scoresOfUnit = (unit: string, meeting: string): string => `${scoresOfMeeting(meeting)} AND unit_id = ${unit}`
