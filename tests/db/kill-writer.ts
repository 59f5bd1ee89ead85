/**
 * The child of kill-during-save.test.ts: opens its own core on the data folder, then saves scores
 * in a loop and prints `ack <k>` (synchronously, straight to fd 1) after each save the core
 * acknowledged. Write k carries `#k` as its deduction reason, so the parent finds it in the history.
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
  const value = target.values[Math.floor(k / targets.length) % target.values.length]
  const result = await core.dispatch('scores.save', { meetingId, reviewerId, unitId: target.unitId, itemId: target.itemId, value, deductionReason: `#${k}` })
  if (!result.ok) {
    writeSync(1, `error ${result.error.code} ${result.error.message}\n`)
    process.exit(1)
  }
  writeSync(1, `ack ${k}\n`)
}
