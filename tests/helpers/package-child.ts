/**
 * Run as a child process by tests/bench/packages.bench.ts (bundled, like material-import-child.ts):
 *   write <dataDir> <meetingId> <folder>  — every reviewer's distribution package of that meeting
 *   open <zip>                           — opens one package in a fresh data folder (a laptop)
 *   merge <dataDir> <meetingId> <list>   — merges the return packages listed (a JSON file of paths) in one job
 *   merge-one-by-one <dataDir> <meetingId> <list> — the same, one mergeReturnPackage call each
 * Prints one JSON line: the work's time in ms and the process's peak RSS in MB (a merge: also how many
 * packages were merged and how many scores the meeting then holds).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import type { JobContext } from '../../src-main/core/jobs/job-runner'
import { writeDistributionPackages } from '../../src-main/core/packages/distribution'
import { mergeReturnPackage } from '../../src-main/core/packages/merge-return'
import { mergeReturnPackages } from '../../src-main/core/packages/merge-returns'
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
} else if (mode === 'merge' || mode === 'merge-one-by-one') {
  const [dataDir, meetingId, list] = args
  const paths = JSON.parse(readFileSync(list, 'utf8')) as string[]
  const core = createCore({ dataDir, resourcesDir: join(dataDir, 'none'), appVersion: 'bench' })
  const start = performance.now()
  let merged = 0
  if (mode === 'merge') merged = (await mergeReturnPackages(core.context, meetingId, paths, job)).filter((o) => o.kind === 'report' && o.report.status === 'merged').length
  else for (const path of paths) if ((await mergeReturnPackage(core.context, meetingId, path)).status === 'merged') merged++
  const ms = performance.now() - start
  const scores = core.context.db.prepare('SELECT count(*) FROM scores').pluck().get() as number
  core.close()
  console.log(JSON.stringify({ ms, peakRssMb: peakRssMb(), merged, scores }))
} else {
  const t = makeTestCore()
  const start = performance.now()
  await openDistributionPackage(t.core.context, args[0], job)
  const ms = performance.now() - start
  t.dispose()
  console.log(JSON.stringify({ ms, peakRssMb: peakRssMb() }))
}
