/**
 * Dates and times as Chinese official documents write them: 2024年12月18日, 上午9:00 — never
 * a leading zero (GB/T 9704-2012 7.3.5).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2024-12-18" → "2024年12月18日". */
export function chineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso)
  if (!m) throw new Error(`not an ISO date: ${iso}`)
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/** Where a hand-written date goes on a blank sheet. */
export const BLANK_DATE = '　　　　年　　月　　日'

/** "09:05" → "9:05", "14:30" → "2:30": the period (上午/下午…) is written before it. */
export function clockTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number)
  return `${h > 12 ? h - 12 : h}:${String(m).padStart(2, '0')}`
}

function period(hhmm: string): string {
  const hour = Number(hhmm.split(':')[0])
  if (hour < 12) return '上午'
  if (hour < 13) return '中午'
  if (hour < 18) return '下午'
  return '晚上'
}

/**
 * When the meeting took place, for the opening paragraph: "2024年12月18日上午9:00至12:30",
 * "2025年3月7日上午9:00至下午2:00", or just the date when no time was entered.
 */
export function meetingWhen(date: string, startTime: string, endTime: string): string {
  const day = chineseDate(date)
  if (!startTime) return day
  const start = `${day}${period(startTime)}${clockTime(startTime)}`
  if (!endTime) return start
  const endPeriod = period(endTime)
  const prefix = endPeriod !== period(startTime) && endPeriod !== '中午' ? endPeriod : ''
  return `${start}至${prefix}${clockTime(endTime)}`
}
