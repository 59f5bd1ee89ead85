/**
 * Matching a batch's folder (or inner zip) names to the meeting's units. Folders are typed by the
 * units themselves: full-width letters and digits, stray spaces, and the 党支部 suffix kept or
 * dropped (“办公室党支部” for the unit 办公室, “机关党委办公室” for 机关党委办公室党支部).
 */

/** Trimmed, full-width → half-width (NFKC), every space removed. */
export function normalizeUnitName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '')
}

const PARTY_SUFFIXES = ['党总支部', '党总支', '党支部']

/** The name without a trailing party-branch suffix; the name itself when that would leave nothing. */
export function unitNameBase(name: string): string {
  const normalized = normalizeUnitName(name)
  const suffix = PARTY_SUFFIXES.find((s) => normalized.endsWith(s) && normalized.length > s.length)
  return suffix ? normalized.slice(0, -suffix.length) : normalized
}

/**
 * The unit a folder name stands for: an exact match (after normalising) first, else a match without
 * the suffix; null when none does or when more than one unit would (the organizer decides).
 */
export function matchUnit<U extends { id: string; name: string }>(folder: string, units: readonly U[]): U | null {
  const exact = units.filter((u) => normalizeUnitName(u.name) === normalizeUnitName(folder))
  if (exact.length === 1) return exact[0]
  if (exact.length > 1) return null
  const base = unitNameBase(folder)
  const loose = units.filter((u) => unitNameBase(u.name) === base)
  return loose.length === 1 ? loose[0] : null
}
