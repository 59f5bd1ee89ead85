/**
 * Everything the documents print about one meeting, gathered once: the meeting, rubric, units,
 * reviewers, computed results, each reviewer's sheet entries, the recorder's notes and the
 * minutes settings. The builders are pure functions of a dossier.
 */
import type { Meeting } from '../../shared/schemas/meeting'
import type { AgendaNote, MinutesSettings } from '../../shared/schemas/minutes'
import type { MeetingResults } from '../../shared/schemas/results'
import type { Reviewer } from '../../shared/schemas/reviewer'
import type { Rubric } from '../../shared/schemas/rubric'
import type { Unit } from '../../shared/schemas/unit'

/** One reviewer's sheet for one unit. */
export interface SheetEntry {
  /** Item id → score as entered. */
  scores: Map<string, { value: number; reason: string }>
  bonus: number | null
  bonusReason: string
  strengths: string
  weaknesses: string
  suggestions: string
  vetoMarks: { vetoItemId: string; reason: string }[]
}

export interface Dossier {
  meeting: Meeting
  rubric: Rubric
  /** In meeting order. */
  units: Unit[]
  /** In meeting order. */
  reviewers: Reviewer[]
  results: MeetingResults
  notes: AgendaNote[]
  settings: MinutesSettings
  /** Keys made by `pairKey`. */
  recused: Set<string>
  entries: Map<string, SheetEntry>
  /** Unit id → the organizer's edited 评审意见; a unit without one prints the draft. */
  opinions: Map<string, EditedOpinion>
}

/** The organizer's own text of a unit's 评审意见 (may be empty on purpose: print none). */
export interface EditedOpinion {
  text: string
  /** The draft when the text was saved. */
  basedOn: string
  updatedAt: string
}

export const pairKey = (reviewerId: string, unitId: string): string => `${reviewerId}|${unitId}`

export const emptyEntry = (): SheetEntry => ({
  scores: new Map(),
  bonus: null,
  bonusReason: '',
  strengths: '',
  weaknesses: '',
  suggestions: '',
  vetoMarks: [],
})

/** "市数据资源局数据共享处党支部【数联先锋】" */
export const unitLabel = (unit: { name: string; brand: string }): string => (unit.brand ? `${unit.name}【${unit.brand}】` : unit.name)
