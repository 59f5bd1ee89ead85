import { ref, watch, type WatchSource } from 'vue'
import type { FieldErrors } from './formErrors'

type CheckResult<T> = { ok: true; data: T; errors: FieldErrors } | { ok: false; errors: FieldErrors }

/**
 * Form validation that stays quiet until the first submit; after that the errors follow the typing,
 * so a fixed field clears at once. `check` is usually `checkForm(schema, draft)` plus the form's own rules.
 */
export function useLiveValidation<T>(source: WatchSource, check: () => CheckResult<T>) {
  const errors = ref<FieldErrors>({})
  let checked = false

  function validate(): T | null {
    checked = true
    const result = check()
    errors.value = result.errors
    return result.ok ? result.data : null
  }
  watch(source, () => checked && validate(), { deep: true })

  /** Back to quiet, e.g. when a dialog opens again. */
  function reset(): void {
    checked = false
    errors.value = {}
  }
  return { errors, validate, reset }
}
