/** A copy of `list` with the element at `index` moved by `delta` places (clamped to the ends). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta))
  const copy = list.slice()
  if (target === index) return copy
  const [item] = copy.splice(index, 1)
  copy.splice(target, 0, item)
  return copy
}

/** Moves in place (for reactive drafts edited locally before saving). */
export function moveInPlace<T>(list: T[], index: number, delta: number): void {
  const target = index + delta
  if (target < 0 || target >= list.length) return
  const [item] = list.splice(index, 1)
  list.splice(target, 0, item)
}
