/**
 * Small text rules for Chinese documents: full-width quotes, sentences that end properly,
 * opinions merged from several reviewers, titles wrapped like a trapezoid, safe file names.
 */
import { avoidReservedName } from '../../shared/file-names'

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
 * The title as printed lines. An explicit line break wins; otherwise a long title is broken between
 * words into as few, as even lines as possible, so they form a trapezoid (GB/T 9704 7.3.1).
 */
export function titleLines(title: string): string[] {
  const explicit = title
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  if (explicit.length > 1) return explicit
  return wrapWords(explicit[0] ?? '', TITLE_CHARS_PER_LINE)
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const OPENING = '“‘「『《〈（【〔(['
const CLOSING = '”’」』》〉）】〕)]'
const NO_LINE_START = `${CLOSING}，。、；：！？,.;:!?…—·`
const isDigit = (c: string) => /[0-9０-９.．%％]/.test(c)
/** Last characters of the parts of an organisation's name (市数据资源局|数据共享处|党支部): a line never starts with one, and best starts after one. */
const NAME_PART_END = '局处科队站室部委厅院所办心司校馆'

/** Where a line may begin: between words, never inside quotes or brackets, a number, or before closing punctuation. */
function lineStarts(chars: string[]): Set<number> {
  const starts = new Set<number>()
  // A name part's last character standing alone as a word (资源|局) belongs to the line before; 科技 does not.
  const alone = new Set<number>()
  let at = 0
  for (const { segment } of segmenter.segment(chars.join(''))) {
    const length = [...segment].length
    if (at > 0) starts.add(at)
    if (length === 1) alone.add(at)
    at += length
  }
  let depth = 0
  for (let i = 0; i < chars.length; i++) {
    if (depth > 0 && i > 0) starts.delete(i)
    if (NO_LINE_START.includes(chars[i]) || (NAME_PART_END.includes(chars[i]) && alone.has(i))) starts.delete(i)
    if (i > 0 && (OPENING.includes(chars[i - 1]) || (isDigit(chars[i]) && isDigit(chars[i - 1])))) starts.delete(i)
    if (OPENING.includes(chars[i])) depth++
    else if (CLOSING.includes(chars[i]) && depth > 0) depth--
  }
  return starts
}

/** Punctuation printed one em wide: the runs' eastAsia hint puts it in the Chinese font. */
const FULL_WIDTH_PUNCTUATION = '“”‘’—…·'
/** A character's width in half-ems: Chinese characters (and the punctuation above) one em, Latin letters and digits half. */
export const charHalfEms = (ch: string): number => (ch.codePointAt(0)! < 0x2e80 && !FULL_WIDTH_PUNCTUATION.includes(ch) ? 1 : 2)
const LATIN_WORD = /[0-9A-Za-z]/
const HAN = /\p{Script=Han}/u

/**
 * Width in half-ems of chars[from, to). Word and LibreOffice put a quarter em between a Chinese
 * character and a Latin letter or digit (周明远 12): counted, or a line of such names measured as
 * fitting wraps.
 */
function widthOf(chars: string[], from: number, to: number): number {
  let w = 0
  for (let i = from; i < to; i++) {
    w += charHalfEms(chars[i])
    if (i > from) {
      const [a, b] = [chars[i - 1], chars[i]]
      if ((HAN.test(a) && LATIN_WORD.test(b)) || (LATIN_WORD.test(a) && HAN.test(b))) w += 0.5
    }
  }
  return w
}

/** A text's width in half-ems (see `widthOf`). */
export const textHalfEms = (text: string): number => {
  const chars = [...text]
  return widthOf(chars, 0, chars.length)
}

/** Width for line breaking: without the quarter ems, which the callers' limits leave room for (a 4-character column holds （25分）). */
const halfEms = (chars: string[], from: number, to: number) => {
  let w = 0
  for (let i = from; i < to; i++) w += charHalfEms(chars[i])
  return w
}

/**
 * Text broken between words into lines of at most `maxChars` Chinese characters: as few lines as
 * possible, then the longest as short as possible. A word longer than a line is cut where it must be.
 */
export function wrapWords(text: string, maxChars: number): string[] {
  const chars = [...text.trim()]
  const limit = 2 * maxChars
  if (halfEms(chars, 0, chars.length) <= limit) return [chars.join('')]
  const allowed = lineStarts(chars)
  const n = chars.length
  // Lines are chosen by, in order: fewest cuts inside a word (a last resort), fewest lines, fewest
  // breaks not right after a part of a name, the shortest longest line, the most even lines (least
  // sum of squared widths). best[i] ends a line at i.
  type Cost = { forced: number; lines: number; weak: number; longest: number; squares: number; from: number }
  const key = (c: Cost) => [c.forced, c.lines, c.weak, c.longest, c.squares]
  const better = (a: Cost, b: Cost | null) => {
    if (!b) return true
    const [x, y] = [key(a), key(b)]
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] < y[k]
    return false
  }
  const best: (Cost | null)[] = Array(n + 1).fill(null)
  best[0] = { forced: 0, lines: 0, weak: 0, longest: 0, squares: 0, from: -1 }
  for (let i = 1; i <= n; i++) {
    const inside = i < n && !allowed.has(i)
    if (inside && NO_LINE_START.includes(chars[i])) continue
    for (let j = i - 1; j >= 0; j--) {
      const width = halfEms(chars, j, i)
      if (width > limit) break
      const prev = best[j]
      if (!prev) continue
      const candidate: Cost = {
        forced: prev.forced + (inside ? 1 : 0),
        lines: prev.lines + 1,
        weak: prev.weak + (i < n && !NAME_PART_END.includes(chars[i - 1]) ? 1 : 0),
        longest: Math.max(prev.longest, width),
        squares: prev.squares + width * width,
        from: j,
      }
      if (better(candidate, best[i])) best[i] = candidate
    }
  }
  const lines: string[] = []
  for (let i = n; i > 0; i = best[i]!.from) lines.unshift(chars.slice(best[i]!.from, i).join(''))
  return lines
}

/** A file name Windows, macOS and Linux all accept: no path separators, reserved characters, line breaks or device names. */
export function safeFileName(name: string): string {
  const cleaned = chineseQuotes(name)
    .replace(/[\\/:*?"<>|]|\p{Cc}/gu, '')
    .replace(/\s+/g, '')
    .replace(/^\.+/, '')
    .slice(0, 150)
  return cleaned ? avoidReservedName(cleaned) : '导出文件'
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 12 → 十二, 40 → 四十, 105 → 105 (beyond 99 the digits read better). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`
  return String(n)
}
