import type { RecoveryReport } from '../core/db/recover'

/** The tables a user recognises, by what they hold; others are shown by their name. */
const LABELS: Record<string, string> = {
  meetings: '会议',
  meeting_rules: '计分规则',
  rubrics: '评分标准',
  criteria: '一级指标',
  rubric_items: '二级指标',
  veto_items: '一票否决项',
  units: '参评单位',
  reviewers: '评委',
  recusals: '回避',
  scores: '评分',
  reviews: '加分与评审意见',
  veto_marks: '一票否决勾选',
  veto_decisions: '否决认定',
  score_history: '评分修改记录',
  agenda_notes: '会议记录',
  minutes_settings: '纪要设置',
}

/** What `--recover` did, in Chinese: per table the rows copied and lost, then what to do next. */
export function recoveryText(report: RecoveryReport): string {
  const lines = [`已把仍能读取的数据复制到新文件：${report.target}`]
  for (const t of report.tables) {
    const label = LABELS[t.table] ?? t.table
    const unreadable = t.lost ? `${t.lost} 条无法读取` : t.damaged ? '有无法读取的部分，条数不明' : ''
    const notes = [unreadable, t.orphans ? `${t.orphans} 条因所属数据丢失而删去` : ''].filter(Boolean)
    lines.push(`  ${label}：${t.copied} 条${notes.length ? `（${notes.join('，')}）` : ''}`)
  }
  const lost = report.tables.some((t) => t.damaged || t.lost || t.orphans)
  lines.push(
    lost ? '以上没能找回的数据，请对照纸质评分表等材料核对补录。' : '没有发现无法读取的数据。',
    `原文件没有改动：${report.source}`,
    '核对无误后，请把原文件移到别处保存，再把新文件改名为 onsite-review.sqlite 放入数据目录。',
  )
  return lines.join('\n')
}
