/**
 * The 合并评审结果 list: a package already merged or older than one merged is said as such, never
 * shown as an error; a refusal is; only .zip files are sent, the rest named; paths from the desktop
 * dialog (Windows or not) are listed by their file name.
 */
import { describe, expect, it } from 'vitest'
import type { MergeReport } from '../../src-main/shared/schemas/packages'
import { tagOf, type MergeEntry } from '../../src-renderer/src/components/packages/mergeOutcome'
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
