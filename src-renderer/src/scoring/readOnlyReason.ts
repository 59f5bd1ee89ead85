/** Why the open sheet cannot be edited (recused, or submitted and locked), in the reviewer's words; '' when it can. */
import type { UnitProgress } from '@shared/schemas/scoring'
import type { SheetSession } from './sheetSession'

export function readOnlyReason(session: SheetSession | null, reviewerName: string | undefined, unitName: string, progress: UnitProgress | undefined): string {
  if (!session || !reviewerName) return ''
  const sheet = session.state.sheet
  if (sheet?.recused || progress?.recused) return `${reviewerName}已回避“${unitName}”，不参与该单位评分，评分表只读。`
  const submittedAt = progress?.submittedAt ?? sheet?.submittedAt
  if (sheet?.locked || submittedAt) {
    const at = submittedAt ? `已于 ${localTime(submittedAt)} ` : '已'
    return `${reviewerName}${at}提交“${unitName}”的评分，评分表已锁定；如需修改，须由会务组解锁并说明理由。`
  }
  return ''
}

/** "2024-12-18 11:40" in the computer's own time zone (the stamp is stored in UTC). */
function localTime(iso: string): string {
  const d = new Date(iso)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`
}
