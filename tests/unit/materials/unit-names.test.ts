/** Batch folders matched to units by name: what an organizer's folder names look like in practice. */
import { describe, expect, it } from 'vitest'
import { matchUnit, normalizeUnitName } from '../../../src-main/core/materials/unit-names'

const units = [
  { id: 'office', name: '办公室' },
  { id: 'party-office', name: '机关党委办公室党支部' },
  { id: 'stats', name: '市统计服务局综合处党支部' },
  { id: 'water', name: '市水利保障局水文监测站' },
  { id: 'data-a', name: '数据处' },
  { id: 'data-b', name: '数据处党支部' },
  { id: 'it-1', name: '信息中心第一党支部' },
  { id: 'it-2', name: '信息中心第二党支部' },
]

describe('matching a folder name to a unit', () => {
  it.each([
    ['办公室', 'office'],
    ['  办公室 ', 'office'],
    ['办公室党支部', 'office'],
    ['办 公 室', 'office'],
    ['机关党委办公室', 'party-office'],
    ['机关党委办公室党支部', 'party-office'],
    ['市统计服务局综合处', 'stats'],
    ['市水利保障局水文监测站', 'water'],
    // Full-width letters, digits and spaces (typed with a Chinese IME) are the same name.
    ['市水利保障局水文监测站\u3000', 'water'],
    // Both 数据处 and 数据处党支部 are units: the exact name decides.
    ['数据处', 'data-a'],
    ['数据处党支部', 'data-b'],
    ['信息中心第一党支部', 'it-1'],
  ])('%s → %s', (folder, id) => {
    expect(matchUnit(folder, units)?.id).toBe(id)
  })

  it.each([
    ['人事处', 'no unit has that name'],
    ['信息中心', '第一党支部 and 第二党支部 are different units, neither is 信息中心'],
    ['党支部', 'a suffix alone is not a name'],
    ['办公', 'no partial matches'],
  ])('%s → none (%s)', (folder) => {
    expect(matchUnit(folder, units)).toBeNull()
  })

  it('normalises full-width to half-width and drops every space', () => {
    expect(normalizeUnitName(' ＡＢＣ　１２３ 党支部 ')).toBe('ABC123党支部')
  })

  it('two units whose names differ only by the suffix and a folder without it: ambiguous only when neither matches exactly', () => {
    const pair = [{ id: 'a', name: '财务处党支部' }, { id: 'b', name: '财务处党总支' }]
    expect(matchUnit('财务处', pair)).toBeNull()
    expect(matchUnit('财务处党总支', pair)?.id).toBe('b')
  })
})
