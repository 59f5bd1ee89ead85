import { ref } from 'vue'
import { errorMessage, showApiError } from './apiError'

/** Runs an API call; a failure is shown as a toast, not thrown. Resolves to the result, or undefined on failure. */
export async function withApiError<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action()
  } catch (error) {
    showApiError(error)
    return undefined
  }
}

/** `withApiError` with a busy flag (for `:loading` / `:disabled`) that is set while the call runs. */
export function useApiCall() {
  const busy = ref(false)
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    try {
      return await withApiError(action)
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}

/**
 * For calls whose failure shows in place (a load error alert, a message under a form) rather than as a toast:
 * `error` is cleared when a call starts and holds the Chinese message when it fails.
 */
export function useInlineApiCall() {
  const busy = ref(false)
  const error = ref('')
  async function run(action: () => Promise<unknown>): Promise<void> {
    busy.value = true
    error.value = ''
    try {
      await action()
    } catch (failure) {
      error.value = errorMessage(failure)
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
