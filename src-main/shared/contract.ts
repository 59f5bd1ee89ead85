/**
 * The one API contract: operation name → input schema → output schema.
 * The core dispatcher, the IPC handler, the preload, the HTTP bridge and the renderer's
 * typed client are all derived from this object; adding an operation starts here.
 */
import { z } from 'zod'
import { Empty, Id, MeetingRef, Ok } from './schemas/common'
import { Meeting, MeetingFields, MeetingSummary } from './schemas/meeting'
import { Rubric, RubricInput, RubricTemplate } from './schemas/rubric'
import { Unit, UnitFields, UnitImportResult } from './schemas/unit'
import { Recusal, Reviewer, ReviewerFields } from './schemas/reviewer'
import { BulkScoresInput, MeetingScores, ReviewInput, Review, SavedScore, ScoreInput, ScoreSheet, SubmitInput, SubmitResult, UnitProgress, UnlockInput, VetoMark, VetoMarkInput } from './schemas/scoring'
import { RulesInput } from './schemas/rules'
import { MeetingResults } from './schemas/results'
import { AgendaNote, AgendaNoteFields, ExportResult, MinutesOutline, MinutesSettings, MinutesSettingsFields } from './schemas/minutes'
import { UnitOpinion, UnitOpinionInput, UnitOpinionRef } from './schemas/opinions'
import { HistoryCheck, HistoryListInput, HistoryPage } from './schemas/history'
import {
  JobInfo,
  Material,
  MaterialBatchImportInput,
  MaterialBatchPlan,
  MaterialBatchPlanInput,
  MaterialImportInput,
  MaterialImportReport,
  MaterialPreview,
  MaterialPreviewInput,
  MaterialRef,
  MaterialSearchInput,
  MaterialSearchResult,
  MaterialTable,
  MaterialText,
  UnitMaterialOverview,
} from './schemas/material'
import { AccessState, EnterReviewerInput, LeaveReviewerInput, ReviewerPinStatus, SetOrganizerPinInput, SetReviewerPinInput } from './schemas/access'
import { Annotation, AnnotationListInput, AnnotationRef, AnnotationSaveInput } from './schemas/annotation'
import { CommentPhraseList, CommentPhrases } from './schemas/phrases'
import { ArchiveRestored, ArchiveRestoreInput, ArchiveWritten, Completeness, DistributionResult, MergeOutcome, MergeReport, MergeReturnInput, MergeReturnsInput, OpenedWorkspace, PackageFileSource, PackageFolder, WrittenReturn } from './schemas/packages'
import { LotDraw, LotDrawInput, ProjectorControlInput, ProjectorState } from './schemas/onday'

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One line for people reading GET /api. */
  summary: string
}
export const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): OperationDef<I, O> => ({
  input,
  output,
  summary,
})

const ReorderInput = MeetingRef.extend({ ids: z.array(Id).min(1) })
const RecusalInput = MeetingRef.extend({
  reviewerId: Id,
  unitId: Id,
  recused: z.boolean(),
  source: z.enum(['organizer', 'reviewer']).default('organizer'),
  reason: z.string().trim().max(500).default(''),
})

export const contract = {
  'system.info': op(
    Empty,
    z.object({ appVersion: z.string(), schemaVersion: z.number().int(), dataDir: z.string() }),
    '应用版本、数据库结构版本与数据目录',
  ),

  'system.verifyHistory': op(
    z.object({ meetingId: Id.optional() }).strict(),
    z.array(HistoryCheck),
    '校验评分修改记录（防篡改记录链）：逐条核对，报告第一处被修改、删除、插入或调换顺序的记录；不给 meetingId 时校验全部会议',
  ),

  'history.list': op(HistoryListInput, HistoryPage, '评分修改记录（新的在前）：谁、何时、哪个单位、改了什么、原值与新值、理由；可按评委或单位筛选'),

  'meetings.list': op(Empty, z.array(MeetingSummary), '会议列表（含单位、评委、评分数量）'),
  'meetings.get': op(MeetingRef, Meeting, '读取一个会议'),
  'meetings.create': op(MeetingFields, Meeting, '新建会议（附带默认计分规则）'),
  'meetings.update': op(MeetingRef.extend({ fields: MeetingFields }), Meeting, '修改会议信息'),
  'meetings.delete': op(MeetingRef, Ok, '删除会议及其全部数据'),
  'meetings.openDemo': op(Empty, Meeting, '打开示例会议（首次调用时从 resources 导入）'),

  'rubric.get': op(MeetingRef, Rubric, '读取评分标准'),
  'rubric.save': op(MeetingRef.extend({ rubric: RubricInput }), Rubric, '保存整套评分标准（校验分值合计）'),
  'rubric.templates': op(MeetingRef, z.array(RubricTemplate), '评分标准模板（“五个模范”、党支部标准化规范化建设），作为草稿使用'),
  'rubric.draftFromMeeting': op(MeetingRef.extend({ fromMeetingId: Id }), RubricInput, '以另一会议的评分标准为草稿（不保存）'),
  'rubric.draftFromSheet': op(
    MeetingRef.extend({
      fileName: z.string().max(255),
      /** The .xlsx or .csv file (told apart by fileName), base64-encoded. */
      dataBase64: z.string().min(1, '文件为空').max(30_000_000, '文件过大（上限约 20 MB）'),
    }),
    RubricInput,
    '从 Excel（.xlsx）或 CSV 读入评分标准草稿（一级指标、二级指标、分值、评分要点），不保存',
  ),

  'rules.get': op(MeetingRef, RulesInput.required(), '读取计分规则'),
  'rules.save': op(MeetingRef.extend({ rules: RulesInput }), RulesInput.required(), '保存计分规则'),

  'units.list': op(MeetingRef, z.array(Unit), '参评单位列表（按顺序）'),
  'units.create': op(MeetingRef.extend({ fields: UnitFields }), Unit, '新增参评单位'),
  'units.update': op(MeetingRef.extend({ id: Id, fields: UnitFields }), Unit, '修改参评单位'),
  'units.delete': op(
    MeetingRef.extend({ id: Id, withMaterials: z.boolean().default(false) }),
    Ok,
    '删除参评单位（已导入材料的单位须 withMaterials: true，材料一并删除且不能撤销；否则 CONFLICT，details 为 [UNIT_HAS_MATERIALS, 份数]）',
  ),
  'units.restore': op(MeetingRef.extend({ unit: Unit, recusals: z.array(Recusal).max(1000) }), Ok, '撤销删除：按原编号、原位置恢复刚删除的单位及其回避设置'),
  'units.withdraw': op(
    MeetingRef.extend({ id: Id, reason: z.string().trim().min(1, '请写明退出评审的原因（将写入纪要）').max(200, '原因不超过200字') }),
    Unit,
    '退出评审：保留该单位及其评分，不参加排名和等次，纪要中注明原因',
  ),
  'units.reinstate': op(MeetingRef.extend({ id: Id }), Unit, '撤销退出评审：该单位重新参加排名'),
  'units.reorder': op(ReorderInput, z.array(Unit), '调整参评单位顺序（给出全部单位编号）'),
  'units.importXlsx': op(
    MeetingRef.extend({
      fileName: z.string().max(255),
      /** The .xlsx or .csv file (told apart by fileName), base64-encoded. */
      dataBase64: z.string().min(1, '文件为空').max(30_000_000, '文件过大（上限约 20 MB）'),
      dryRun: z.boolean().default(false),
    }),
    UnitImportResult,
    '从 Excel（.xlsx）或 CSV 导入单位名单（序号、单位名称、类别、所属部门、联系人、电话）；dryRun 只预览，并列出有误的行和非单位行',
  ),

  'reviewers.list': op(MeetingRef, z.array(Reviewer), '评委列表'),
  'reviewers.create': op(MeetingRef.extend({ fields: ReviewerFields }), Reviewer, '新增评委'),
  'reviewers.update': op(MeetingRef.extend({ id: Id, fields: ReviewerFields }), Reviewer, '修改评委'),
  'reviewers.delete': op(MeetingRef.extend({ id: Id }), Ok, '删除评委（已有评分时拒绝）'),
  'reviewers.restore': op(MeetingRef.extend({ reviewer: Reviewer, recusals: z.array(Recusal).max(1000) }), Ok, '撤销删除：按原编号、原位置恢复刚删除的评委及其回避设置'),
  'reviewers.reorder': op(ReorderInput, z.array(Reviewer), '调整评委顺序'),

  'recusals.list': op(MeetingRef, z.array(Recusal), '回避关系列表'),
  'recusals.set': op(RecusalInput, Ok, '设置或取消某评委对某单位的回避'),

  'scoring.progress': op(MeetingRef.extend({ reviewerId: Id }), z.array(UnitProgress), '某评委各单位的评分进度'),
  'scoring.sheet': op(MeetingRef.extend({ reviewerId: Id, unitId: Id }), ScoreSheet, '某评委对某单位的评分表'),
  'scores.save': op(MeetingRef.extend(ScoreInput.shape), SavedScore, '保存一项得分（校验范围与步长，写入历史）'),
  'scores.all': op(MeetingRef, MeetingScores, '整个会议的全部评分与一票否决认定（一次读取，供合并、核对与纸质录入）'),
  'scores.saveBulk': op(
    MeetingRef.extend(BulkScoresInput.shape),
    z.object({ saved: z.number().int() }),
    '在一个事务中保存多项评分（与逐项保存同样校验：指标、范围、档位、锁定、回避），任何一项有误则全部不保存；写入历史',
  ),
  'reviews.save': op(MeetingRef.extend(ReviewInput.shape), Review, '保存特色加分与评审意见'),
  'vetoes.mark': op(MeetingRef.extend(VetoMarkInput.shape), z.array(VetoMark), '勾选或取消一票否决事项（勾选须写明事由）'),
  'scoring.submit': op(
    MeetingRef.extend(SubmitInput.shape),
    SubmitResult,
    '评委提交评分（指定单位，或不给 unitIds 时提交其全部应评单位）：每项都已评分才可提交，否则列出未评项且不提交任何单位；提交后锁定，写入修改记录',
  ),
  'scoring.unlock': op(MeetingRef.extend(UnlockInput.shape), Ok, '会务组解锁某评委对某单位已提交的评分表，须写明理由（写入修改记录：谁、何时、原因）'),

  // <results-ops> (results engine, veto decisions)
  'results.compute': op(MeetingRef, MeetingResults, '计算评审结果：去掉最高最低分、排名、并列、等次、一票否决与评分异常提示'),
  'vetoes.decide': op(
    MeetingRef.extend({
      unitId: Id,
      decision: z.enum(['confirmed', 'not_established'], { message: '认定结果只能是“确认否决”或“核实不构成”' }).nullable(),
      reason: z.string().trim().min(1, '认定一票否决须写明理由').max(500, '理由不能超过 500 个字'),
    }),
    Ok,
    '会务组认定一票否决：确认否决（不参加排名）或核实不构成（正常排名）；decision 为 null 时撤销认定；须写明理由',
  ),

  // <documents-ops> (recorder's notes, minutes settings, .docx/.xlsx exports)
  'notes.list': op(MeetingRef, z.array(AgendaNote), '会议记录列表（按记录顺序）'),
  'notes.save': op(
    MeetingRef.extend({ id: Id.optional(), fields: AgendaNoteFields }),
    AgendaNote,
    '新增（不带 id）或修改一条会议记录：发言人、涉及单位、发言要点、会议决定',
  ),
  'notes.delete': op(MeetingRef.extend({ id: Id }), Ok, '删除一条会议记录'),
  'notes.restore': op(MeetingRef.extend({ note: AgendaNote }), Ok, '撤销删除：按原编号、原位置恢复刚删除的会议记录'),
  'notes.reorder': op(ReorderInput, z.array(AgendaNote), '调整会议记录顺序（给出全部记录编号）'),
  'minutes.getSettings': op(MeetingRef, MinutesSettings, '读取纪要设置（尚未保存时为根据会议信息生成的默认值）'),
  'minutes.saveSettings': op(
    MeetingRef.extend({ settings: MinutesSettingsFields }),
    MinutesSettings,
    '保存纪要设置：标题、落款、出席/列席/请假名单、总体意见、有关事项、推荐名单、计分人与复核人、保管标识',
  ),
  'opinions.list': op(MeetingRef, z.array(UnitOpinion), '各单位评审意见（纪要“三、评审意见”）：自动汇总的草稿与会务组修改后的文字，按纪要顺序'),
  'opinions.save': op(UnitOpinionInput, UnitOpinion, '保存会务组修改后的某单位评审意见（每行一段，不超过 2000 字；留空则纪要不列该单位意见）'),
  'opinions.reset': op(UnitOpinionRef, UnitOpinion, '恢复某单位评审意见为自动汇总（删除修改后的文字）'),
  'minutes.preview': op(MeetingRef, MinutesOutline, '纪要预览（与导出的 Word 正文由同一段程序生成），附签发前的提示'),
  'exports.minutes': op(MeetingRef, ExportResult, '导出纪要 .docx（附件1 评分汇总表、附件2 评委个人评分表）到数据目录的 exports 文件夹'),
  'exports.summarySheet': op(MeetingRef, ExportResult, '导出评分汇总表 .docx（横向 A4）'),
  'exports.reviewerSheets': op(
    MeetingRef.extend({ reviewerId: Id.optional(), blank: z.boolean().default(false) }),
    ExportResult,
    '导出评委个人评分表 .docx：指定评委或全部评委；blank 为 true 时导出空白表（纸质评分备用）',
  ),
  'exports.scoreMatrix': op(MeetingRef, ExportResult, '导出评分矩阵 .xlsx（评分矩阵、汇总、计分规则三张工作表）'),

  // <materials-ops> (import, store, read and search the units' materials)
  'materials.list': op(MeetingRef.extend({ unitId: Id.optional() }), z.array(Material), '材料列表：某单位的，或不给 unitId 时全部单位的（按单位、导入顺序）'),
  'materials.overview': op(MeetingRef, z.array(UnitMaterialOverview), '各单位材料概况：份数、大小、无文字层（扫描件）和无法在程序内显示的份数'),
  'materials.preview': op(
    MaterialPreviewInput,
    MaterialPreview,
    '导入前预览：将导入的文件名（压缩包按 UTF-8 标志、0x7075 字段、严格 UTF-8、否则 GB18030 解码，可用 encodings 改选）、大小和不予导入的文件及原因；不写入任何内容',
  ),
  'materials.import': op(
    MaterialImportInput,
    MaterialImportReport,
    '导入某单位的材料（文件、文件夹、.zip；浏览器模式先 POST /upload 上传）：后台任务，进度事件按字节与文件数，可用 jobs.cancel 取消（取消后不留任何内容）；逐个文件报告未导入的原因',
  ),
  'materials.batchPlan': op(
    MaterialBatchPlanInput,
    MaterialBatchPlan,
    '批量导入预览：一个文件夹或压缩包，其中的子文件夹（或压缩包）按单位名称匹配（去空格、全角半角、党支部后缀）；未匹配的由会务组指定，不写入任何内容',
  ),
  'materials.batchImport': op(MaterialBatchImportInput, z.array(MaterialImportReport), '按会务组确认的对应关系批量导入各单位材料（后台任务，可取消）'),
  'materials.delete': op(MaterialRef, Ok, '删除一份材料（文件在没有其他材料引用时一并删除）'),
  'materials.search': op(MaterialSearchInput, MaterialSearchResult, '全文搜索材料（某单位或全部单位）：命中的材料、页码与上下文；一两个字的词也能搜；用空格分开的几个词须出现在同一页（不必相连），不区分英文大小写'),
  'materials.text': op(MaterialRef, MaterialText, '材料中提取的文字（每页一段；纯文本文件已按 GBK/UTF-8 解码）'),
  'materials.table': op(MaterialRef, MaterialTable, 'Excel 材料的只读表格（各工作表）'),

  // <access-ops> (reviewer mode on a shared PC: PINs, enter, leave)
  'access.state': op(Empty, AccessState, '当前身份：会务组，或评委模式（哪位评委、哪个会议）；以及是否已设置会务组 PIN'),
  'access.setOrganizerPin': op(SetOrganizerPinInput, Ok, '设置或修改会务组 PIN（修改时须给出原 PIN）；退出评委模式要用它'),
  'access.reviewerPins': op(MeetingRef, z.array(ReviewerPinStatus), '各评委是否已设置 PIN（不返回 PIN 本身）'),
  'access.setReviewerPin': op(SetReviewerPinInput, Ok, '会务组为评委设置 PIN（pin 为 null 时清除）'),
  'access.enterReviewer': op(
    EnterReviewerInput,
    AccessState,
    '以评委身份进入（评委模式）：须该评委的 PIN，且会务组 PIN 已设置；此后只能看到和修改本人的评分、本人应评单位的材料与本人的批注，其他操作一律拒绝',
  ),
  'access.leaveReviewer': op(LeaveReviewerInput, AccessState, '退出评委模式，回到会务组：须会务组 PIN；连续输错 5 次须等待 30 秒'),

  // <annotations-ops> (a reviewer's highlights and boxes on material pages)
  'annotations.list': op(AnnotationListInput, z.array(Annotation), '某评委的批注：某单位的、某份材料的，或全部（按材料、页码、位置）'),
  'annotations.save': op(AnnotationSaveInput, Annotation, '新增（不带 id）或修改一条批注：页码与区域（PDF 点坐标）、颜色、批注文字'),
  'annotations.delete': op(AnnotationRef, Ok, '删除一条批注'),

  // <phrases-ops> (common phrases for 亮点 / 不足 / 建议)
  'phrases.get': op(MeetingRef, CommentPhraseList, '评审意见常用语（亮点、不足、建议三类）；会务组尚未设置时为程序自带的常用语'),
  'phrases.save': op(MeetingRef.extend({ phrases: CommentPhrases }), CommentPhraseList, '会务组保存评审意见常用语'),

  // <onday-ops> (抽签 and the projector)
  'lots.list': op(MeetingRef, z.array(LotDraw), '抽签记录（新的在前）：种子、时间、理由与抽出的汇报顺序'),
  'lots.draw': op(
    LotDrawInput,
    LotDraw,
    '抽签决定汇报顺序：随机（或按给定种子复现），记录种子与时间，并把参评单位按抽出的顺序排列（评分列表、投影、纪要都用此顺序）；重新抽签须写明理由',
  ),
  'exports.reportOrder': op(MeetingRef, ExportResult, '导出汇报顺序表 .docx（抽签种子、时间、顺序），供打印张贴'),
  'projector.state': op(MeetingRef, ProjectorState, '投影屏状态：当前汇报单位、阶段（汇报/提问）、计时'),
  'projector.control': op(
    ProjectorControlInput,
    ProjectorState,
    '控制投影屏：选择单位、开始、暂停、进入提问、下一个单位、重置、设置时长（如汇报 8 分钟、提问 5 分钟）；每次变化推送 projector 事件',
  ),

  // <packages-ops> (USB packages: distribution, return, merge; docs/package-format.md)
  'packages.writeDistribution': op(
    MeetingRef.extend({ folder: PackageFolder }),
    DistributionResult,
    '生成全部评委的评审包（后台任务，可取消）：每位评委一个 序号_评委姓名_会议简称.zip，含其应评单位（回避、退出的除外）及材料和该评委的密钥；写入给定文件夹（如 U 盘），不给时写入数据目录的 exports',
  ),
  'packages.openDistribution': op(
    z.object({ source: PackageFileSource }).strict(),
    OpenedWorkspace,
    '在评委电脑上打开评审包：逐项校验后建立该评委的评审工作台（此后本机处于评委模式，不能退出）；已有会议或已是工作台时拒绝',
  ),
  'packages.writeReturn': op(
    z.object({ folder: PackageFolder }).strict(),
    WrittenReturn,
    '导出评审结果（评委电脑）：本评委的评分、加分、否决、意见、批注、回避、提交状态与修改记录，用其密钥签名（HMAC-SHA256）；每导出一次序号加一',
  ),
  'packages.mergeReturn': op(
    MergeReturnInput,
    MergeReport,
    '合并评委的评审结果包：校验格式、会议、评分标准、签名与每个文件；同一包再次合并不做任何更改，比已合并的更旧的包只报告；双方都改过的同一项列为冲突，须逐项选择后再合并（之前不写入任何内容）',
  ),
  'packages.mergeReturns': op(
    MergeReturnsInput,
    z.array(MergeOutcome),
    '一次合并多个评审结果包（后台任务，可取消）：按给出的顺序逐个校验并合并，每个包单独成功或被拒绝，互不影响，下一个包的校验在另一线程中同时进行；有冲突的包不写入，之后用 packages.mergeReturn 带上选择再合并；取消时已合并的保留，其余标为未合并',
  ),
  'packages.completeness': op(MeetingRef, Completeness, '评审结果到齐情况：评委 × 单位（已提交 / 部分 / 未评 / 回避 / 退出），及每位评委最近合并的评审结果包'),
  'archive.write': op(
    MeetingRef.extend({ folder: PackageFolder }),
    ArchiveWritten,
    '会议归档包（后台任务，可取消）：整个会议的数据、材料和当时生成的文档（纪要、汇总表、评分表、评分矩阵），用于备份、恢复或换到另一台会务组电脑',
  ),
  'archive.restore': op(
    ArchiveRestoreInput,
    ArchiveRestored,
    '从会议归档包恢复：逐项校验后一次写入；本机已有同一会议时拒绝并说明两边情况，会务组确认后（replace）才覆盖，绝不悄悄覆盖',
  ),

  'jobs.list': op(Empty, z.array(JobInfo), '正在进行的后台任务（材料导入等）'),
  'jobs.cancel': op(z.object({ id: z.string().min(1).max(100) }), z.object({ cancelled: z.boolean() }), '取消一个后台任务；已完成的任务返回 cancelled: false'),
} as const satisfies Record<string, OperationDef>

export type Contract = typeof contract
export type OperationName = keyof Contract
export type InputOf<K extends OperationName> = z.input<Contract[K]['input']>
export type ParsedInputOf<K extends OperationName> = z.output<Contract[K]['input']>
export type OutputOf<K extends OperationName> = z.output<Contract[K]['output']>
export const operationNames = Object.keys(contract) as OperationName[]
export const isOperationName = (name: string): name is OperationName => Object.hasOwn(contract, name)
