import type { UnitProgress } from '@shared/schemas/scoring'
import { formatPoints } from '@shared/points'

/**
 * One line of a unit list (the organizer's 评分 list, a reviewer's own list in the workspace): each list
 * words its status itself; the state colours it (in words too, never colour alone).
 */
export type UnitRowState = 'todo' | 'started' | 'complete' | 'submitted' | 'recused'

export interface UnitRow {
  id: string
  /** 1-based place in the meeting's order; also names the row's data-test hook. */
  no: number
  name: string
  /** The row's tooltip: the full name (the line shows it cut) and anything the line leaves out. */
  title: string
  state: UnitRowState
  label: string
  /** The saved total in points ('' before any score). */
  total: string
  /** All items scored: a ✓ after the total. */
  check: boolean
}

/** The total of what is saved, as the list shows it; nothing before the first score. */
export const rowTotal = (p: UnitProgress | undefined): string => (p && p.scored > 0 ? formatPoints(p.total) : '')
