/**
 * An annotation's note added to one part of the unit comment (亮点 / 不足 / 建议): on a new line after
 * what is there, never doubled when the same note is copied twice in a row; null when there is nothing to add.
 */
export function appendToComment(before: string, note: string): string | null {
  const added = note.trim()
  const kept = before.replace(/\s+$/, '')
  if (!added || kept.endsWith(added)) return null
  return kept ? `${kept}\n${added}` : added
}
