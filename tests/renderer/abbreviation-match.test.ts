import { describe, expect, it } from 'vitest'
import { abbreviationRank, filterByAbbreviation } from '../../src-renderer/src/composables/abbreviationMatch'

describe('searching units as clerks abbreviate them', () => {
  it('finds a department by its usual abbreviation', () => {
    expect(abbreviationRank('市人力资源和社会保障局', '人社')).toBe(1)
    expect(abbreviationRank('市人力资源和社会保障局', '人社局')).toBe(1)
    expect(abbreviationRank('市数据资源局', '数据局')).toBe(1)
  })

  it('does not match characters out of order or missing', () => {
    expect(abbreviationRank('市人力资源和社会保障局', '社人')).toBeNull()
    expect(abbreviationRank('市人力资源和社会保障局', '人社厅')).toBeNull()
  })

  it('lists plain containment first, then abbreviations, by unit name or department', () => {
    const units = [
      { name: '市就业服务中心', department: '市人力资源和社会保障局' },
      { name: '市社保经办中心', department: '市社会保障服务局' },
      { name: '市人社局办公室党支部', department: '' },
      { name: '市水利保障局水文监测站', department: '市水利保障局' },
    ]
    const found = filterByAbbreviation(units, '人社', (u) => [u.name, u.department]).map((u) => u.name)
    expect(found).toEqual(['市人社局办公室党支部', '市就业服务中心'])
    expect(filterByAbbreviation(units, '', (u) => [u.name])).toHaveLength(4)
  })
})
