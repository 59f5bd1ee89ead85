/** The import dialogs tell a cancelled import (nothing imported) from a failed one. */
import { describe, expect, it } from 'vitest'
import { ApiCallError } from '../../src-main/shared/client'
import { endedByCancel } from '../../src-renderer/src/components/materials/jobProgress'

describe('endedByCancel', () => {
  it('is a cancel when the core answers CANCELLED, even if the cancel came from another window', () => {
    const answer = new ApiCallError({ code: 'CANCELLED', message: '已取消导入，未导入任何文件' })
    expect(endedByCancel(answer, false)).toBe(true)
    expect(endedByCancel(answer, true)).toBe(true)
  })

  it('is a failure for any other error, unless this window asked to cancel', () => {
    const busy = new ApiCallError({ code: 'CONFLICT', message: '已有一个材料导入正在进行，请等它完成或取消后再试' })
    expect(endedByCancel(busy, false)).toBe(false)
    expect(endedByCancel(new Error('网络中断'), false)).toBe(false)
    // The request this window cancelled may also end as a dropped connection.
    expect(endedByCancel(new Error('网络中断'), true)).toBe(true)
  })
})
