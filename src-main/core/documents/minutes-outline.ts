/**
 * The text of the minutes (纪要), as an outline: the preview the organizer reads and the body the
 * .docx prints are both made from this one function, so they never disagree.
 */
import type { MinutesBlock, MinutesOutline } from '../../shared/schemas/minutes'
import type { UnitResult } from '../../shared/schemas/results'
import { capPhrase, sheetLimits } from '../../shared/sheet-total'
import { chineseDate, meetingWhen } from './dates'
import { pairKey, type Dossier } from './dossier'
import { fixed, raw } from './numbers'
import { chineseNumber, chineseQuotes, clause, listNames, sentence, titleLines } from './text'
import { opinionBlocks, opinionWarnings } from './minutes-opinions'

export const ATTACHMENTS = ['评分汇总表', '评委个人评分表']

const para = (text: string, lead = ''): MinutesBlock => ({ kind: 'paragraph', lead, text })
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

function opening(d: Dossier): string {
  const { meeting, reviewers, units } = d
  const title = chineseQuotes(meeting.title)
  const where = meeting.place ? `在${meeting.place}` : ''
  const who = d.settings.issuingBody || meeting.issuingBody
  const parts = [`${meetingWhen(meeting.date, meeting.startTime, meeting.endTime)}，${who}${where}召开${title}。`]
  if (meeting.host) parts.push(`会议由${meeting.hostTitle}${meeting.host}主持。`)
  const chair = reviewers.find((r) => r.role === 'chair')
  const described = [...(chair ? [chair] : []), ...reviewers.filter((r) => r !== chair)].map((r) => {
    const notes = [r === chair ? '组长' : '', r.title].filter(Boolean).join('，')
    return notes ? `${r.name}（${notes}）` : r.name
  })
  if (reviewers.length) parts.push(`评审组由${listNames(described)}等${reviewers.length}名同志组成。`)
  const timing = meeting.reportMinutes > 0 ? `（每个单位汇报${meeting.reportMinutes}分钟${meeting.questionMinutes > 0 ? `、答询${meeting.questionMinutes}分钟` : ''}）` : ''
  parts.push(`会议听取了${units.length}个参评单位的工作汇报${timing}，评委现场独立评分，工作人员汇总复核，评审组进行了合议。`)
  parts.push('会前，主持人宣布了评审纪律和回避规定，评委逐一声明了与参评单位的利害关系。')
  const recusals = reviewers
    .map((r) => ({ name: r.name, units: units.filter((u) => d.recused.has(pairKey(r.id, u.id))).map((u) => u.name) }))
    .filter((r) => r.units.length)
  if (recusals.length) {
    parts.push(
      `其中，${recusals.map((r) => `${r.name}对${listNames(r.units)}${r.units.length > 1 ? `${r.units.length}个单位` : ''}申请回避`).join('，')}，` +
        '回避的评委未参与对相关单位的评分。',
    )
  } else {
    parts.push('经声明，无评委需要回避。')
  }
  return parts.join('')
}

function basics(d: Dossier): MinutesBlock[] {
  const { rubric, units, reviewers, results } = d
  const categories = [...new Set(units.map((u) => u.category))]
  const breakdown =
    categories.length > 1 ? `，其中${categories.map((c) => `${c}${units.filter((u) => u.category === c).length}个`).join('、')}` : ''
  const chair = reviewers.find((r) => r.role === 'chair')
  const items = rubric.criteria.reduce((n, c) => n + c.items.length, 0)
  const criteria = rubric.criteria.map((c) => `${c.name}${raw(c.maxPoints)}分`).join('、')
  const bonus = rubric.bonusMaxPoints > 0 ? `，另设特色加分${raw(rubric.bonusMaxPoints)}分（${capPhrase(sheetLimits(rubric))}）` : ''
  const vetoes = rubric.vetoItems.length ? `；设一票否决事项${rubric.vetoItems.length}项（${listNames(rubric.vetoItems.map((v) => v.name))}）` : ''
  return [
    para(`本次评审共有${units.length}个单位参评${breakdown}。评审组由${reviewers.length}名评委组成${chair ? `，${chair.name}任组长` : ''}。`),
    para(
      `评分标准设一级指标${rubric.criteria.length}项、二级指标${items}项，基础分${raw(rubric.basePoints)}分` +
        `${criteria ? `（${criteria}）` : ''}${bonus}${vetoes}。`,
    ),
    para(`计分规则：${results.ruleText}`),
  ]
}

function scoreOf(u: UnitResult, places: number): string {
  const rank = u.rank === null ? '' : `${u.tied ? '并列' : ''}第${u.rank}名，`
  return `${u.unitName}（${rank}${fixed(u.finalScore, places)}分）`
}

/**
 * The organizer's reason in brackets, without the words that restate the decision itself
 * ("经核实不构成……"): the sentence around it already says so, once.
 */
function decisionReason(u: UnitResult): string {
  const restates = u.veto.status === 'not_established' ? /不构成/u : /确认否决|实行一票否决/u
  const kept = u.veto.decisionReason
    .split(/[。；;！？!?\n]+/u)
    .map((s) =>
      s
        .split(/[，,]/u)
        .map(clause)
        .filter((part) => part && !restates.test(part))
        .join('，'),
    )
    .filter(Boolean)
  return kept.length ? `（${kept.join('；')}）` : ''
}

function vetoSentence(u: UnitResult): string {
  const items = listNames([...new Set(u.veto.marks.map((m) => `“${m.vetoItemName}”`))])
  const reason = decisionReason(u)
  switch (u.veto.status) {
    case 'confirmed':
      return `${u.unitName}经核实存在${items}情形${reason}，实行一票否决，不参加排名和等次评定。`
    case 'not_established':
      return `评委对${u.unitName}勾选了${items}一票否决事项，经会务组核实不构成${reason}，该单位正常参加排名。`
    case 'pending':
      return `${u.unitName}被评委勾选${items}一票否决事项，尚待会务组认定，暂按得分排名。`
    default:
      return ''
  }
}

function recommended(d: Dossier, warnings: string[]): string[] {
  const { settings, results } = d
  const known = new Set(results.rules.bands.map((b) => b.label))
  const stale = settings.recommendedBands.filter((b) => !known.has(b))
  if (stale.length) warnings.push(`推荐等次“${stale.join('、')}”已不在计分规则的等次中，请在纪要设置中重新选择`)
  const bands = new Set(settings.recommendedBands)
  return results.units.filter((u) => u.rank !== null && u.band !== null && bands.has(u.band) && u.veto.status !== 'confirmed').map((u) => u.unitName)
}

/** 退出评审 in the minutes: named, with the organizer's reason; its scores stay in 附件 as given. */
function withdrawalSentence(d: Dossier, u: UnitResult): string {
  // “因机构调整撤销” and “机构调整撤销” read the same in the sentence: one 因.
  const reason = clause(d.units.find((x) => x.id === u.unitId)?.withdrawnReason ?? '').replace(/^(因为|因|由于)/u, '')
  return `${u.unitName}${reason ? `因${reason}` : ''}退出评审，其评分保留备查，不参加排名和等次评定。`
}

function outcome(d: Dossier, warnings: string[]): MinutesBlock[] {
  const { results, settings } = d
  const places = results.rules.roundingPlaces
  const blocks: MinutesBlock[] = []
  let provisional = ''
  if (results.incompleteUnitIds.length) {
    provisional = `（截至目前尚有${results.incompleteUnitIds.length}个单位评分未完成，以下为临时结果。）`
    warnings.push(`尚有${results.incompleteUnitIds.length}个单位评分未完成，纪要中的结果为临时结果`)
  } else if (results.unsubmittedSheets) {
    provisional = `（评分未全部提交：尚有${results.unsubmittedSheets}份评分表未提交，以下为临时结果。）`
  }
  if (results.unsubmittedSheets) warnings.push(`评分未全部提交：尚有${results.unsubmittedSheets}份评分表未提交，纪要中的结果为临时结果`)
  blocks.push(para(`经评委独立评分、工作人员汇总复核，评审结果如下（详见附件1）。${provisional}`))
  let n = 0
  const ranked = results.units.filter((u) => u.rank !== null)
  for (const band of results.rules.bands) {
    const inBand = ranked.filter((u) => u.band === band.label)
    if (!inBand.length) continue
    blocks.push(para(`${listNames(inBand.map((u) => scoreOf(u, places)))}。`, `（${chineseNumber(++n)}）${band.label}等次${inBand.length}个。`))
  }
  const groups = new Map<string, UnitResult[]>()
  for (const u of ranked) groups.set(fixed(u.finalScore, places), [...(groups.get(fixed(u.finalScore, places)) ?? []), u])
  // The engine's tie note is a whole sentence that names the units itself.
  const ties = [...groups.values()].filter((g) => g.length > 1 && g[0].tieNote).map((g) => sentence(chineseQuotes(g[0].tieNote)))
  const vetoes = results.units.map(vetoSentence).filter(Boolean)
  for (const u of results.units.filter((x) => x.withdrawn)) vetoes.push(withdrawalSentence(d, u))
  const unscored = results.units.filter((u) => u.rank === null && u.veto.status !== 'confirmed' && !u.withdrawn).map((u) => u.unitName)
  if (unscored.length) vetoes.push(`${listNames(unscored)}暂无有效评分，未参加排名。`)
  if (ties.length || vetoes.length) blocks.push(para([...ties, ...vetoes].join(''), `（${chineseNumber(++n)}）有关情况说明。`))
  for (const u of results.units) if (u.veto.status === 'pending') warnings.push(`${u.unitName}的一票否决尚待会务组认定`)
  if (settings.recommendedBands.length) {
    const names = recommended(d, warnings)
    const lead = `（${chineseNumber(++n)}）推荐名单。`
    blocks.push(para(names.length ? `${chineseQuotes(clause(settings.recommendedWording))}：${listNames(names)}。` : '本次评审无符合推荐条件的单位。', lead))
  }
  return blocks
}

export function minutesOutline(d: Dossier): MinutesOutline {
  const { settings } = d
  const warnings: string[] = []
  if (!settings.saved) warnings.push('纪要设置尚未保存，当前使用根据会议信息生成的默认内容')
  const sections: { heading: string; blocks: MinutesBlock[] }[] = []
  const add = (name: string, blocks: MinutesBlock[]) => {
    if (blocks.length) sections.push({ heading: `${chineseNumber(sections.length + 1)}、${name}`, blocks })
  }
  add('评审基本情况', basics(d))
  add('评审结果', outcome(d, warnings))
  const overall = lines(settings.overallOpinion).map((l) => para(sentence(chineseQuotes(l))))
  if (!overall.length) warnings.push('尚未填写总体评审意见（三、评审意见），请在纪要设置中填写')
  add('评审意见', [...overall, ...opinionBlocks(d)])
  warnings.push(...opinionWarnings(d))
  add('有关事项', lines(settings.otherMatters).map((l) => para(sentence(chineseQuotes(l)))))
  if (d.results.flags.length) warnings.push(`有${d.results.flags.length}条评分异常提示，签发前请确认已复核`)

  const attendance = [
    { label: '出席', names: settings.attendees },
    { label: '列席', names: settings.observers },
    { label: '请假', names: settings.absentees },
    { label: '记录', names: settings.recorder ? [settings.recorder] : [] },
  ]
    .filter((a) => a.names.length)
    .map((a) => ({ label: a.label, names: listNames(a.names) }))
  return {
    titleLines: titleLines(chineseQuotes(settings.title)),
    opening: [opening(d)],
    sections,
    attachments: ATTACHMENTS,
    attendance,
    issuingBody: settings.issuingBody,
    issueDate: chineseDate(settings.issueDate),
    warnings,
  }
}

