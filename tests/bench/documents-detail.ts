/**
 * How long the documents of a 300-unit × 40-reviewer × 30-item meeting take to build.
 * Goal: the minutes with both attachments (12,000 score sheets) in under 5 s.
 *   npx tsx tests/bench/documents-detail.ts
 * Not a test: timings depend on the machine, so nothing here asserts them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { loadDossier } from '../../src-main/core/services/dossier'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { buildReviewerSheetsDocx } from '../../src-main/core/documents/reviewer-sheet'
import { buildScoreMatrixXlsx } from '../../src-main/core/documents/score-matrix-xlsx'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { createSyntheticMeeting } from './synthetic'

const dir = mkdtempSync(join(tmpdir(), 'onsite-docbench-'))
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
try {
  const db = openDatabase(join(dir, 'bench.sqlite'))
  let t = process.hrtime.bigint()
  const { meeting } = createSyntheticMeeting(db, { units: 300, reviewers: 40, items: 30 })
  console.log(`synthetic meeting created            ${ms(t).toFixed(0)} ms`)

  t = process.hrtime.bigint()
  const dossier = loadDossier(db, meeting.id)
  console.log(`load + compute results (360,000 scores) ${ms(t).toFixed(0)} ms`)

  // Real rubrics carry 评价要点 and reviewers write comments: give the synthetic meeting both.
  for (const c of dossier.rubric.criteria) {
    for (const item of c.items) item.guidance = '对照创建标准逐项检查，台账资料齐全、记录规范、措施具体，工作成效可量化、可检验，群众认可度高。'
  }
  for (const entry of dossier.entries.values()) {
    entry.strengths = '党建与业务融合紧密，品牌特色鲜明'
    entry.suggestions = '进一步总结提炼经验做法'
  }

  // Wall time depends on what else the machine runs; CPU time (this process and its zlib threads) less so.
  for (let run = 1; run <= 3; run++) {
    t = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    const { bytes } = await buildMinutesDocx(dossier)
    const used = process.cpuUsage(cpu)
    console.log(
      `minutes + 附件1 + 附件2 (run ${run})     ${ms(t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${mb(bytes.length)}`,
    )
  }
  t = process.hrtime.bigint()
  const summary = await buildSummaryDocx(dossier)
  console.log(`summary sheet                         ${ms(t).toFixed(0)} ms, ${mb(summary.length)}`)
  t = process.hrtime.bigint()
  const blank = await buildReviewerSheetsDocx(dossier, { blank: true })
  console.log(`blank sheets, all reviewers           ${ms(t).toFixed(0)} ms, ${mb(blank.length)}`)
  // The matrix: streamed by exceljs (goal < 2 s); `tests/bench/score-matrix.bench.ts` sets it beside the old writer.
  for (let run = 1; run <= 3; run++) {
    t = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    const xlsx = await buildScoreMatrixXlsx(dossier)
    const used = process.cpuUsage(cpu)
    console.log(`score matrix .xlsx, 12,000 rows (run ${run}) ${ms(t).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${mb(xlsx.length)}`)
  }
  db.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
