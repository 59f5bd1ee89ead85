/**
 * Worker thread module (merge-returns.ts): prepares return packages (return-prepare.ts: opened,
 * authenticated, data file extracted and checked) while the main thread merges the one before.
 * Built as its own entry (electron.vite.config.ts → out/main/return-worker.js).
 */
import { serveCalls } from '../jobs/worker-service'
import { prepareReturn, type PreparedReturn, type ReturnExpectation } from './return-prepare'

/** `ready`: answered once the thread has loaded this module, so the caller knows it can take work. */
export type PrepareCall = { ready: true } | { path: string; expected: ReturnExpectation; sliceFile: string }
/** `failed`: the package's preparation failed for a reason that is not the package's (a full disk…), told apart from the thread dying. */
export type PrepareAnswer = PreparedReturn | 'ready' | { failed: string }

serveCalls<PrepareCall, PrepareAnswer>(async (call) => {
  if ('ready' in call) return 'ready'
  try {
    return await prepareReturn(call.path, call.expected, call.sliceFile)
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) }
  }
})
