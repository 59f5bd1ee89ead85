/**
 * The state behind the PIN dialogs (usePinForm): what a clerk at a shared PC relies on — no PIN left
 * in the boxes when a dialog opens again, a message about the typing that goes once they type, the
 * core's answer (PIN 不正确, tries left, the wait after five) shown in the same place, and one check at
 * a time. The PIN checks go to a real core through the renderer's own api client.
 */
import { nextTick, ref } from 'vue'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiClient, Invoke } from '@shared/client'
import { ApiCallError } from '../../src-main/shared/client'
import { api } from '../../src-renderer/src/api'
import { usePinForm } from '../../src-renderer/src/access/usePinForm'

// The api module picks its transport from window.onsite when it loads: install it before any import.
const backend = vi.hoisted(() => {
  const state = { invoke: undefined as Invoke | undefined }
  Object.assign(globalThis, { window: { onsite: { invoke: (name: string, input: unknown) => state.invoke!(name, input), onEvent: () => () => undefined } } })
  return state
})

interface TestCore {
  core: { dispatch: Invoke }
  api: ApiClient
  dispose(): void
}
let t: TestCore
let meetingId: string
let reviewer: { id: string; name: string }
beforeAll(async () => {
  // Loaded at run time: this folder is type-checked for the browser (no Node types), the core is Node.
  const helpers = new URL('../helpers/core.ts', import.meta.url).href
  const { makeTestCore, seedSmallMeeting } = (await import(/* @vite-ignore */ helpers)) as {
    makeTestCore(): TestCore
    seedSmallMeeting(api: ApiClient): Promise<{ meeting: { id: string }; reviewers: { id: string; name: string }[] }>
  }
  t = makeTestCore()
  backend.invoke = t.core.dispatch
  const seeded = await seedSmallMeeting(t.api)
  meetingId = seeded.meeting.id
  reviewer = seeded.reviewers[1]!
  await t.api.access.setOrganizerPin({ newPin: '20241218' })
  await t.api.access.setReviewerPin({ meetingId, reviewerId: reviewer.id, pin: '3579' })
})
afterAll(() => t.dispose())

function open() {
  const visible = ref(false)
  const form = usePinForm(visible, ['pin', 'again'])
  return { visible, ...form }
}

describe('usePinForm', () => {
  it('empties every PIN and message each time the dialog opens', async () => {
    const f = open()
    f.visible.value = true
    await nextTick()
    f.pins.pin = '1234'
    f.pins.again = '1234'
    await f.submit(null, () => Promise.reject(new ApiCallError({ code: 'FORBIDDEN', message: '会务组 PIN 不正确（还可再试 4 次）' })))
    expect(f.message.value).toBe('会务组 PIN 不正确（还可再试 4 次）')
    f.visible.value = false
    await nextTick()
    f.visible.value = true
    await nextTick()
    expect({ ...f.pins }).toEqual({ pin: '', again: '' })
    expect(f.message.value).toBe('')
  })

  it('shows a problem with the typing without calling, and drops it once the typing changes', async () => {
    const f = open()
    let calls = 0
    await f.submit('两次输入的 PIN 不一致，请重新输入', async () => void calls++)
    expect(calls).toBe(0)
    expect(f.message.value).toBe('两次输入的 PIN 不一致，请重新输入')
    f.pins.again = '2'
    await nextTick()
    expect(f.message.value).toBe('')
  })

  it('shows what the core says of each wrong PIN, and after five in a row how long to wait', async () => {
    const f = open()
    f.visible.value = true
    await nextTick()
    const shown: string[] = []
    for (let i = 0; i < 5; i++) {
      f.pins.pin = `111${i}`
      await f.submit(null, () => api.access.enterReviewer({ meetingId, reviewerId: reviewer.id, pin: f.pins.pin }))
      shown.push(f.message.value)
    }
    expect(shown.slice(0, 4)).toEqual([4, 3, 2, 1].map((n) => `评委“${reviewer.name}”的 PIN 不正确（还可再试 ${n} 次）`))
    expect(shown[4]).toBe(`评委“${reviewer.name}”的 PIN 不正确；PIN 连续输错 5 次，请 30 秒后再试`)
    expect(f.busy.value).toBe(false)
    expect((await api.access.state({})).mode).toBe('organizer')
  })

  it('runs one check at a time: a second Enter while the first is out does nothing', async () => {
    const f = open()
    let calls = 0
    let finish!: () => void
    const first = f.submit(null, () => new Promise<void>((resolve) => ((finish = resolve), calls++)))
    expect(f.busy.value).toBe(true)
    await f.submit(null, async () => void calls++)
    finish()
    await first
    expect(calls).toBe(1)
    expect(f.busy.value).toBe(false)
  })
})
