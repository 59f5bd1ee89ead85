/**
 * The Range header as pdf.js and Chromium send it, against RFC 9110 §14: what both /material/<id>
 * and material://m/<id> answer.
 */
import { describe, expect, it } from 'vitest'
import { parseByteRange } from '../../../src-main/shared/byte-range'

describe('parseByteRange', () => {
  it('serves the whole file without a header, or for one it does not take (multi-range, other units, garbage)', () => {
    for (const header of [undefined, null, '', 'bytes=', 'bytes=-', 'bytes=0-1,4-5', 'items=0-5', 'bytes=a-b', 'bytes 0-5']) {
      expect(parseByteRange(header, 100), String(header)).toEqual({ kind: 'whole' })
    }
  })

  it('takes first-last, first- and -suffix, clamped to the file', () => {
    expect(parseByteRange('bytes=0-0', 100)).toEqual({ kind: 'partial', start: 0, end: 0 })
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 })
    expect(parseByteRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=90-1000', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 })
    expect(parseByteRange('bytes=-1000', 100)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(parseByteRange(' bytes=1-2 ', 100)).toEqual({ kind: 'partial', start: 1, end: 2 })
  })

  it('answers unsatisfiable (416) only when the range lies wholly outside the file', () => {
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=100-200', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseByteRange('bytes=99999999999999999999-', 100)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores an invalid range whose last byte comes before its first (RFC 9110 §14.1.1), serving the whole file', () => {
    expect(parseByteRange('bytes=5-2', 100)).toEqual({ kind: 'whole' })
  })
})
