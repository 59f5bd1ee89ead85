import { describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'

vi.mock('electron', () => import('./fake-electron'))

interface Onsite {
  invoke(name: string, input: unknown): Promise<unknown>
  onEvent(listener: (event: unknown) => void): () => void
  pathForFile(file: unknown): string
}

await import('../../src-main/preload/index')
const onsite = fake.contextBridge.exposed.get('onsite') as Onsite

describe('preload', () => {
  it('exposes exactly window.onsite with invoke, onEvent and pathForFile, and nothing else', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['onsite'])
    expect(Object.keys(onsite).sort()).toEqual(['invoke', 'onEvent', 'pathForFile'])
    for (const value of Object.values(onsite)) {
      expect(typeof value).toBe('function')
      expect(value).not.toBe(fake.ipcRenderer)
    }
  })

  it('invoke goes to the `api` channel with the name and input only', async () => {
    const result = await onsite.invoke('units.list', { meetingId: 'm1' })
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('api', 'units.list', { meetingId: 'm1' })
    expect(result).toEqual({ ok: true, data: 'pong' })
  })

  it('onEvent hands the listener the payload (never the IPC event) and unsubscribes cleanly', () => {
    const received: unknown[] = []
    const stop = onsite.onEvent((event) => received.push(event))
    const progress = { type: 'progress', taskId: 't', label: '导出', done: 1, total: 2 }
    fake.ipcRenderer.emit('event', { sender: fake.ipcRenderer }, progress)
    expect(received).toEqual([progress])
    stop()
    expect(fake.ipcRenderer.listenerCount('event')).toBe(0)
    fake.ipcRenderer.emit('event', {}, progress)
    expect(received).toHaveLength(1)
  })

  it('pathForFile turns a dropped file into its path through webUtils, and a page-made File into ""', () => {
    const dropped = { name: '述职报告.pdf', path: '/home/秘书/桌面/述职报告.pdf' }
    expect(onsite.pathForFile(dropped)).toBe('/home/秘书/桌面/述职报告.pdf')
    expect(fake.webUtils.getPathForFile).toHaveBeenCalledWith(dropped)
    expect(onsite.pathForFile({ name: 'made-by-the-page.txt' })).toBe('')
  })
})
