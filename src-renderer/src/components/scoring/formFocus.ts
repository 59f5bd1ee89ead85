/**
 * Keyboard order of the score form: every element marked `data-nav`, in document order, that can
 * take focus right now. Elements join or leave the order as the sheet changes (e.g. a required
 * 扣分说明 appears after a deduction), so the list is read at each key press.
 */

function navigable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[data-nav]')].filter(
    (el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null,
  )
}

/** Focuses a field: number boxes get their value selected (typing replaces), text gets the caret at the end. */
export function focusField(el: HTMLElement | null | undefined): boolean {
  if (!el) return false
  el.focus()
  if (el instanceof HTMLInputElement && el.type === 'text') {
    if (el.inputMode === 'decimal') el.select()
    else el.setSelectionRange(el.value.length, el.value.length)
  } else if (el instanceof HTMLTextAreaElement) {
    el.setSelectionRange(el.value.length, el.value.length)
  }
  el.scrollIntoView({ block: 'nearest' })
  return true
}

/** Moves focus one step; false when there is nowhere to go (first or last field). */
export function moveFocus(root: HTMLElement, from: HTMLElement, direction: 1 | -1): boolean {
  const list = navigable(root)
  let index = list.indexOf(from)
  if (index === -1) {
    // From a field outside the order (an optional 扣分说明): continue after its own score box.
    const row = from.closest('[data-item-row]')
    const anchor = row?.querySelector<HTMLElement>('[data-kind="score"]')
    index = anchor ? list.indexOf(anchor) : -1
    if (index === -1) return false
    if (direction === -1) return focusField(anchor)
  }
  return focusField(list[index + direction])
}
