/**
 * Keyboard order of the score form, read at each key press (fields join and leave as the sheet
 * changes). Two orders: Tab walks every field (`data-nav`) in document order; Enter walks the
 * entry stops (`data-enter`): the score boxes, then the bonus and the fields after it — never a
 * 扣分说明, which has its own key (Shift+Enter), so a keyed score can never land in one.
 */
export type FocusOrder = 'tab' | 'enter'

const SELECTOR: Record<FocusOrder, string> = { tab: '[data-nav]', enter: '[data-enter]' }

function navigable(root: HTMLElement, order: FocusOrder): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(SELECTOR[order])].filter(
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

/** Moves focus one step in `order`; false when there is nowhere to go (first or last field). */
export function moveFocus(root: HTMLElement, from: HTMLElement, direction: 1 | -1, order: FocusOrder): boolean {
  const list = navigable(root, order)
  let index = list.indexOf(from)
  if (index === -1) {
    // From a field outside the order (a 扣分说明): continue from its own score box.
    const row = from.closest('[data-item-row]')
    const anchor = row?.querySelector<HTMLElement>('[data-kind="score"]')
    index = anchor ? list.indexOf(anchor) : -1
    if (index === -1) return false
    if (direction === -1) return focusField(anchor)
  }
  return focusField(list[index + direction])
}
