/**
 * Small text rules for Chinese documents: full-width quotes, sentences that end properly,
 * opinions merged from several reviewers, titles wrapped like a trapezoid, safe file names.
 */

/** Straight double quotes typed on a keyboard become “ and ” in turn. */
export function chineseQuotes(text: string): string {
  let open = true
  return text.replace(/"/g, () => {
    const q = open ? '“' : '”'
    open = !open
    return q
  })
}

const END_PUNCTUATION = /[。！？!?；;，,、.：:\s]+$/u

/** Text without its closing punctuation, to be joined into a larger sentence. */
export const clause = (text: string): string => text.trim().replace(END_PUNCTUATION, '')

/** A sentence that ends with a full stop (keeps ！ and ？). */
export function sentence(text: string): string {
  const t = text.trim()
  if (!t) return ''
  if (/[。！？]$/u.test(t)) return t
  return `${clause(t)}。`
}

/** Two wordings of one observation count as the same when they differ only in spaces or quote marks. */
const sameKey = (c: string): string => c.replace(/[\s"“”'‘’「」]/gu, '')

/**
 * Several reviewers' comments on one point as one sentence, "甲；乙。": split into sentences first,
 * because reviewers often write the same observation among others. A sentence already said (or said
 * within a longer one) is left out; a longer one takes the place of the shorter it contains.
 * `keep` drops sentences that must not be printed at all.
 */
export function mergeOpinions(texts: string[], keep: (sentence: string) => boolean = () => true): string {
  const parts: { text: string; key: string }[] = []
  for (const raw of texts) {
    for (const line of raw.split(/[。；;！？!?\n]+/u)) {
      const c = clause(line)
      if (!c || !keep(c)) continue
      const key = sameKey(c)
      if (parts.some((p) => p.key.includes(key))) continue
      const shorter = parts.findIndex((p) => key.includes(p.key))
      if (shorter >= 0) {
        parts[shorter] = { text: c, key }
        // A longer sentence may contain several earlier ones: keep its first place, drop the rest.
        for (let i = parts.length - 1; i > shorter; i--) if (key.includes(parts[i].key)) parts.splice(i, 1)
      } else {
        parts.push({ text: c, key })
      }
    }
  }
  return parts.length ? `${parts.map((p) => p.text).join('；')}。` : ''
}

/** "甲、乙、丙" */
export const listNames = (names: string[]): string => names.join('、')

/** Characters of the title font (二号, 22 pt) that fit on one line of the 156 mm text block. */
const TITLE_CHARS_PER_LINE = 20

/**
 * The title as printed lines. An explicit line break wins; otherwise a long title is cut once,
 * after "年度" or "关于…" when possible, so the lines form a trapezoid (GB/T 9704 7.3.1).
 */
export function titleLines(title: string): string[] {
  const explicit = title
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  if (explicit.length > 1) return explicit
  const t = explicit[0] ?? ''
  const length = [...t].length
  if (length <= TITLE_CHARS_PER_LINE) return [t]
  const chars = [...t]
  const preferred = ['年度', '关于', '会议', '评审会']
    .map((word) => t.indexOf(word) + word.length)
    .filter((cut) => cut >= length * 0.3 && cut <= length * 0.6 && cut < chars.length)
  const cut = preferred.length ? preferred[0] : Math.floor(length / 2)
  const first = chars.slice(0, cut).join('')
  const rest = chars.slice(cut).join('')
  return [first, ...titleLines(rest)]
}

/** A file name Windows, macOS and Linux all accept: no path separators, reserved characters or line breaks. */
export function safeFileName(name: string): string {
  const cleaned = chineseQuotes(name)
    .replace(/[\\/:*?"<>|]|\p{Cc}/gu, '')
    .replace(/\s+/g, '')
    .replace(/^\.+/, '')
    .slice(0, 150)
  return cleaned || '导出文件'
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 12 → 十二, 40 → 四十, 105 → 105 (beyond 99 the digits read better). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`
  return String(n)
}
