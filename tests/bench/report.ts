/** One line of the benchmark report: our figure, the baseline measured in the same run, and the goal. */
export interface BenchResult {
  name: string
  value: number
  unit: 'ms' | 'MB'
  baselineName: string
  baseline: number
  goal: string
  met: boolean
}

export function printReport(results: BenchResult[]): void {
  console.log('\n基准测试 / Benchmarks')
  for (const r of results) {
    const ratio = r.baseline > 0 ? r.value / r.baseline : NaN
    console.log(
      `- ${r.name}: ${r.value.toFixed(2)} ${r.unit} | baseline (${r.baselineName}): ${r.baseline.toFixed(2)} ${r.unit} | ratio ${ratio.toFixed(2)}× | goal ${r.goal} ${r.met ? '✓' : '✗ NOT MET'}`,
    )
  }
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
