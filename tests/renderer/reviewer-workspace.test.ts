/**
 * The reviewer's workspace logic: what it remembers — the split between materials and sheet (kept
 * within both sides' minimum widths), and per unit the material and page that were open, across a
 * reload (a new PlaceMemory over the same localStorage) and separately for each reviewer —, the
 * unit statuses it counts, and how an annotation note joins the unit comment.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_RATIO, MIN_MATERIALS_PX, MIN_SHEET_PX, PlaceMemory, clampRatio, loadSplit, saveSplit } from '../../src-renderer/src/review/workspaceMemory'
import { ownUnits, statusCounts, unitStatus } from '../../src-renderer/src/review/unitStatus'
import { appendToComment } from '../../src-renderer/src/review/commentAppend'
import { MemoryStorage } from './memory-storage'

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
})
afterEach(() => vi.unstubAllGlobals())

describe('split ratio', () => {
  it('keeps both sides at least their minimum width', () => {
    const width = 1200
    expect(clampRatio(0.05, width)).toBeCloseTo(MIN_MATERIALS_PX / width)
    expect(clampRatio(0.95, width)).toBeCloseTo(1 - MIN_SHEET_PX / width)
    expect(clampRatio(0.5, width)).toBe(0.5)
  })

  it('gives the sheet its room first when the window is too narrow for both', () => {
    const width = MIN_SHEET_PX + 100
    expect(clampRatio(0.5, width)).toBeCloseTo(100 / width)
    expect(clampRatio(0.5, MIN_SHEET_PX - 10)).toBe(0)
  })

  it('survives a reload, and falls back to the default on a damaged or missing value', () => {
    expect(loadSplit()).toEqual({ ratio: DEFAULT_RATIO, collapsed: false, unitsCollapsed: false })
    saveSplit({ ratio: 0.62, collapsed: true, unitsCollapsed: true })
    expect(loadSplit()).toEqual({ ratio: 0.62, collapsed: true, unitsCollapsed: true })
    storage.setItem('onsite.review.split', '{"ratio":7}')
    expect(loadSplit().ratio).toBe(DEFAULT_RATIO)
    storage.setItem('onsite.review.split', 'not json')
    expect(loadSplit()).toEqual({ ratio: DEFAULT_RATIO, collapsed: false, unitsCollapsed: false })
  })

  it('keeps working when the storage is full', () => {
    storage.full = true
    expect(() => saveSplit({ ratio: 0.4, collapsed: false, unitsCollapsed: false })).not.toThrow()
  })
})

describe('material and page per unit', () => {
  it('returns each unit to its own material and page after a reload', () => {
    const before = new PlaceMemory('m1', 'r1')
    before.set('u1', { materialId: 'a', page: 12 })
    before.set('u2', { materialId: 'b', page: 3 })
    before.set('u1', { materialId: 'a', page: 14 })

    const after = new PlaceMemory('m1', 'r1')
    expect(after.get('u1')).toEqual({ materialId: 'a', page: 14 })
    expect(after.get('u2')).toEqual({ materialId: 'b', page: 3 })
    expect(after.get('u3')).toBeNull()
  })

  it('keeps reviewers and meetings apart', () => {
    new PlaceMemory('m1', 'r1').set('u1', { materialId: 'a', page: 5 })
    expect(new PlaceMemory('m1', 'r2').get('u1')).toBeNull()
    expect(new PlaceMemory('m2', 'r1').get('u1')).toBeNull()
  })

  it('keeps the most recent units when there are more than it holds', () => {
    const memory = new PlaceMemory('m1', 'r1')
    for (let i = 0; i < 520; i++) memory.set(`u${i}`, { materialId: 'a', page: i + 1 })
    const after = new PlaceMemory('m1', 'r1')
    expect(after.get('u0')).toBeNull()
    expect(after.get('u519')).toEqual({ materialId: 'a', page: 520 })
  })
})

describe('unit status in the workspace', () => {
  const p = (scored: number, extra: { recused?: boolean; submittedAt?: string } = {}) => ({
    unitId: 'x', scored, itemCount: 3, total: 0, recused: !!extra.recused, submittedAt: extra.submittedAt ?? null,
  })

  it('counts 未评 / 进行中 / 已提交 over the reviewer\'s own units, recused ones absent', () => {
    const units = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }]
    const progress = { a: p(0), b: p(2), c: p(3), d: p(3, { submittedAt: '2024-12-18T03:00:00.000Z' }), e: p(0, { recused: true }) }
    const own = ownUnits(units, progress)
    expect(own.map((u) => u.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(statusCounts(own.map((u) => u.id), progress)).toEqual({ todo: 1, started: 2, submitted: 1 })
    expect(unitStatus(undefined)).toBe('todo')
  })
})

describe('an annotation note copied into the unit comment', () => {
  it('goes on a new line after what is written, once, and only when there is something to add', () => {
    expect(appendToComment('', '  台账记录完整  ')).toBe('台账记录完整')
    expect(appendToComment('制度健全\n\n', '台账记录完整')).toBe('制度健全\n台账记录完整')
    expect(appendToComment('制度健全\n台账记录完整', '台账记录完整')).toBeNull()
    expect(appendToComment('制度健全', '   ')).toBeNull()
  })
})
