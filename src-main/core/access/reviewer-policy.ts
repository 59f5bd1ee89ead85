/**
 * THE one home of what a reviewer may do in reviewer mode. The dispatcher asks `guardOperation`
 * after validating the input and before the handler, so a refusal never reaches a handler and
 * changes nothing. An operation missing from REVIEWER_OPERATIONS is refused: a new operation stays
 * closed to reviewers until someone adds it here on purpose (a test walks every operation name).
 *
 * Scope, for every allowed operation: a `meetingId` must be the mode's meeting, a `reviewerId` the
 * mode's reviewer, a `unitId` (or each of `unitIds`) one of the reviewer's units that is not recused,
 * a `materialId` a material of such a unit. Operation-specific checks come on top.
 */
import type { Database } from 'better-sqlite3'
import type { OperationName } from '../../shared/contract'
import type { HostOperationName } from '../../shared/host-contract'
import { readMode, type ReviewerMode } from './access-mode'
import { assertMaterialReadable, forbidden, isVisibleMaterial, isVisibleUnit, MATERIAL_OUT_OF_SCOPE, UNIT_OUT_OF_SCOPE, visibleUnitIds } from './reviewer-scope'
import { stmt } from '../db/statements'

type Input = Record<string, unknown>
/** Throws FORBIDDEN when the input reaches beyond the reviewer; may return a narrowed input. */
type Check = (db: Database, mode: ReviewerMode, input: Input) => Input | void

const OTHER_REVIEWER = '评委模式下不能查看或修改其他评委的评分和批注'

/** A material named by `field` (materials.text/table call it `id`). */
const materialIn =
  (field: string): Check =>
  (db, mode, input) => {
    if (typeof input[field] === 'string' && !isVisibleMaterial(db, mode, input[field])) throw forbidden(MATERIAL_OUT_OF_SCOPE)
  }

const unitRequired: Check = (_db, _mode, input) => {
  if (input.unitId === undefined) throw forbidden('评委模式下只能按单位查看材料：请选择一个您评审的单位')
}

/** An existing annotation named by id must be the reviewer's own (the handler checks the rest). */
const ownAnnotation: Check = (db, mode, input) => {
  if (typeof input.id !== 'string') return
  const owner = stmt(db, 'SELECT reviewer_id FROM annotations WHERE id = ?').pluck().get(input.id) as string | undefined
  if (owner !== undefined && owner !== mode.reviewerId) throw forbidden(OTHER_REVIEWER)
}

/** 申请回避 on the day: the reviewer may declare it, never lift it (nor set one as the organizer). */
const declareRecusalOnly: Check = (_db, _mode, input) => {
  if (input.source !== 'reviewer' || input.recused !== true) throw forbidden('评委模式下只能由本人申请回避，不能取消回避：取消须由会务组办理')
}

/** Meeting-wide search: narrowed to the reviewer's units, so hits, total and limit count only those. */
const searchOwnUnits: Check = (db, mode, input) => (input.unitId === undefined ? { ...input, unitIds: visibleUnitIds(db, mode) } : undefined)

/** Allowed in reviewer mode, with the checks beyond the common scope rules. */
export const REVIEWER_OPERATIONS: { readonly [K in OperationName]?: readonly Check[] } = {
  'system.info': [],
  'access.state': [],
  'access.leaveReviewer': [],
  'meetings.get': [],
  'rubric.get': [],
  'rules.get': [],
  'units.list': [],
  'reviewers.list': [],
  'phrases.get': [],
  'lots.list': [],
  'projector.state': [],
  'jobs.list': [],
  'scoring.progress': [],
  'scoring.sheet': [],
  'scores.save': [],
  'reviews.save': [],
  'vetoes.mark': [],
  'scoring.submit': [],
  'annotations.list': [],
  'annotations.save': [ownAnnotation],
  'annotations.delete': [ownAnnotation],
  'recusals.set': [declareRecusalOnly],
  'materials.list': [unitRequired],
  'materials.text': [materialIn('id')],
  'materials.table': [materialIn('id')],
  'materials.search': [searchOwnUnits],
  // The reviewer's own results, signed with their key, for the organizer (a package workspace only).
  'packages.writeReturn': [],
}

/** Why an operation is closed to reviewers, by name prefix (first match); the last line is the rest. */
const REFUSALS: readonly [prefix: string, message: string][] = [
  ['results.', '评委模式下不能查看评审结果和其他评委的评分'],
  ['scores.', '评委模式下不能一次读取或保存整个会议的评分：其中有其他评委的评分'],
  ['exports.', '评委模式下不能导出文档：评分表、汇总表和纪要含有其他评委的评分和评审结果'],
  ['history.', '评委模式下不能查看评分修改记录：其中有其他评委的评分'],
  ['system.verifyHistory', '评委模式下不能校验评分修改记录：这是会务组的事'],
  ['scoring.unlock', '评委模式下不能解锁已提交的评分表：解锁须由会务组退出评委模式后写明理由办理'],
  ['access.', '评委模式下不能设置 PIN 或切换到其他评委：请会务组先退出评委模式'],
  ['vetoes.decide', '评委模式下不能认定一票否决：这是会务组的事'],
  ['notes.', '评委模式下不能查看或修改会议记录和纪要：这是会务组的事'],
  ['minutes.', '评委模式下不能查看或修改会议记录和纪要：这是会务组的事'],
  ['opinions.', '评委模式下不能查看或修改汇总的评审意见：其中有其他评委的意见'],
  ['meetings.', '评委模式下不能查看其他会议，也不能新建、修改或删除会议'],
  ['materials.', '评委模式下不能导入、删除材料或查看全部单位的材料概况：请会务组先退出评委模式'],
  ['packages.', '评委模式下不能生成评审包、打开另一个评审包或合并评审结果：这是会务组的事，评委只能导出本人的评审结果'],
  ['archive.', '评委模式下不能归档或从归档恢复会议：归档含全部评委的评分，恢复会改动会务组的数据，这是会务组的事'],
  ['', '评委模式下不能修改会议的设置（评分标准、计分规则、单位、评委、回避、抽签、投影、常用语等）：请会务组先退出评委模式'],
]

export const refusalOf = (name: string): string => REFUSALS.find(([prefix]) => name.startsWith(prefix))![1]

/** The common scope rules, by field name: they mean the same in every operation of the contract. */
function checkScope(db: Database, mode: ReviewerMode, input: Input): void {
  if ('meetingId' in input && input.meetingId !== mode.meetingId) throw forbidden('评委模式下只能查看和评分本会议的内容')
  if ('reviewerId' in input && input.reviewerId !== mode.reviewerId) throw forbidden(OTHER_REVIEWER)
  const units = [...(typeof input.unitId === 'string' ? [input.unitId] : []), ...(Array.isArray(input.unitIds) ? (input.unitIds as string[]) : [])]
  if (units.some((unitId) => !isVisibleUnit(db, mode, unitId))) throw forbidden(UNIT_OUT_OF_SCOPE)
  if (typeof input.materialId === 'string' && !isVisibleMaterial(db, mode, input.materialId)) throw forbidden(MATERIAL_OUT_OF_SCOPE)
}

/**
 * In organizer mode: the input as it is. In reviewer mode: refuses (FORBIDDEN, saying what and why)
 * what the reviewer may not do, and returns the input the handler gets (possibly narrowed).
 */
export function guardOperation(db: Database, name: OperationName, input: unknown): unknown {
  const mode = readMode(db)
  if (!mode) return input
  const checks = REVIEWER_OPERATIONS[name]
  if (!checks) throw forbidden(refusalOf(name))
  // The operation's own checks first: their reasons are the more telling ones.
  let scoped = input as Input
  for (const check of checks) scoped = check(db, mode, scoped) ?? scoped
  checkScope(db, mode, scoped)
  return scoped
}

/** The desktop host's operations: a reviewer may open their units' materials and the projector, nothing else. */
export function guardHostOperation(db: Database, name: HostOperationName, input: unknown): void {
  const mode = readMode(db)
  if (!mode) return
  const { meetingId, id } = input as { meetingId?: string; id?: string }
  if (meetingId !== undefined && meetingId !== mode.meetingId) throw forbidden('评委模式下只能查看和评分本会议的内容')
  if (name === 'host.openMaterial') return assertMaterialReadable(db, id!)
  if (name === 'host.openProjector') return
  // Choosing where to write the reviewer's own return package (packages.writeReturn), and showing it there.
  if (name === 'host.pickFolder' || name === 'host.revealPackage') return
  throw forbidden(name === 'host.pickMaterials' ? refusalOf('materials.import') : refusalOf('exports.'))
}
