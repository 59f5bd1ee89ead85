/**
 * 三、评审意见 after the overall opinion: the recorder's general notes, then for each unit (in
 * ranking order) the reviewers' strengths, shortcomings and suggestions merged into one sentence
 * each, and the recorder's notes about that unit.
 */
import type { AgendaNote, MinutesBlock } from '../../shared/schemas/minutes'
import { pairKey, unitLabel, type Dossier } from './dossier'
import { chineseNumber, chineseQuotes, clause, mergeOpinions } from './text'

const para = (text: string): MinutesBlock => ({ kind: 'paragraph', lead: '', text })

/** "周明远指出：……。会议明确：……。" */
export function noteText(note: AgendaNote): string {
  const parts: string[] = []
  if (note.keyPoints) parts.push(`${note.speaker ? `${note.speaker}指出` : '会议指出'}：${clause(note.keyPoints)}。`)
  if (note.decisions) parts.push(`会议明确：${clause(note.decisions)}。`)
  return chineseQuotes(parts.join(''))
}

export function opinionBlocks(d: Dossier): MinutesBlock[] {
  const blocks: MinutesBlock[] = d.notes.filter((n) => n.unitId === null).map((n) => para(noteText(n)))
  const units = new Map(d.units.map((u) => [u.id, u]))
  let n = 0
  for (const result of d.results.units) {
    const unit = units.get(result.unitId)
    if (!unit) continue
    const entries = d.reviewers.map((r) => d.entries.get(pairKey(r.id, unit.id))).filter((e) => e !== undefined)
    const merged = [
      ['主要亮点', mergeOpinions(entries.map((e) => e.strengths))],
      ['存在不足', mergeOpinions(entries.map((e) => e.weaknesses))],
      ['改进建议', mergeOpinions(entries.map((e) => e.suggestions))],
    ].filter(([, text]) => text)
    const notes = d.notes.filter((note) => note.unitId === unit.id)
    if (!merged.length && !notes.length) continue
    blocks.push({ kind: 'subheading', lead: '', text: `（${chineseNumber(++n)}）${chineseQuotes(unitLabel(unit))}` })
    for (const [label, text] of merged) blocks.push(para(`${label}：${chineseQuotes(text)}`))
    for (const note of notes) blocks.push(para(noteText(note)))
  }
  return blocks
}
