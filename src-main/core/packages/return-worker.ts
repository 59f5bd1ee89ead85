/**
 * Worker thread module (merge-returns.ts): prepares return packages (return-prepare.ts: opened,
 * authenticated, data file extracted and checked) while the main thread merges the one before.
 * Built as its own entry (electron.vite.config.ts → out/main/return-worker.js).
 */
import { serveCalls } from '../jobs/worker-service'
import { prepareReturn, type PreparedReturn, type ReturnExpectation } from './return-prepare'

/** `ready`: answered once the thread has loaded this module, so the caller knows it can take work. */
export type PrepareCall = { ready: true } | { path: string; expected: ReturnExpectation; sliceFile: string }

serveCalls<PrepareCall, PreparedReturn | 'ready'>((call) => ('ready' in call ? 'ready' : prepareReturn(call.path, call.expected, call.sliceFile)))
