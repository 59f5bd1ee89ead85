/**
 * Reading a score as typed. The same rules the core applies (max, step, 0.1 grid), checked before any
 * save so a wrong value never leaves the box, with the short Chinese message shown next to the field.
 */
import { formatPoints, isOnTenthGrid, toTenths } from '@shared/points'

export type ParsedPoints = { ok: true; value: number | null } | { ok: false; message: string }

/** Chinese input methods often give full-width digits and "。" for the decimal point. */
export function normalizePointsText(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/\s+/g, '')
}

const NUMBER = /^(\d+(\.\d*)?|\.\d+)$/

/** Empty text means "no score" (null). `maxLabel` words the limit: "满分" for items, "最高" for the bonus. */
export function parsePoints(text: string, maxPoints: number, step: number, maxLabel = '满分'): ParsedPoints {
  const normalized = normalizePointsText(text)
  if (normalized === '') return { ok: true, value: null }
  if (normalized.startsWith('-')) return { ok: false, message: '分值不能为负' }
  if (!NUMBER.test(normalized)) return { ok: false, message: '请输入数字' }
  const value = Number(normalized)
  if (toTenths(value) > toTenths(maxPoints) || value > maxPoints + 1e-9) return { ok: false, message: `${maxLabel} ${formatPoints(maxPoints)} 分` }
  if (!isOnTenthGrid(value) || toTenths(value) % toTenths(step) !== 0) return { ok: false, message: `按 ${formatPoints(step)} 分一档` }
  return { ok: true, value }
}

/** Sum in integer tenths, as the core does, so 0.1 + 0.2 shows 0.3. */
export function sumPoints(values: (number | null)[]): number {
  return values.reduce<number>((sum, v) => sum + (v === null ? 0 : toTenths(v)), 0) / 10
}
