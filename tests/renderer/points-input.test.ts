/** What a reviewer types in a score box, read the same way the core will judge it. */
import { describe, expect, it } from 'vitest'
import { normalizePointsText, parsePoints, sumPoints } from '../../src-renderer/src/scoring/pointsInput'

describe('parsePoints', () => {
  it('reads plain, full-width and 。-decimal input from Chinese input methods', () => {
    expect(parsePoints('7.5', 8, 0.5)).toEqual({ ok: true, value: 7.5 })
    expect(parsePoints('７．５', 8, 0.5)).toEqual({ ok: true, value: 7.5 })
    expect(parsePoints('7。5', 8, 0.5)).toEqual({ ok: true, value: 7.5 })
    expect(parsePoints(' 6 ', 8, 1)).toEqual({ ok: true, value: 6 })
    expect(normalizePointsText('１２。３')).toBe('12.3')
  })

  it('treats an empty box as "no score" rather than zero', () => {
    expect(parsePoints('', 8, 0.5)).toEqual({ ok: true, value: null })
    expect(parsePoints('   ', 8, 0.5)).toEqual({ ok: true, value: null })
  })

  it('refuses values above the maximum, off the step, negative or not numbers, with the short message shown by the box', () => {
    expect(parsePoints('9', 8, 0.5)).toEqual({ ok: false, message: '满分 8 分' })
    expect(parsePoints('8.05', 8, 0.1)).toEqual({ ok: false, message: '满分 8 分' })
    expect(parsePoints('7.3', 8, 0.5)).toEqual({ ok: false, message: '按 0.5 分一档' })
    expect(parsePoints('7.25', 8, 0.1)).toEqual({ ok: false, message: '按 0.1 分一档' })
    expect(parsePoints('-1', 8, 1)).toEqual({ ok: false, message: '分值不能为负' })
    expect(parsePoints('七', 8, 1)).toEqual({ ok: false, message: '请输入数字' })
    expect(parsePoints('6', 5, 0.1, '最高')).toEqual({ ok: false, message: '最高 5 分' })
  })

  it('accepts every value on a 0.1 grid up to the maximum (no float surprises like 0.3 or 4.6)', () => {
    for (let tenths = 0; tenths <= 100; tenths++) {
      const text = (tenths / 10).toString()
      expect(parsePoints(text, 10, 0.1), text).toEqual({ ok: true, value: tenths / 10 })
    }
  })
})

describe('sumPoints', () => {
  it('adds in tenths, as the core does, so the live total never shows 0.30000000000000004', () => {
    expect(sumPoints([0.1, 0.2])).toBe(0.3)
    expect(sumPoints([7.5, null, 8.7, 4.6])).toBe(20.8)
  })
})
