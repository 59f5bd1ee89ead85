/**
 * Every keystroke of the scoring form is written here (localStorage, synchronous) before any save is
 * attempted, and removed only once the server has confirmed exactly that input. A reload, a crash
 * or a closed window during the debounce therefore loses nothing: the next session replays it.
 */

export type DraftPart = Record<string, string | boolean>

export interface JournalEntry {
  reviewerId: string
  unitId: string
  field: string
  part: DraftPart
}

const SEP = '|'

export class DraftJournal {
  private readonly storageKey: string
  private entries: Record<string, DraftPart>

  constructor(meetingId: string) {
    this.storageKey = `onsite.scoring.journal.${meetingId}`
    this.entries = this.read()
  }

  private read(): Record<string, DraftPart> {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.storageKey) ?? '{}')
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, DraftPart>) : {}
    } catch {
      return {}
    }
  }

  private write(): void {
    try {
      if (Object.keys(this.entries).length === 0) localStorage.removeItem(this.storageKey)
      else localStorage.setItem(this.storageKey, JSON.stringify(this.entries))
    } catch {
      // Storage full or unavailable: the save itself still goes to the server.
    }
  }

  private static key(reviewerId: string, unitId: string, field: string): string {
    return [reviewerId, unitId, field].join(SEP)
  }

  put(reviewerId: string, unitId: string, field: string, part: DraftPart): void {
    this.entries[DraftJournal.key(reviewerId, unitId, field)] = part
    this.write()
  }

  get(reviewerId: string, unitId: string, field: string): DraftPart | undefined {
    return this.entries[DraftJournal.key(reviewerId, unitId, field)]
  }

  /** Removes the entry only if it still holds `part`: a newer keystroke must survive an older save. */
  removeIf(reviewerId: string, unitId: string, field: string, part: DraftPart): void {
    const key = DraftJournal.key(reviewerId, unitId, field)
    if (key in this.entries && JSON.stringify(this.entries[key]) === JSON.stringify(part)) {
      delete this.entries[key]
      this.write()
    }
  }

  remove(reviewerId: string, unitId: string, field: string): void {
    const key = DraftJournal.key(reviewerId, unitId, field)
    if (key in this.entries) {
      delete this.entries[key]
      this.write()
    }
  }

  /** Distinct reviewer × unit pairs that still hold unsaved input. */
  sheets(): { reviewerId: string; unitId: string }[] {
    const seen = new Map<string, { reviewerId: string; unitId: string }>()
    for (const key of Object.keys(this.entries)) {
      const [reviewerId, unitId] = key.split(SEP)
      if (reviewerId && unitId) seen.set(`${reviewerId}${SEP}${unitId}`, { reviewerId, unitId })
    }
    return [...seen.values()]
  }
}
