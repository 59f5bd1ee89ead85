/**
 * Run as a child process by tests/bench/packages.bench.ts (bundled, like material-import-child.ts):
 *   write <dataDir> <meetingId> <folder>  — every reviewer's distribution package of that meeting
 *   open <zip>                           — opens one package in a fresh data folder (a laptop)
 * Prints one JSON line: the work's time in ms and the process's peak RSS in MB.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import type { JobContext } from '../../src-main/core/jobs/job-runner'
import { writeDistributionPackages } from '../../src-main/core/packages/distribution'
import { openDistributionPackage } from '../../src-main/core/packages/open-distribution'
import { makeTestCore } from './core'

function peakRssMb(): number {
  if (existsSync('/proc/self/status')) {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  }
  return process.resourceUsage().maxRSS / 1024
}

const job: JobContext = { signal: new AbortController().signal, progress: () => undefined }
const [mode, ...args] = process.argv.slice(2)
if (mode === 'write') {
  const [dataDir, meetingId, folder] = args
  const core = createCore({ dataDir, resourcesDir: join(dataDir, 'none'), appVersion: 'bench' })
  const start = performance.now()
  const written = await writeDistributionPackages(core.context, meetingId, folder, job)
  const ms = performance.now() - start
  core.close()
  console.log(JSON.stringify({ ms, peakRssMb: peakRssMb(), files: written.map((w) => w.fileName) }))
} else {
  const t = makeTestCore()
  const start = performance.now()
  await openDistributionPackage(t.core.context, args[0], job)
  const ms = performance.now() - start
  t.dispose()
  console.log(JSON.stringify({ ms, peakRssMb: peakRssMb() }))
}
