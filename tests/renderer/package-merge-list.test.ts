/**
 * The 合并评审结果 list: a package already merged or older than one merged is said as such, never
 * shown as an error; a refusal is; one a cancel did not reach says it was not merged; only .zip files are sent, the rest named; paths from the desktop
 * dialog (Windows or not) are listed by their file name.
 */
import { describe, expect, it } from 'vitest'
import type { MergeReport } from '../../src-main/shared/schemas/packages'
import { NOT_REACHED, settle, tagOf, type MergeEntry } from '../../src-renderer/src/components/packages/mergeOutcome'
import { fromPaths, splitZips } from '../../src-renderer/src/components/packages/packageSource'

const entry = (status: MergeReport['status'] | null, error?: string): MergeEntry => ({
  name: '林静怡_评审结果_测试评审会_第1次.zip',
  source: { type: 'path', path: '/media/U盘/林静怡_评审结果_测试评审会_第1次.zip' },
  ...(status ? { report: { status } as MergeReport } : {}),
  ...(error ? { error } : {}),
})

describe('merge outcomes', () => {
  it('says duplicate and stale packages changed nothing, in words and without the error colour', () => {
    expect(tagOf(entry('duplicate'))).toEqual({ text: '已合并过（未更改）', type: 'info' })
    expect(tagOf(entry('stale'))).toEqual({ text: '较旧的包（未更改）', type: 'info' })
    expect(tagOf(entry('merged'))).toEqual({ text: '已合并', type: 'success' })
    expect(tagOf(entry('conflicts'))).toEqual({ text: '有冲突，待选择', type: 'warning' })
  })

  it('shows a refusal as one, whatever came before', () => {
    expect(tagOf(entry(null, '评审结果包的签名不符'))).toEqual({ text: '已拒绝', type: 'danger' })
    expect(tagOf(entry('conflicts', '已取消合并，会议数据没有任何更改')).type).toBe('danger')
  })

  it('settles each line of a batch from its own outcome; a package a cancel did not reach is not shown as refused', () => {
    const lines = [entry(null), entry(null), entry(null), entry(null)].map((e) => ({ ...e, working: true }))
    settle(lines[0], { kind: 'report', report: { status: 'merged', message: '已合并评委“林静怡”第 1 次导出的评审结果' } as MergeReport })
    settle(lines[1], { kind: 'refused', problem: 'hash-mismatch', message: '评审结果包中的文件校验值不符' })
    settle(lines[2], { kind: 'cancelled' })
    settle(lines[3], { kind: 'failed', message: '已有一个合并评审结果正在进行' })
    expect(lines.map((l) => [l.working, tagOf(l).text, l.report?.message ?? l.error])).toEqual([
      [false, '已合并', '已合并评委“林静怡”第 1 次导出的评审结果'],
      [false, '已拒绝', '评审结果包中的文件校验值不符'],
      [false, '未合并（已取消）', NOT_REACHED],
      [false, '已拒绝', '已有一个合并评审结果正在进行'],
    ])
    expect(tagOf(lines[2]).type).toBe('info')
    // A package in conflict whose second try (with the choices) was cancelled keeps its conflicts to decide again.
    const conflicted = { ...entry('conflicts'), working: true }
    settle(conflicted, { kind: 'cancelled' })
    expect([tagOf(conflicted).text, conflicted.report?.status]).toEqual(['未合并（已取消）', 'conflicts'])
    settle(conflicted, { kind: 'report', report: { status: 'merged' } as MergeReport })
    expect([tagOf(conflicted).text, conflicted.error]).toEqual(['已合并', undefined])
  })
})

describe('package files', () => {
  it('sends only .zip files (any case) and names the others', () => {
    const files = ['张三_评审结果_第1次.zip', '李四_评审结果_第1次.ZIP', '说明.docx'].map((name) => new File(['x'], name))
    const { zips, others } = splitZips(files)
    expect(zips.map((f) => f.name)).toEqual(['张三_评审结果_第1次.zip', '李四_评审结果_第1次.ZIP'])
    expect(others).toEqual(['说明.docx'])
  })

  it('names a dialog’s paths by their file name, Windows paths included', () => {
    expect(fromPaths(['E:\\评审包\\02_林静怡_测试评审会.zip', '/media/U盘/01_周明远_测试评审会.zip'])).toEqual([
      { name: '02_林静怡_测试评审会.zip', source: { type: 'path', path: 'E:\\评审包\\02_林静怡_测试评审会.zip' } },
      { name: '01_周明远_测试评审会.zip', source: { type: 'path', path: '/media/U盘/01_周明远_测试评审会.zip' } },
    ])
  })
})
