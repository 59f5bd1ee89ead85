/**
 * 三、评审意见 after the overall opinion: the recorder's general notes, then for each unit (in
 * ranking order) its 评审意见 — the organizer's edited text, or the draft merged from the reviewers'
 * strengths, shortcomings and suggestions — and the recorder's notes about that unit.
 */
import type { AgendaNote, MinutesBlock } from '../../shared/schemas/minutes'
import type { UnitOpinion } from '../../shared/schemas/opinions'
import type { UnitResult } from '../../shared/schemas/results'
import { pairKey, unitLabel, type Dossier } from './dossier'
import { chineseNumber, chineseQuotes, clause, mergeOpinions, sentence } from './text'

const para = (text: string): MinutesBlock => ({ kind: 'paragraph', lead: '', text })

/** What the 评审意见 need of a meeting: no scores, so the opinions screen can load them cheaply. */
export type OpinionSources = Pick<Dossier, 'units' | 'reviewers' | 'results' | 'recused' | 'entries' | 'opinions'>

/** "周明远指出：……。会议明确：……。" */
export function noteText(note: AgendaNote): string {
  const parts: string[] = []
  if (note.keyPoints) parts.push(`${note.speaker ? `${note.speaker}指出` : '会议指出'}：${clause(note.keyPoints)}。`)
  if (note.decisions) parts.push(`会议明确：${clause(note.decisions)}。`)
  return chineseQuotes(parts.join(''))
}

const SENTENCE_BREAK = /[。；;！？!?\n]+/u

/**
 * A sentence that repeats a veto claim the organizer found 核实不构成: it names the ticked veto item,
 * speaks of 否决, or is the reason the reviewer gave when ticking. Printed under the unit it would read
 * as a finding the meeting did not make.
 */
function dismissedClaim(result: UnitResult | undefined): (sentence: string) => boolean {
  if (result?.veto.status !== 'not_established') return () => false
  const items = [...new Set(result.veto.marks.map((m) => m.vetoItemName))]
  const reasons = new Set(result.veto.marks.flatMap((m) => m.reason.split(SENTENCE_BREAK)).map(clause).filter(Boolean))
  return (s) => s.includes('否决') || items.some((name) => s.includes(name)) || reasons.has(s)
}

/**
 * The draft of a unit's 评审意见: one line each for 主要亮点 / 存在不足 / 改进建议, merged sentence by
 * sentence from the reviewers who scored the unit (recused ones left out), without their names.
 */
export function draftOpinion(d: OpinionSources, unitId: string): string {
  const claim = dismissedClaim(d.results.units.find((u) => u.unitId === unitId))
  const keep = (s: string) => !claim(s)
  const entries = d.reviewers
    .filter((r) => !d.recused.has(pairKey(r.id, unitId)))
    .map((r) => d.entries.get(pairKey(r.id, unitId)))
    .filter((e) => e !== undefined)
  return [
    ['主要亮点', mergeOpinions(entries.map((e) => e.strengths), keep)],
    ['存在不足', mergeOpinions(entries.map((e) => e.weaknesses), keep)],
    ['改进建议', mergeOpinions(entries.map((e) => e.suggestions), keep)],
  ]
    .filter(([, text]) => text)
    .map(([label, text]) => `${label}：${text}`)
    .join('\n')
}

/** Every unit's 评审意见 in the order the minutes print them (ranking order, unranked units last). */
export function unitOpinions(d: OpinionSources): UnitOpinion[] {
  const units = new Map(d.units.map((u) => [u.id, u]))
  const ordered = d.results.units.map((r) => units.get(r.unitId)).filter((u) => u !== undefined)
  const listed = new Set(ordered.map((u) => u.id))
  return [...ordered, ...d.units.filter((u) => !listed.has(u.id))].map((unit) => {
    const draft = draftOpinion(d, unit.id)
    const edited = d.opinions.get(unit.id)
    return {
      unitId: unit.id,
      unitLabel: unitLabel(unit),
      seq: unit.seq,
      text: edited ? edited.text : draft,
      draft,
      edited: edited !== undefined,
      draftChanged: edited !== undefined && edited.basedOn !== draft,
      updatedAt: edited?.updatedAt ?? null,
    }
  })
}

/** Before issuing: edited opinions whose reviewers' comments changed afterwards (a package merged late). */
export function opinionWarnings(d: OpinionSources): string[] {
  const changed = unitOpinions(d).filter((o) => o.draftChanged)
  if (!changed.length) return []
  const names = changed.map((o) => d.units.find((u) => u.id === o.unitId)!.name).join('、')
  return [`${changed.length}个单位的评审意见修改后，评委意见又有变化（${names}），请在“各单位评审意见”中核对`]
}

const paragraphs = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => sentence(chineseQuotes(l)))

export function opinionBlocks(d: Dossier): MinutesBlock[] {
  const blocks: MinutesBlock[] = d.notes.filter((n) => n.unitId === null).map((n) => para(noteText(n)))
  let n = 0
  for (const opinion of unitOpinions(d)) {
    const lines = paragraphs(opinion.text)
    const notes = d.notes.filter((note) => note.unitId === opinion.unitId)
    if (!lines.length && !notes.length) continue
    blocks.push({ kind: 'subheading', lead: '', text: `（${chineseNumber(++n)}）${chineseQuotes(opinion.unitLabel)}` })
    for (const line of lines) blocks.push(para(line))
    for (const note of notes) blocks.push(para(noteText(note)))
  }
  return blocks
}
