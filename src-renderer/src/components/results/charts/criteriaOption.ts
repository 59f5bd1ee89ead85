/**
 * Per first-level criterion: the selected unit against the average of all units, as a share of the
 * criterion's maximum (criteria have different maxima, so raw points would not compare).
 */
import type { MeetingResults } from '@shared/schemas/results'
import { CHART_FONT, esc, type ChartOption } from './echarts'

/** Mean of each criterion over the units that have a value for it (null when none has). */
export function criterionAverages(results: MeetingResults): (number | null)[] {
  return results.criteria.map((_, i) => {
    const values = results.units.map((u) => u.criterionMeans[i]).filter((v): v is number => v !== null && v !== undefined)
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
  })
}

const share = (points: number | null | undefined, max: number) => (points === null || points === undefined || max <= 0 ? null : Math.round((points / max) * 1000) / 10)

export function criteriaOption(results: MeetingResults, unitId: string | null): ChartOption {
  const unit = results.units.find((u) => u.unitId === unitId) ?? null
  const averages = criterionAverages(results)
  const places = results.rules.roundingPlaces
  const names = results.criteria.map((c) => c.name)
  const pointsText = (points: number | null | undefined, max: number) =>
    points === null || points === undefined ? '—' : `${points.toFixed(places)} / ${max} 分（${share(points, max)}%）`
  const series: ChartOption['series'] = [
    {
      name: '全部单位平均',
      type: 'bar',
      data: results.criteria.map((c, i) => share(averages[i], c.maxPoints)),
      itemStyle: { color: '#9ca3af' },
      label: { show: true, position: 'top', formatter: '{c}%', fontSize: 12, color: '#4b5563' },
      barMaxWidth: 46,
    },
  ]
  if (unit) {
    series.unshift({
      name: unit.unitName,
      type: 'bar',
      data: results.criteria.map((c, i) => share(unit.criterionMeans[i], c.maxPoints)),
      itemStyle: { color: '#b91c1c' },
      label: { show: true, position: 'top', formatter: '{c}%', fontSize: 12, color: '#7f1d1d' },
      barMaxWidth: 46,
    })
  }
  return {
    textStyle: { fontFamily: CHART_FONT },
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 56, right: 20, top: 44, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (p) => {
        const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0
        const c = results.criteria[i]
        const lines = [`<b>${esc(c.name)}</b>（满分 ${c.maxPoints} 分）`]
        if (unit) lines.push(`${esc(unit.unitName)}：${pointsText(unit.criterionMeans[i], c.maxPoints)}`)
        lines.push(`全部单位平均：${pointsText(averages[i], c.maxPoints)}`)
        return lines.join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, fontSize: 13, color: '#111827', width: 130, overflow: 'break' },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', name: '得分率（%）', min: 0, max: 100, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series,
  }
}
