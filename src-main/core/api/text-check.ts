/**
 * Applies the text rule of shared/text-rules.ts to every string of an operation's input, so no
 * handler can store a character that would break the documents. Messages name the field as the
 * form labels it.
 */
import { findForbiddenChar, forbiddenCharMessage } from '../../shared/text-rules'

type Path = (string | number)[]

/** Field keys as the forms label them; `name` and `title` depend on where they are (see labelOf). */
const LABELS: Record<string, string> = {
  place: '会议地点',
  host: '主持人',
  hostTitle: '主持人职务',
  recorder: '记录人',
  issuingBody: '发文机关',
  department: '所属部门',
  brand: '品牌',
  contact: '联系人',
  phone: '电话',
  guidance: '评分要点',
  bonusGuidance: '特色加分说明',
  label: '等次名称',
  deductionReason: '扣分说明',
  bonusReason: '加分理由',
  strengths: '亮点',
  weaknesses: '不足',
  suggestions: '建议',
  reason: '理由',
  speaker: '发言人',
  keyPoints: '发言要点',
  decisions: '会议决定',
  attendees: '出席名单',
  observers: '列席名单',
  absentees: '请假名单',
  overallOpinion: '评审意见',
  otherMatters: '有关事项',
  recommendedWording: '推荐表述',
  recommendedBands: '推荐等次',
  scorer: '计分人',
  checker: '复核人',
  fileName: '文件名',
  dataBase64: '文件内容',
}

function labelOf(operation: string, path: Path): string {
  const keys = path.filter((p): p is string => typeof p === 'string')
  const key = keys.at(-1) ?? ''
  const parent = keys.at(-2)
  const area = operation.split('.')[0]
  if (key === 'name') {
    if (parent === 'items') return '二级指标名称'
    if (parent === 'criteria') return '一级指标名称'
    if (parent === 'vetoItems') return '否决事项'
    if (area === 'units') return '单位名称'
    if (area === 'reviewers') return '评委姓名'
  }
  if (key === 'title') {
    if (area === 'reviewers') return '职务'
    if (area === 'minutes') return '纪要标题'
    return '会议名称'
  }
  // 评审意见常用语: the three lists are keyed like the comments themselves.
  if (area === 'phrases' && LABELS[key]) return `${LABELS[key]}常用语`
  return LABELS[key] ?? '输入内容'
}

/** The message for the first string holding a forbidden character, or null when all are fine. */
export function checkInputText(operation: string, input: unknown, path: Path = []): string | null {
  if (typeof input === 'string') {
    const char = findForbiddenChar(input)
    return char ? forbiddenCharMessage(labelOf(operation, path), char) : null
  }
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const found = checkInputText(operation, input[i], [...path, i])
      if (found) return found
    }
  } else if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) {
      const found = checkInputText(operation, value, [...path, key])
      if (found) return found
    }
  }
  return null
}
