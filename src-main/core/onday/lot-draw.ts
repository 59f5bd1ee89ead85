/**
 * 抽签: the report order drawn from a seed, by a rule a 复核人 can redo by hand or with a short script
 * from the printed 汇报顺序表 (LOT_DRAW_RULE says it in one line):
 *
 * 1. The input list: the units that take part (withdrawn ones are not drawn), sorted by name in
 *    Unicode code-point order (what Python's `sorted()` does), so it does not depend on the order
 *    the units happened to be in before the draw.
 * 2. Fisher–Yates from the end: for i = n−1 down to 1, j is a uniform number in 0…i and items i and j
 *    are swapped. Each number comes from h = SHA-256 of the UTF-8 text "<seed>-<k>" (seed in lower-case
 *    hex, k = 0, 1, 2… one per attempt over the whole draw), x = the first 8 hex digits of h as an
 *    unsigned integer; x is rejected (k+1, try again) when x ≥ ⌊2³²/(i+1)⌋·(i+1), so no j is favoured
 *    (no modulo bias); otherwise j = x mod (i+1).
 *
 * In Python: `a = sorted(names); k = 0` then for i in range(len(a)-1, 0, -1): loop
 * `x = int(sha256(f"{seed}-{k}".encode()).hexdigest()[:8], 16); k += 1` until
 * `x < 2**32 // (i+1) * (i+1)`, then `j = x % (i+1); a[i], a[j] = a[j], a[i]`.
 */
import { createHash } from 'node:crypto'

/** The algorithm in one line, printed on the 汇报顺序表. */
export const LOT_DRAW_RULE =
  '抽签方法：参加抽签的单位按名称的 Unicode 码位升序排成第 0…n−1 位；对 i = n−1 至 1，依次取 x = SHA-256(“种子-k”) 的前 8 位十六进制数' +
  '（k 自 0 起，每取一次加 1），若 x ≥ ⌊2³²÷(i+1)⌋×(i+1) 则舍弃重取，否则将第 i 位与第 (x mod (i+1)) 位互换（Fisher–Yates 洗牌）'

const RANGE = 2 ** 32

/** Code-point order (not UTF-16 units, not the locale): the same in every language and by hand. */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i]
  return x.length - y.length
}

/** Numbers 0…bound−1 from the seed, without modulo bias; `k` counts every attempt. */
function uniformSource(seed: string): (bound: number) => number {
  let k = 0
  return (bound) => {
    const limit = Math.floor(RANGE / bound) * bound
    for (;;) {
      const x = parseInt(createHash('sha256').update(`${seed}-${k++}`, 'utf8').digest('hex').slice(0, 8), 16)
      if (x < limit) return x % bound
    }
  }
}

/**
 * The drawn order of `items` (each with a unique name) for `seed` (hex; upper and lower case are the
 * same seed). Pure: the same seed and names always give the same order.
 */
export function drawOrder<T extends { name: string }>(items: readonly T[], seed: string): T[] {
  const a = [...items].sort((p, q) => compareCodePoints(p.name, q.name))
  const next = uniformSource(seed.toLowerCase())
  for (let i = a.length - 1; i >= 1; i--) {
    const j = next(i + 1)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}
