/**
 * Reviewer × unit heat map. Colour = how far a reviewer's total is from the other reviewers' mean for
 * that unit (red above, blue below), so a deviation stands out; the label is the total itself.
 */
import type { MeetingResults } from '@shared/schemas/results'
import { CHART_FONT, esc, UNIT_AXIS_MARGIN, unitScroll, unitYAxis, type ChartOption } from './echarts'

export interface HeatCell {
  value: [number, number, number]
  total: number
  flagged: boolean
}

/** Cells with a counted total, and the cells without one (recused / incomplete). */
export function heatCells(results: MeetingResults): { cells: HeatCell[]; gaps: { value: [number, number, number]; name: string }[]; range: number } {
  const flagged = new Set(results.flags.filter((f) => f.kind === 'deviation').map((f) => `${f.unitId}:${f.reviewerId}`))
  const cells: HeatCell[] = []
  const gaps: { value: [number, number, number]; name: string }[] = []
  let range = 0
  results.units.forEach((unit, y) => {
    const valid = unit.totals.filter((t) => t.total !== null && !t.recused && !t.incomplete)
    const sum = valid.reduce((a, t) => a + (t.total ?? 0), 0)
    unit.totals.forEach((t, x) => {
      if (t.recused || t.incomplete || t.total === null) {
        gaps.push({ value: [x, y, 0], name: t.recused ? '回避' : '未完成' })
        return
      }
      const others = valid.length - 1
      const diff = others > 0 ? t.total - (sum - t.total) / others : 0
      range = Math.max(range, Math.abs(diff))
      cells.push({ value: [x, y, Math.round(diff * 10) / 10], total: t.total, flagged: flagged.has(`${unit.unitId}:${results.reviewers[x]?.id}`) })
    })
  })
  return { cells, gaps, range }
}

export function heatmapOption(results: MeetingResults): ChartOption {
  const { cells, gaps, range } = heatCells(results)
  const units = results.units
  // Scaled to the largest gap, but never below 5% of the rubric so tiny gaps stay pale.
  const fullMarks = results.criteria.reduce((sum, c) => sum + c.maxPoints, 0)
  const limit = Math.max(Math.ceil(range), Math.ceil(fullMarks * 0.05), 1)
  const diffWords = (d: number) => (d === 0 ? '与其他评委平均分相同' : `比其他评委平均分${d > 0 ? '高' : '低'} ${Math.abs(d)} 分`)
  return {
    textStyle: { fontFamily: CHART_FONT },
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const { data, seriesIndex } = p as unknown as { data: HeatCell | { value: [number, number, number]; name: string }; seriesIndex: number }
        const unit = units[data.value[1]]
        const reviewer = results.reviewers[data.value[0]]?.name ?? ''
        const head = `${esc(unit.unitName)}<br/>${esc(reviewer)}：`
        if (seriesIndex === 1) return `${head}${(data as { name: string }).name}`
        const cell = data as HeatCell
        return `${head}<b>${cell.total}</b> 分，${diffWords(cell.value[2])}${cell.flagged ? '<br/><b>偏离较大，请评委复核</b>' : ''}`
      },
    },
    grid: { left: UNIT_AXIS_MARGIN, right: units.length > 20 ? 44 : 20, top: 78, bottom: 10 },
    xAxis: {
      type: 'category',
      position: 'top',
      data: results.reviewers.map((r) => (r.role === 'chair' ? `${r.name}（组长）` : r.name)),
      axisLabel: { fontSize: 13, color: '#111827', interval: 0 },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    yAxis: unitYAxis(units),
    dataZoom: unitScroll(units.length),
    visualMap: [
      {
        type: 'continuous',
        seriesIndex: 0,
        dimension: 2,
        min: -limit,
        max: limit,
        orient: 'horizontal',
        left: 'center',
        top: 0,
        itemWidth: 12,
        itemHeight: 220,
        text: ['高于其他评委平均', '低于其他评委平均'],
        textStyle: { fontSize: 12 },
        calculable: false,
        inRange: { color: ['#1d4ed8', '#93c5fd', '#f8fafc', '#fca5a5', '#b91c1c'] },
      },
      // ECharts draws a heatmap only through a visualMap: the recused/incomplete cells get a grey one.
      { type: 'continuous', seriesIndex: 1, dimension: 2, min: 0, max: 1, show: false, inRange: { color: ['#e5e7eb', '#e5e7eb'] } },
    ],
    series: [
      {
        name: '评委总分',
        type: 'heatmap',
        data: cells.map((c) => ({ ...c, itemStyle: c.flagged ? { borderColor: '#111827', borderWidth: 2.5 } : { borderColor: '#fff', borderWidth: 1 } })),
        label: { show: true, fontSize: 12, formatter: (p) => String((p as unknown as { data: HeatCell }).data.total) },
        emphasis: { itemStyle: { borderColor: '#111827', borderWidth: 1 } },
      },
      {
        name: '无有效评分',
        type: 'heatmap',
        data: gaps,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { show: true, fontSize: 12, color: '#6b7280', formatter: (p) => (p as { name: string }).name },
      },
    ],
  }
}
