/**
 * The child of kill-during-save.test.ts: opens its own core on the data folder, then saves scores
 * in a loop and prints `ack <k>` (synchronously, straight to fd 1) after each save the core
 * acknowledged. Write k carries `#k` as its deduction reason, so the parent finds it in the history;
 * each write changes the cell's value (an unchanged value adds no history entry), whatever earlier
 * writes the kills cut off.
 * Run with `node --import tsx`; the parent kills it with SIGKILL at a random moment.
 */
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import { repoRoot } from '../helpers/core'

const [dataDir, meetingId, reviewerId, targetsJson, startText] = process.argv.slice(2)
const targets = JSON.parse(targetsJson) as { unitId: string; itemId: string; values: number[] }[]
const core = createCore({ dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
writeSync(1, 'ready\n')
for (let k = Number(startText); ; k++) {
  const target = targets[k % targets.length]
  const sheet = await core.dispatch('scoring.sheet', { meetingId, reviewerId, unitId: target.unitId })
  const current = sheet.ok ? (sheet.data as { scores: { itemId: string; value: number }[] }).scores.find((s) => s.itemId === target.itemId)?.value : undefined
  const value = target.values.find((v) => v !== current)!
  const result = await core.dispatch('scores.save', { meetingId, reviewerId, unitId: target.unitId, itemId: target.itemId, value, deductionReason: `#${k}` })
  if (!result.ok) {
    writeSync(1, `error ${result.error.code} ${result.error.message}\n`)
    process.exit(1)
  }
  writeSync(1, `ack ${k}\n`)
}
