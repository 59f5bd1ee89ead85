/**
 * Run as a child process (`node --max-old-space-size=300 --import tsx tests/helpers/import-child.ts
 * <file.xlsx>`): imports the file as a unit list into a fresh meeting through the API and prints one
 * JSON line — the outcome, how many units were saved, the import's time in ms and the process's
 * peak RSS in MB.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { makeTestCore } from './core'

/**
 * This process's own peak RSS. getrusage's maxRSS carries the parent's peak across exec on Linux (a
 * child of a 670 MB bench process reports 670 MB), so read the high-water mark of this process's own
 * memory map (VmHWM) where the kernel offers it.
 */
function peakRssMb(): number {
  if (existsSync('/proc/self/status')) {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  }
  return process.resourceUsage().maxRSS / 1024
}

const file = process.argv[2]
const t = makeTestCore()
try {
  const meeting = await t.api.meetings.create({ title: '大文件导入测试会', date: '2024-12-18' })
  let outcome: { ok: boolean; code?: string; message?: string }
  const start = performance.now()
  try {
    const dataBase64 = readFileSync(file).toString('base64')
    await t.api.units.importXlsx({ meetingId: meeting.id, fileName: basename(file), dataBase64, dryRun: process.argv[3] === 'dry' })
    outcome = { ok: true }
  } catch (error) {
    const e = error as { code?: string; message?: string }
    outcome = { ok: false, code: e.code, message: e.message }
  }
  const importMs = performance.now() - start
  const units = (await t.api.units.list({ meetingId: meeting.id })).length
  console.log(JSON.stringify({ ...outcome, units, importMs, peakRssMb: peakRssMb() }))
} finally {
  t.dispose()
}
