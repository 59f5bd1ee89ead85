import type { Directive } from 'vue'

/**
 * `v-aria-required` on a wrapper: marks the field inside as required for screen readers, for controls
 * that do not pass attributes to their input (ElDatePicker gives them to its popup; it also renders late,
 * being loaded on first use, hence the observer).
 */
export const vAriaRequired: Directive<HTMLElement> = {
  mounted(el) {
    const mark = () => el.querySelectorAll('input:not([aria-required]), textarea:not([aria-required])').forEach((f) => f.setAttribute('aria-required', 'true'))
    mark()
    const observer = new MutationObserver(mark)
    observer.observe(el, { childList: true, subtree: true })
    ;(el as HTMLElement & { _ariaRequired?: MutationObserver })._ariaRequired = observer
  },
  unmounted(el) {
    ;(el as HTMLElement & { _ariaRequired?: MutationObserver })._ariaRequired?.disconnect()
  },
}
