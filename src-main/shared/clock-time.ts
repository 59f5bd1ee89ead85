/**
 * Times of day as clerks type them — 9:00, 09：00, 9点, 9点半, 9时30分, 下午2点, 14.30 — read as
 * "HH:MM". One rule for the meeting form (normalised as the clerk leaves the box) and the contract
 * (the API accepts the same spellings), so what the form shows is what is stored.
 */

/** Full-width digits and colons as typed by a Chinese input method → ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９：．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

const PERIOD_SHIFT: Record<string, number> = { 上午: 0, 早上: 0, 中午: 12, 下午: 12, 晚上: 12 }

/**
 * "HH:MM" for a recognisable time, "" for an empty box, or null when the text is not a time of
 * day (the caller then reports it; nothing is guessed).
 */
export function normalizeClockTime(input: string): string | null {
  const text = toHalfWidth(input).replace(/\s+/g, '')
  if (text === '') return ''
  const m = /^(上午|早上|中午|下午|晚上)?(\d{1,2})(?:[:.点时](?:(\d{1,2})分?|(半))?)?$/.exec(text)
  if (!m) return null
  const [, period, h, min, half] = m
  let hour = Number(h)
  const minute = half ? 30 : min === undefined ? 0 : Number(min)
  if (min !== undefined && min.length === 1 && /[:.]/.test(text)) return null // "9:3" is a typo, not 9:03
  if (period) {
    if (hour > 12) return null
    // 中午12点 is noon; 下午2点 is 14:00; 上午12点 is not a time anyone writes.
    if (hour < 12) hour += PERIOD_SHIFT[period]
    else if (PERIOD_SHIFT[period] === 0) return null
  }
  if (hour > 23 || minute > 59) return null
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

export const CLOCK_TIME_HINT = '时间格式如 09:00、9：00 或 9点30'
