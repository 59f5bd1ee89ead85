/**
 * Run as a child process (`node --max-old-space-size=300 --import tsx tests/helpers/import-child.ts
 * <file.xlsx>`): imports the file as a unit list into a fresh meeting through the API and prints one
 * JSON line — the outcome, how many units were saved, the import's time in ms and the process's
 * peak RSS in MB.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { makeTestCore } from './core'

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
  console.log(JSON.stringify({ ...outcome, units, importMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
} finally {
  t.dispose()
}
