/**
 * The ECharts pieces the results charts use, registered once (tree-shaken `echarts/core`, so the
 * bundle carries only these). Everything is local: no maps, no remote fonts or images.
 */
import { use, type ComposeOption } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, BoxplotChart, HeatmapChart, ScatterChart } from 'echarts/charts'
import type { BarSeriesOption, BoxplotSeriesOption, HeatmapSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components'
import type { YAXisComponentOption } from 'echarts'
import 'vue-echarts/style.css'

use([CanvasRenderer, BarChart, BoxplotChart, HeatmapChart, ScatterChart, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | BoxplotSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>

/** Same typeface as the page, so Chinese labels match the table (canvas does not inherit CSS). */
export const CHART_FONT = "'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"

/** Rows shown at once on unit-per-row charts; more units scroll with the slider or the wheel. */
export const VISIBLE_ROWS = 20
export const ROW_HEIGHT = 30

/** Height for a chart with one row per unit: all rows when few, a scrolling window when many. */
export function unitChartHeight(unitCount: number, extra = 110): number {
  return Math.min(Math.max(unitCount, 4), VISIBLE_ROWS) * ROW_HEIGHT + extra
}

/** A vertical scroll over the unit axis once there are more units than fit. */
export function unitScroll(unitCount: number): DataZoomComponentOption[] {
  if (unitCount <= VISIBLE_ROWS) return []
  return [
    {
      type: 'slider',
      yAxisIndex: 0,
      startValue: 0,
      endValue: VISIBLE_ROWS - 1,
      right: 6,
      width: 16,
      filterMode: 'none',
      showDetail: false,
      showDataShadow: false,
      zoomLock: true,
      brushSelect: false,
    },
    { type: 'inside', yAxisIndex: 0, startValue: 0, endValue: VISIBLE_ROWS - 1, zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false, filterMode: 'none' },
  ]
}

/** "3. 市水利保障局…" for the unit axis; an unranked unit gets "— " instead of a number. */
export function unitAxisLabel(rank: number | null, name: string): string {
  return rank === null ? `— ${name}` : `${rank}. ${name}`
}

/** The grid's left margin on unit-per-row charts: room for the unit axis labels. */
export const UNIT_AXIS_MARGIN = 250

/** The unit axis down the left of unit-per-row charts: first rank on top, long names cut to the margin. */
export function unitYAxis(units: readonly { rank: number | null; unitName: string }[]): YAXisComponentOption {
  return {
    type: 'category',
    inverse: true,
    data: units.map((u) => unitAxisLabel(u.rank, u.unitName)),
    axisLabel: { width: UNIT_AXIS_MARGIN - 14, overflow: 'truncate', fontSize: 12, color: '#374151' },
    axisTick: { show: false },
  }
}

/** Escapes text placed into tooltip HTML (unit and reviewer names are user input). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}
