/**
 * 汇报顺序表: the order drawn by lots, for posting and for the file — title, the meeting, a table
 * 顺序 / 单位名称 (/ 计划时间 when the meeting has a start time and per-unit durations), the seed, draw
 * time and algorithm in one line each (so a 复核人 can redo the draw), and lines for 监督人 and 会务组
 * to sign, in the table's closing row. A4 portrait; the last rows stay on the page of the signatures.
 */
import type { Meeting } from '../../shared/schemas/meeting'
import type { LotDraw } from '../../shared/schemas/onday'
import { LOT_DRAW_RULE } from '../onday/lot-draw'
import { BLANK_DATE, chineseDate, meetingWhen } from './dates'
import { S, TEXT_WIDTH } from './layout'
import { CELL_MARGIN, cell, closingRow, para, row, run, tableStart, textPara } from './ooxml'
import { cellChars, widest } from './summary-columns'
import { buildDocx } from './package'
import { chineseQuotes, titleLines, wrapWords } from './text'

export interface ReportOrderInput {
  meeting: Meeting
  draw: LotDraw
  /** The machine's time zone offset in minutes (Date#getTimezoneOffset), for the printed draw time. */
  timezoneOffset?: number
}

/**
 * Table text 四号 (14 pt), readable on a posted sheet, else 小四 (12 pt), else 五号 (10.5 pt): the
 * largest in which every unit's name fits whole on one line (only a name too long even in 五号 is
 * broken, between words).
 */
const SIZES = [28, 24, 21]
const ROW_LINE = 380
const ROW_HEIGHT = 460
/** Rows kept with the notes and signatures closing the table, so those never open a page alone. */
const ROWS_WITH_SIGNATURES = 2

const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`

/** "9:00—9:13" per position when the meeting has a start time and a time per unit, else null. */
export function plannedTimes(meeting: Meeting, count: number): string[] | null {
  const slot = meeting.reportMinutes + meeting.questionMinutes
  if (!meeting.startTime || slot <= 0) return null
  const [h, m] = meeting.startTime.split(':').map(Number)
  const start = h * 60 + m
  return Array.from({ length: count }, (_, i) => `${hm(start + i * slot)}—${hm(start + (i + 1) * slot)}`)
}

/** "2024年12月18日 8:45" in the given time zone. */
function drawTime(iso: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(iso) - offsetMinutes * 60_000)
  const date = local.toISOString().slice(0, 10)
  return `${chineseDate(date)} ${local.getUTCHours()}:${String(local.getUTCMinutes()).padStart(2, '0')}`
}

function* body(input: ReportOrderInput, sectPr: string): Generator<string> {
  const { meeting, draw } = input
  yield textPara(titleLines(chineseQuotes(`${meeting.title}汇报顺序表`)).join('\n'), { style: S.sheetTitle })
  const when = meetingWhen(meeting.date, meeting.startTime, meeting.endTime)
  yield textPara(`会议时间：${when}`, { style: S.sheetInfo })
  if (meeting.place) yield textPara(`会议地点：${meeting.place}`, { style: S.sheetInfo })

  const times = plannedTimes(meeting, draw.order.length)
  const names = draw.order.map((e) => e.unitName)
  const columns = (size: number) => {
    const seqWidth = widest(['顺序', String(draw.order.length)], size)
    const timeWidth = times ? widest(['计划时间', ...times], size) : 0
    return { size, seqWidth, timeWidth, unitWidth: TEXT_WIDTH - seqWidth - timeWidth }
  }
  const { size, seqWidth, timeWidth, unitWidth } = SIZES.map(columns).find((c) => widest(names, c.size) <= c.unitWidth) ?? columns(SIZES.at(-1)!)
  const widths = times ? [seqWidth, unitWidth, timeWidth] : [seqWidth, unitWidth]
  const unitChars = cellChars(unitWidth, size)
  const text = (t: string, style: string, keepNext = false) => para(run(t, { size }), { style, keepNext, spacing: { line: ROW_LINE } })
  const head = [cell(seqWidth, text('顺序', S.cellHead)), cell(unitWidth, text('单位名称', S.cellHead))]
  if (times) head.push(cell(timeWidth, text('计划时间', S.cellHead)))
  yield tableStart(widths)
  yield row(head, { header: true, minHeight: ROW_HEIGHT })
  const tail = draw.order.length - ROWS_WITH_SIGNATURES
  for (const [i, entry] of draw.order.entries()) {
    const keep = i >= tail
    const cells = [
      cell(seqWidth, text(String(entry.position), S.cell, keep)),
      cell(unitWidth, text(wrapWords(entry.unitName, unitChars).join('\n'), S.cellLeft, keep)),
    ]
    if (times) cells.push(cell(timeWidth, text(times[i], S.cell, keep)))
    yield row(cells, { minHeight: ROW_HEIGHT })
  }

  // Left-aligned: justified, the Latin words of the rule would be spread apart.
  const noteOptions = { style: S.note, indent: { left: 0, firstLine: 0 }, align: 'left' as const, keepLines: true }
  const redraw = draw.seq > 1 ? `（第${draw.seq}次抽签，理由：${draw.reason}）` : ''
  const closing = [
    textPara(`抽签种子：${draw.seed}；抽签时间：${drawTime(draw.drawnAt, input.timezoneOffset ?? 0)}${redraw}`, { ...noteOptions, spacing: { before: 200 } }),
  ]
  if (times) closing.push(textPara(`计划时间按每个单位汇报${meeting.reportMinutes}分钟、提问${meeting.questionMinutes}分钟推算，以现场为准。`, noteOptions))
  closing.push(textPara(`${LOT_DRAW_RULE}。`, noteOptions))
  const blank = run('\u3000'.repeat(7), { underline: true })
  const sign = { style: S.sheetInfo, tabs: [{ pos: Math.floor((TEXT_WIDTH - 2 * CELL_MARGIN) / 2), type: 'left' as const }], keepLines: true }
  closing.push(para([run('监督人（签字）：'), blank, run('\t会务组（签字）：'), blank], { ...sign, spacing: { before: 360, line: 440 } }))
  closing.push(para(run(`\t日期：${BLANK_DATE}`), { ...sign, spacing: { before: 120, line: 440 } }))
  yield closingRow(widths, closing.join(''), sectPr)
}

export async function buildReportOrderDocx(input: ReportOrderInput): Promise<Buffer> {
  return buildDocx({ title: `${chineseQuotes(input.meeting.title)}汇报顺序表` }, [{ kind: 'portrait', mark: '', body: (sectPr) => body(input, sectPr) }])
}
