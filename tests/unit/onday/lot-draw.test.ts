/** 抽签: the documented algorithm, redone independently, and its properties. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareCodePoints, drawOrder } from '../../../src-main/core/onday/lot-draw'

const NAMES = [
  '市数据资源局数据共享处党支部',
  '市营商环境服务局政务服务中心',
  '市水利保障局河湖管理处党支部',
  '市水利保障局水文监测站',
  '市文旅融合发展局公共服务处党支部',
  '市社会保障服务局社保经办中心',
]
const units = (names: string[]) => names.map((name, i) => ({ id: `u${i}`, name }))

describe('drawOrder', () => {
  it('gives the order the ten-line Python script printed in its doc comment gives (computed with python3)', () => {
    // The expected order was computed by the Python lines quoted in lot-draw.ts, not by this code.
    expect(drawOrder(units(NAMES), '00c0ffee12345678').map((u) => u.name)).toEqual([
      '市社会保障服务局社保经办中心',
      '市水利保障局河湖管理处党支部',
      '市营商环境服务局政务服务中心',
      '市数据资源局数据共享处党支部',
      '市文旅融合发展局公共服务处党支部',
      '市水利保障局水文监测站',
    ])
  })

  it('depends on the seed and the names only: not on the order given, nor on the case of the hex seed', () => {
    const a = drawOrder(units(NAMES), 'ABCDEF0123')
    const b = drawOrder(units([...NAMES].reverse()), 'abcdef0123')
    expect(a.map((u) => u.name)).toEqual(b.map((u) => u.name))
    expect(drawOrder(units(NAMES), 'abcdef0124').map((u) => u.name)).not.toEqual(a.map((u) => u.name))
  })

  it('always returns a permutation of its input, the same twice for the same seed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 40 }), fc.stringMatching(/^[0-9a-f]{8,64}$/), (names, seed) => {
        const input = units(names)
        const once = drawOrder(input, seed)
        expect(once.map((u) => u.id).sort()).toEqual(input.map((u) => u.id).sort())
        expect(drawOrder(input, seed)).toEqual(once)
      }),
      { numRuns: 200 },
    )
  })

  it('puts every unit first about equally often over many seeds (no favoured position)', () => {
    const counts = new Map<string, number>()
    const runs = 3000
    for (let s = 0; s < runs; s++) {
      const first = drawOrder(units(NAMES.slice(0, 3)), s.toString(16).padStart(8, '0'))[0].name
      counts.set(first, (counts.get(first) ?? 0) + 1)
    }
    // Each of 3 units is first with p = 1/3: 1000 ± 5 standard deviations (≈ 26) is never missed by a fair draw.
    for (const n of counts.values()) expect(Math.abs(n - runs / 3)).toBeLessThan(130)
    expect(counts.size).toBe(3)
  })
})

describe('compareCodePoints', () => {
  it('orders by Unicode code points, as Python sorts strings (an astral character after every BMP one)', () => {
    // python3 -c "print(sorted(['乙', '甲', '𠀀', 'Ａ']))"; JavaScript's default sort (UTF-16 units) puts 𠀀 before Ａ.
    expect(['乙', '甲', '𠀀', 'Ａ'].sort(compareCodePoints)).toEqual(['乙', '甲', 'Ａ', '𠀀'])
  })
})
