/**
 * 评委个人评分表: one sheet per reviewer per unit — 一级指标 | 评价要点 | 分值 | 得分 | 扣分说明,
 * then 小计, 特色加分, 合计, 一票否决 (有/无, 事由), 评审意见, the statement "本人与被评单位无利害关系",
 * 评委签字 and 日期. Filled from the scores, or blank for scoring on paper. Each sheet only adds its
 * own text to the template built once per export (reviewer-sheet-template.ts).
 */
import type { Reviewer } from '../../shared/schemas/reviewer'
import { sheetLimits, sheetTotalPoints } from '../../shared/sheet-total'
import type { Unit } from '../../shared/schemas/unit'
import { ByteSink } from './byte-sink'
import { emptyEntry, pairKey, unitLabel, type Dossier, type SheetEntry } from './dossier'
import { INTERNAL_MARK, S } from './layout'
import { raw } from './numbers'
import { run, textPara } from './ooxml'
import { buildDocx } from './package'
import { LONG_OPINIONS, fill, sheetTemplate, type SheetTemplate } from './reviewer-sheet-template'
import { chineseQuotes, textHalfEms, wrapWords } from './text'
import type { XmlChunk } from './zip-writer'

const scoreRuns = new Map<number, string>()
/** The run of a score; scores come from a small set of values, so each is built once. */
function scoreRun(value: number): string {
  let xml = scoreRuns.get(value)
  if (xml === undefined) scoreRuns.set(value, (xml = run(raw(value))))
  return xml
}

const text = (s: string | undefined) => (s ? run(chineseQuotes(s)) : '')

function vetoRuns(d: Dossier, tpl: SheetTemplate, entry: SheetEntry | null): string {
  if (!entry) return tpl.vetoBlank
  if (!entry.vetoMarks.length) return tpl.vetoNone
  const names = new Map(d.rubric.vetoItems.map((v) => [v.id, v.name]))
  return entry.vetoMarks
    .map((m) => textPara(`有：${names.get(m.vetoItemId) ?? ''}。事由：${chineseQuotes(m.reason)}`, { style: S.tinyCellLeft }))
    .join('')
}

/** The unit's name whole on the first line when it fits there, the brand after it or on the next line. */
function unitLines(unit: Unit, chars: number): string {
  const label = chineseQuotes(unitLabel(unit))
  const name = chineseQuotes(unit.name)
  if (textHalfEms(label) <= 2 * chars || textHalfEms(name) > 2 * chars || !label.startsWith(name)) return wrapWords(label, chars).join('\n')
  return [name, ...wrapWords(label.slice(name.length), chars)].join('\n')
}

interface SheetRef {
  reviewer: Reviewer
  unit: Unit
}

/** `end`: null for every sheet but the last, whose closing paragraph carries the section properties (if any). */
function writeSheet(sink: ByteSink, d: Dossier, tpl: SheetTemplate, { reviewer, unit }: SheetRef, blank: boolean, first: boolean, end: string | null): void {
  const entry = blank ? null : (d.entries.get(pairKey(reviewer.id, unit.id)) ?? emptyEntry())
  sink.bytes(first ? tpl.firstTitle : tpl.nextTitle)
  const who = [run('被评单位：', { style: S.hei }) + run(unitLines(unit, tpl.unitChars)), run('评委：', { style: S.hei }) + run(reviewer.name)]
  fill(sink, tpl.tableHead, ...who)
  let subtotal = 0
  let missing = 0
  for (const item of tpl.items) {
    const score = entry?.scores.get(item.itemId)
    if (score) subtotal += Math.round(score.value * 10)
    else missing++
    fill(sink, item.row, score ? scoreRun(score.value) : '', text(score?.reason))
  }
  if (entry) {
    const total = sheetTotalPoints(subtotal / 10, entry.bonus, sheetLimits({ basePoints: tpl.base, bonusMaxPoints: tpl.bonusMax, totalCapPoints: tpl.cap }))
    fill(sink, tpl.subtotal, run(raw(subtotal / 10)), missing ? run(`尚有${missing}项未评分`) : '')
    if (tpl.bonus) fill(sink, tpl.bonus, entry.bonus === null ? '' : run(raw(entry.bonus)), text(entry.bonusReason))
    // On paper 小计 + 特色加分 must visibly come to 合计: say so when the cap cut it.
    const capped = subtotal + Math.round((entry.bonus ?? 0) * 10) > Math.round(tpl.cap * 10)
    fill(sink, tpl.total, run(raw(total)), capped ? run(`超过总分上限，按${raw(tpl.cap)}分计`) : '')
  } else {
    fill(sink, tpl.subtotal)
    if (tpl.bonus) fill(sink, tpl.bonus)
    fill(sink, tpl.total)
  }
  if (tpl.veto) fill(sink, tpl.veto, vetoRuns(d, tpl, entry))
  // A blank sheet gives the opinions a page of their own, on the back of the scores.
  if (blank) fill(sink, tpl.secondPage, ...who)
  const opinions = [entry?.strengths ?? '', entry?.weaknesses ?? '', entry?.suggestions ?? '']
  const long = opinions.reduce((n, o) => n + o.length, 0) > LONG_OPINIONS
  fill(sink, long ? tpl.longOpinions : tpl.opinions, ...opinions.map(text))
  if (end === null) sink.bytes(tpl.closing)
  else sink.text(tpl.lastClosing(end))
}

export interface SheetOptions {
  /** "附件2" when the sheets are an attachment of the minutes. */
  attachment?: string
  /** Only this reviewer's sheets; all reviewers when absent. */
  reviewerId?: string
  /** Empty sheets for scoring on paper. */
  blank: boolean
  sectPr: string
}

/** Sheets in reviewer order, then unit order; a recused reviewer has no sheet for that unit. */
export function sheetPairs(d: Dossier, reviewerId?: string): SheetRef[] {
  return d.reviewers
    .filter((r) => !reviewerId || r.id === reviewerId)
    .flatMap((reviewer) => d.units.filter((u) => !d.recused.has(pairKey(reviewer.id, u.id))).map((unit) => ({ reviewer, unit })))
}

export function* reviewerSheetsBody(d: Dossier, o: SheetOptions): Generator<XmlChunk> {
  const pairs = sheetPairs(d, o.reviewerId)
  if (o.attachment) yield textPara(o.attachment, { style: S.attachLabel })
  if (!pairs.length) {
    yield textPara('没有需要打印的评分表（评委已回避全部单位或尚无参评单位）。', { style: S.body, sectPr: o.sectPr || undefined })
    return
  }
  const tpl = sheetTemplate(d.rubric, d.meeting.date, o.blank)
  const sink = new ByteSink()
  for (const [i, pair] of pairs.entries()) {
    writeSheet(sink, d, tpl, pair, o.blank, i === 0, i === pairs.length - 1 ? o.sectPr : null)
    yield* sink.take()
  }
  yield* sink.end()
}

export async function buildReviewerSheetsDocx(d: Dossier, o: Omit<SheetOptions, 'sectPr' | 'attachment'>): Promise<Buffer> {
  const mark = d.settings.markInternal ? INTERNAL_MARK : ''
  return buildDocx({ title: `${chineseQuotes(d.meeting.title)}评委个人评分表` }, [
    { kind: 'portrait', mark, body: (sectPr) => reviewerSheetsBody(d, { ...o, sectPr }) },
  ])
}
