/**
 * Run as a child process (`node --import tsx tests/helpers/material-import-child.ts <path>`): imports
 * the file or folder as one unit's materials into a fresh core through the API and prints one JSON
 * line — the outcome, files imported, the import's time in ms and the process's peak RSS in MB
 * (worker threads included: they live in this process).
 */
import { existsSync, readFileSync } from 'node:fs'
import { makeTestCore } from './core'

/** This process's own high-water mark (see import-child.ts for why not getrusage). */
function peakRssMb(): number {
  if (existsSync('/proc/self/status')) {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  }
  return process.resourceUsage().maxRSS / 1024
}

const source = process.argv[2]
const t = makeTestCore()
try {
  const meeting = await t.api.meetings.create({ title: '材料导入测试会', date: '2024-12-18' })
  const unit = await t.api.units.create({ meetingId: meeting.id, fields: { name: '办公室', category: '处室' } })
  const start = performance.now()
  let outcome: { ok: boolean; imported?: number; failed?: { name: string; reason: string }[]; message?: string }
  try {
    const report = await t.api.materials.import({ meetingId: meeting.id, unitId: unit.id, sources: [{ type: 'path', path: source }] })
    outcome = { ok: true, imported: report.imported.length, failed: report.failed }
  } catch (error) {
    outcome = { ok: false, message: (error as Error).message }
  }
  const importMs = performance.now() - start
  console.log(JSON.stringify({ ...outcome, importMs, peakRssMb: peakRssMb() }))
} finally {
  t.dispose()
}
