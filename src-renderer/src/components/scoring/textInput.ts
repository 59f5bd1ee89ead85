/**
 * Reads an input's text for the autosave, skipping the intermediate events of an input method
 * (pinyin) composition: the committed text arrives with `compositionend`.
 */
export function typedText(event: Event): string | null {
  if (event.type === 'input' && (event as InputEvent).isComposing) return null
  return (event.target as HTMLInputElement | HTMLTextAreaElement).value
}

/** Select-all on focus, so a typed digit replaces the value instead of appending to it. */
export function selectAll(event: FocusEvent): void {
  const el = event.target as HTMLInputElement
  if (el.type === 'text') el.select()
}
