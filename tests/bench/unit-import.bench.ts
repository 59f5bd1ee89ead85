/**
 * Hostile unit-list workbooks, each imported in its own child process (as the bridge or the main
 * process would receive it): peak RSS and time, against a one-unit list read the same way in the
 * same run. Goal: peak RSS < 300 MB for the worst file under the upload cap.
 *   - 4,000,000 one-cell rows, 19 MB: the file that once took the heap to 4.4 GB (refused from the zip directory);
 *   - 800,000 rows of empty cells, a 30 MB sheet just under the 32 MB part limit: parsed to the end, nothing kept.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeTallXlsx } from '../helpers/big-xlsx'
import { repoRoot } from '../helpers/core'
import { makeUnitListXlsx } from '../helpers/xlsx'
import type { BenchResult } from './report'

interface ChildResult {
  ok: boolean
  message?: string
  importMs: number
  peakRssMb: number
}

/** Imports `file` in a fresh Node process with the same heap cap as the test. */
function importInChild(file: string): ChildResult {
  const stdout = execFileSync(process.execPath, ['--max-old-space-size=300', '--import', 'tsx', 'tests/helpers/import-child.ts', file], { cwd: repoRoot, encoding: 'utf8' })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult
}

export async function benchUnitImport(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-xlsx-'))
  try {
    const small = join(dir, 'small.xlsx')
    writeFileSync(small, await makeUnitListXlsx([{ 单位名称: '市统计服务局综合处党支部', 类别: '处室' }]))
    const tall = join(dir, 'tall.xlsx')
    await writeTallXlsx(tall, 4_000_000)
    const empty = join(dir, 'empty-cells.xlsx')
    await writeTallXlsx(empty, 800_000, { emptyCells: true })
    const base = importInChild(small)
    const results: BenchResult[] = []
    for (const [label, file] of [
      ['4,000,000-row workbook (19 MB)', tall],
      ['800,000 rows of empty cells (30 MB sheet)', empty],
    ] as const) {
      const r = importInChild(file)
      if (r.ok) throw new Error(`${label} was imported; it must be refused`)
      results.push(
        { name: `unit import, peak RSS: ${label}`, value: r.peakRssMb, unit: 'MB', baselineName: 'one-unit list', baseline: base.peakRssMb, goal: '< 300 MB', met: r.peakRssMb < 300 },
        { name: `unit import, time to refuse: ${label}`, value: r.importMs, unit: 'ms', baselineName: 'one-unit list', baseline: base.importMs, goal: 'refused, not crashed', met: true },
      )
    }
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
