/**
 * Generates `resources/demo/demo-meeting.json`, the demo meeting the app opens from its home page.
 * Run: `npx tsx scripts/make-demo.ts` (add `--check` to verify the committed file is up to date).
 * Deterministic; fails unless the generated data shows every special situation of DOMAIN.md §6.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DemoFile } from '../src-main/core/services/demo/demo-file'
import { buildDemo } from './demo/build-rows'
import { checkSituations } from './demo/check-situations'

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo', 'demo-meeting.json')

const demo = DemoFile.parse(buildDemo())
const summary = checkSituations(demo)
const text = `${JSON.stringify(demo, null, 1)}\n`

if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8')
  if (current !== text) {
    console.error('resources/demo/demo-meeting.json 与生成结果不一致，请运行 npx tsx scripts/make-demo.ts')
    process.exit(1)
  }
  console.log('demo-meeting.json 是最新的')
} else {
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, text)
  console.log(`已写入 ${target}（${demo.scores.length} 条评分，${demo.reviews.length} 份评审意见）`)
}
console.log(summary.join('\n'))
