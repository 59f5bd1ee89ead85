import { join } from 'node:path'
import { app } from 'electron'

/** The data folder of the portable build, beside the .exe on the USB stick. */
export const PORTABLE_DATA_FOLDER = '现场评审数据'

/**
 * The portable .exe (electron-builder's `portable` target) unpacks itself into a temporary folder and
 * tells the app where it was started from in PORTABLE_EXECUTABLE_DIR. Its data then lives beside the
 * .exe, so the meeting stays on the stick and nothing is left on a laptop the reviewer may not keep.
 * Must run before the single-instance lock and `ready`: Chromium takes its profile folder at ready.
 */
export function usePortableDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const exeDir = env.PORTABLE_EXECUTABLE_DIR
  if (!exeDir) return undefined
  const dataDir = join(exeDir, PORTABLE_DATA_FOLDER)
  app.setPath('userData', dataDir)
  return dataDir
}
