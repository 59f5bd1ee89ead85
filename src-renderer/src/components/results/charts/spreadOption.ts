/**
 * Each unit's spread of reviewer totals: the box spans the totals that were kept, the whiskers reach
 * the dropped highest/lowest, a dot per reviewer (kept filled, dropped hollow), a tick at 综合得分.
 */
import type { MeetingResults, ReviewerTotal, UnitResult } from '@shared/schemas/results'
import { CHART_FONT, esc, UNIT_AXIS_MARGIN, unitScroll, unitYAxis, type ChartOption } from './echarts'

const counted = (t: ReviewerTotal): t is ReviewerTotal & { total: number } => t.total !== null && !t.recused && !t.incomplete

/** [lowest, lowest kept, final, highest kept, highest] — a five-number box that reads as the rule. */
export function spreadBox(unit: UnitResult): (number | '-')[] {
  const valid = unit.totals.filter(counted)
  if (!valid.length) return ['-', '-', '-', '-', '-']
  const all = valid.map((t) => t.total)
  const kept = valid.filter((t) => !t.dropped).map((t) => t.total)
  const keptMean = kept.reduce((a, b) => a + b, 0) / kept.length
  return [Math.min(...all), Math.min(...kept), unit.finalScore ?? keptMean, Math.max(...kept), Math.max(...all)]
}

function unitTooltip(unit: UnitResult, results: MeetingResults): string {
  const places = results.rules.roundingPlaces
  const rows = unit.totals.map((t, i) => {
    const name = esc(results.reviewers[i]?.name ?? '')
    const value = t.recused ? '回避' : t.incomplete ? '未完成' : `${t.total}${t.dropped === 'high' ? '（去掉的最高分）' : t.dropped === 'low' ? '（去掉的最低分）' : ''}`
    return `${name}：${value}`
  })
  const final = unit.finalScore === null ? '—' : unit.finalScore.toFixed(places)
  return `<b>${esc(unit.unitName)}</b><br/>${rows.join('<br/>')}<br/><b>综合得分：${final}</b>${unit.trimmed ? '' : '（未去高去低）'}`
}

export function spreadOption(results: MeetingResults): ChartOption {
  const units = results.units
  const kept: { value: [number, number]; reviewer: string }[] = []
  const dropped: { value: [number, number]; reviewer: string; which: 'high' | 'low' }[] = []
  const finals: [number, number][] = []
  units.forEach((unit, y) => {
    unit.totals.forEach((t, i) => {
      if (!counted(t)) return
      const reviewer = results.reviewers[i]?.name ?? ''
      if (t.dropped) dropped.push({ value: [t.total, y], reviewer, which: t.dropped })
      else kept.push({ value: [t.total, y], reviewer })
    })
    if (unit.finalScore !== null) finals.push([unit.finalScore, y])
  })
  const places = results.rules.roundingPlaces
  return {
    textStyle: { fontFamily: CHART_FONT },
    animation: units.length <= 60,
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: UNIT_AXIS_MARGIN, right: units.length > 20 ? 40 : 24, top: 36, bottom: 36 },
    tooltip: { trigger: 'item', confine: true },
    xAxis: {
      type: 'value',
      name: '评委总分',
      nameLocation: 'middle',
      nameGap: 24,
      // Not from zero: the spread is what matters. ECharts rounds the ends to its own tick steps.
      scale: true,
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    yAxis: unitYAxis(units),
    dataZoom: unitScroll(units.length),
    series: [
      {
        name: '保留的评分范围',
        type: 'boxplot',
        data: units.map(spreadBox),
        boxWidth: [6, 14],
        itemStyle: { color: '#fde2e2', borderColor: '#e08a8a', borderWidth: 1 },
        tooltip: { formatter: (p) => unitTooltip(units[(p as { dataIndex: number }).dataIndex], results) },
      },
      {
        name: '保留的评分',
        type: 'scatter',
        data: kept,
        symbolSize: 8,
        itemStyle: { color: '#b91c1c' },
        tooltip: { formatter: (p) => pointTip(p, units, '') },
      },
      {
        name: '去掉的最高/最低分',
        type: 'scatter',
        data: dropped,
        symbol: 'emptyCircle',
        symbolSize: 9,
        itemStyle: { color: '#6b7280', borderWidth: 1.5 },
        tooltip: { formatter: (p) => pointTip(p, units, '（去掉，不计入）') },
      },
      {
        name: '综合得分',
        type: 'scatter',
        data: finals,
        symbol: 'rect',
        symbolSize: [3, 20],
        itemStyle: { color: '#111827' },
        z: 5,
        tooltip: {
          formatter: (p) => {
            const { value } = p as unknown as { value: [number, number] }
            return `${esc(units[value[1]].unitName)}<br/>综合得分：<b>${value[0].toFixed(places)}</b>`
          },
        },
      },
    ],
  }
}

function pointTip(p: unknown, units: UnitResult[], suffix: string): string {
  const { data } = p as { data: { value: [number, number]; reviewer: string } }
  return `${esc(units[data.value[1]].unitName)}<br/>${esc(data.reviewer)}：<b>${data.value[0]}</b>${suffix}`
}
