/** "2024-12-18" → "2024年12月18日" (official style: no leading zeros). */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/** "9:00–12:30", "9:00 起" or "" from HH:MM strings. */
export function formatTimeRange(start: string, end: string): string {
  const short = (t: string) => t.replace(/^0(\d)/, '$1')
  if (start && end) return `${short(start)}–${short(end)}`
  if (start) return `${short(start)} 起`
  return ''
}

/** An ISO timestamp as local "12月18日 10:40" (timestamps are stored in UTC). */
export function formatLocalDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
