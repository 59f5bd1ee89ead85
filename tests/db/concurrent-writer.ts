/**
 * A second process writing to the same data folder (see two-processes.test.ts): opens its own core,
 * says "ready", waits for "go" on stdin, saves scores for one reviewer round after round, and prints
 * `{ saves, failures }` as JSON. Run with `node --import tsx`.
 */
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import { repoRoot } from '../helpers/core'

const [dataDir, meetingId, reviewerId, targetsJson, roundsText] = process.argv.slice(2)
const targets = JSON.parse(targetsJson) as { unitId: string; itemId: string }[]
const core = createCore({ dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
console.log('ready')
process.stdin.once('data', async () => {
  const failures: string[] = []
  let saves = 0
  for (let round = 0; round < Number(roundsText); round++) {
    for (const { unitId, itemId } of targets) {
      // Alternate 1 and 0 so every save changes the value and adds one history line.
      const result = await core.dispatch('scores.save', { meetingId, reviewerId, unitId, itemId, value: round % 2 === 0 ? 1 : 0 })
      saves++
      if (!result.ok) failures.push(`${result.error.code}: ${result.error.message}`)
    }
  }
  core.close()
  console.log(JSON.stringify({ saves, failures }))
  process.exit(0)
})
