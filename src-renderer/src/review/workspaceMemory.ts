/**
 * What the reviewer's workspace remembers across units and reloads (localStorage, this computer only):
 * - the split between materials and sheet (one ratio for every meeting: it is about the screen, not the
 *   meeting), and whether the materials side or the unit list is folded;
 * - per reviewer and unit, which material and which page were open, so coming back to a unit returns there.
 * Storage failures (full, disabled) only cost the memory, never the screen.
 */

/** Share of the width given to the materials side. */
export const DEFAULT_RATIO = 0.5
/** Narrower than this, neither side is usable at 1280 px: the PDF toolbar wraps, the score boxes squeeze. */
export const MIN_MATERIALS_PX = 360
export const MIN_SHEET_PX = 420

const SPLIT_KEY = 'onsite.review.split'
const placeKey = (meetingId: string, reviewerId: string) => `onsite.review.places.${meetingId}.${reviewerId}`
/** Units remembered per reviewer: a meeting has at most a few hundred; older entries go first. */
const MAX_PLACES = 500

export interface SplitState {
  ratio: number
  /** The materials side folded away. */
  collapsed: boolean
  /** The unit list folded to a strip. */
  unitsCollapsed: boolean
}

/**
 * The ratio that keeps both sides at least their minimum width in a container `width` px wide; when the
 * container is too narrow for both minimums, the sheet side wins (scoring is the task).
 */
export function clampRatio(ratio: number, width: number): number {
  const wanted = Number.isFinite(ratio) ? ratio : DEFAULT_RATIO
  if (!(width > 0)) return Math.min(0.9, Math.max(0.1, wanted))
  const low = MIN_MATERIALS_PX / width
  const high = 1 - MIN_SHEET_PX / width
  if (low > high) return Math.max(0, high)
  return Math.min(high, Math.max(low, wanted))
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Full or disabled storage: the split and places are a comfort, the screen works without them.
  }
}

export function loadSplit(): SplitState {
  const saved = read<Partial<SplitState>>(SPLIT_KEY)
  const ratio = typeof saved?.ratio === 'number' && saved.ratio > 0 && saved.ratio < 1 ? saved.ratio : DEFAULT_RATIO
  return { ratio, collapsed: saved?.collapsed === true, unitsCollapsed: saved?.unitsCollapsed === true }
}

export function saveSplit(state: SplitState): void {
  write(SPLIT_KEY, state)
}

export interface MaterialPlace {
  materialId: string
  /** 1-based page (1 for kinds without pages). */
  page: number
}

/** The material a unit opens at: the remembered one if it is still there, else the first. */
export function materialToOpen<M extends { id: string }>(materials: readonly M[], place: MaterialPlace | null | undefined): M | null {
  return materials.find((m) => m.id === place?.materialId) ?? materials[0] ?? null
}

/** The open material and page per unit, for one reviewer in one meeting. */
export class PlaceMemory {
  private readonly key: string
  private places: Map<string, MaterialPlace>

  constructor(meetingId: string, reviewerId: string) {
    this.key = placeKey(meetingId, reviewerId)
    const saved = read<[string, MaterialPlace][]>(this.key)
    this.places = new Map(Array.isArray(saved) ? saved.filter(([, p]) => p && typeof p.materialId === 'string' && p.page >= 1) : [])
  }

  get(unitId: string): MaterialPlace | null {
    return this.places.get(unitId) ?? null
  }

  /** Remembers the place (the latest unit last, so the oldest are dropped beyond MAX_PLACES). */
  set(unitId: string, place: MaterialPlace): void {
    const old = this.places.get(unitId)
    if (old && old.materialId === place.materialId && old.page === place.page) return
    this.places.delete(unitId)
    this.places.set(unitId, { materialId: place.materialId, page: Math.max(1, Math.round(place.page)) })
    while (this.places.size > MAX_PLACES) this.places.delete(this.places.keys().next().value!)
    write(this.key, [...this.places])
  }
}
