/**
 * A hand-built dossier of the demo meeting (DOMAIN.md §6) for document tests, independent of the
 * results engine: the reviewers' totals are typed in below and the results (trimmed means, ranks,
 * bands) were worked out by hand from them and frozen as literals, then checked against the schema.
 */
import { MeetingResults, type UnitResult } from '../../src-main/shared/schemas/results'
import type { Rubric } from '../../src-main/shared/schemas/rubric'
import { pairKey, type Dossier, type SheetEntry } from '../../src-main/core/documents/dossier'
import { DEMO_NOTES, DEMO_REVIEWS, DEMO_RUBRIC, DEMO_UNITS } from './fixture-text'

/** Stable UUIDs: 00000000-0000-4000-8000-<kind><n>. */
export const uuid = (kind: number, n: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(n).padStart(8, '0')}`
export const MEETING_ID = uuid(1, 1)
const AT = '2024-12-18T04:30:00.000Z'

export const REVIEWERS = [
  ['周明远', '工委副书记', 'chair'],
  ['林静怡', '市委党校教授', 'member'],
  ['陈卫国', '工委组织部部长', 'member'],
  ['赵海燕', '纪工委副书记', 'member'],
  ['吴晓东', '特邀评审员', 'member'],
] as const

/** Item subtotals (no bonus) per reviewer, in the order of REVIEWERS; null = recused (陈卫国, the two 水利 units). */
const SUBTOTALS: (number | null)[][] = [
  [92, 93.5, 91, 94, 92.5],
  [90, 91.5, 89, 92, 90.5],
  [88, 86.5, null, 87, 89],
  [85, 84, null, 86.5, 83],
  [87, 88, 86, 89, 87.5],
  [86, 85, 87, 84.5, 62], // 吴晓东 far off: a deviation flag
  [83, 84, 84.5, 82, 88], // ties with the next unit after trimming (87.00); untrimmed mean decides
  [84, 83, 85, 80.5, 85.5], // veto ticked by 赵海燕, 核实不构成
  [80, 82, 81, 79.5, 83],
  [78, 76.5, 79, 77, 80],
  [82, 83.5, 81, 84, 82.5],
  [74, 72.5, 75, 71, 76],
]
const BONUSES: (number | null)[][] = [
  [4, 4.5, 4, 5, 4],
  [4.5, 4, 4, 4.5, 5],
  [3, 3.5, null, 3, 4],
  [3, 2.5, null, 3, 3],
  [3.5, 3, 3, 4, 3.5],
  [3, 3, 3.5, 3, 1],
  [3, 3, 3.5, 3, 4],
  [3, 3, 3, 2.5, 3.5],
  [2, 2.5, 2, 2, 3],
  [2, 2, 1.5, 2, 2.5],
  [3, 2.5, 3, 3, 2],
  [1.5, 2, 1, 1.5, 2],
]

/** Worked out by hand: [unit index, rank, final, valid mean, bonus mean, untrimmed, highest, lowest, dropped high, dropped low, band]. */
const RANKED: [number, number, number, number, number, number, number, number, number | null, number | null, string][] = [
  [0, 1, 96.83, 92.67, 4.17, 96.9, 99, 95, 3, 2, '优秀'],
  [1, 2, 95.17, 90.67, 4.5, 95, 96.5, 93, 3, 2, '优秀'],
  [2, 3, 91, 87.63, 3.38, 91, 93, 90, null, null, '优秀'],
  [4, 4, 90.83, 87.5, 3.33, 90.9, 93, 89, 3, 2, '优秀'],
  [5, 5, 88.17, 85.17, 3, 83.6, 90.5, 63, 2, 4, '良好'],
  [3, 6, 87.5, 84.63, 2.88, 87.5, 89.5, 86, null, null, '良好'],
  [6, 7, 87, 83.83, 3.17, 87.6, 92, 85, 4, 3, '良好'],
  [7, 8, 87, 84, 3, 86.6, 89, 83, 4, 3, '良好'],
  [10, 9, 85.17, 82.67, 2.5, 85.3, 87, 84, 3, 2, '良好'],
  [8, 10, 83.17, 81, 2.17, 83.4, 86, 81.5, 4, 3, '良好'],
  [9, 11, 79.83, 78, 1.83, 80.1, 82.5, 78.5, 4, 1, '合格'],
  [11, 12, 75.33, 73.83, 1.5, 75.3, 78, 72.5, 4, 3, '合格'],
]

const RULE_TEXT =
  '每个单位的有效评委人数达到 5 人时，去掉一个最高分和一个最低分后取平均分（最高分或最低分有多个相同的，只去掉一个）；不足 5 人时取全部有效评分的平均分。' +
  '回避的评委和未完成评分的评分表不计入有效评分。评委总分含特色加分（上限 5 分，总分不超过 105 分）。结果保留两位小数，四舍五入。' +
  '综合得分（保留两位小数后）相同时，依次比较：未去最高最低分的平均分、“做政治坚定的模范”得分、“做提升组织力的模范”得分（按未经四舍五入的精确值比较）；仍相同的并列，其后名次顺延。' +
  '等次按综合得分评定：优秀（90 分及以上）、良好（80 分及以上、不足 90 分）、合格（60 分及以上、不足 80 分）、不合格（不足 60 分）。' +
  '被勾选一票否决事项的单位，经会务组认定否决成立的，不参加排名和等次评定；经核实不构成的，正常排名；尚未认定的，暂按得分排名并在备注中注明。'

const reviewerId = (r: number) => uuid(3, r + 1)
export const unitId = (u: number) => uuid(2, u + 1)
const VETO_ITEM = uuid(6, 1)

function unitResult([u, rank, final, validMean, bonusMean, untrimmed, highest, lowest, high, low, band]: (typeof RANKED)[number]): UnitResult {
  const recused = SUBTOTALS[u].map((s) => s === null)
  const remarks: string[] = []
  if (u === 7) remarks.push('否决事项经核实不构成')
  if (recused.some(Boolean)) remarks.push('陈卫国回避', '有效评委 4 人，不足 5 人，未去最高最低分')
  // As the engine words them for the 备注 cell: the other unit by its rank.
  const tieRemark = u === 6 ? '综合得分与第8名相同，按未去最高最低分的平均分比较排名在前' : u === 7 ? '综合得分与第7名相同，按未去最高最低分的平均分比较排名在后' : ''
  const tieNote =
    u === 6 || u === 7 ? '“市城市更新局规划建设处党支部”与“市应急保障局应急指挥中心”综合得分相同，按未去最高最低分的平均分比较，“市城市更新局规划建设处党支部”在前' : ''
  return {
    withdrawn: false,
    unitId: unitId(u),
    unitName: DEMO_UNITS[u][0],
    seq: u + 1,
    totals: SUBTOTALS[u].map((s, r) => ({
      reviewerId: reviewerId(r),
      subtotal: s,
      bonus: BONUSES[u][r],
      total: s === null ? null : s + BONUSES[u][r]!,
      recused: s === null,
      incomplete: false,
      dropped: r === high ? 'high' : r === low ? 'low' : null,
    })),
    validReviewerCount: recused.filter((x) => !x).length,
    trimmed: high !== null,
    highest,
    lowest,
    validMean,
    bonusMean,
    finalScore: final,
    untrimmedMean: untrimmed,
    criterionMeans: [null, null, null, null, null],
    rank,
    tied: false,
    tieNote,
    tieRemark,
    band,
    veto:
      u === 7
        ? {
            status: 'not_established',
            marks: [{ reviewerId: reviewerId(3), vetoItemId: VETO_ITEM, vetoItemName: '发生严重违纪违法案件', reason: '群众来信反映该中心一名干部违规收受礼品' }],
            decisionReason: '经向市纪委监委核实，反映问题不属实',
          }
        : { status: 'none', marks: [], decisionReason: '' },
    remarks,
  }
}

export function demoRubric(): Rubric {
  let seq = 0
  return {
    meetingId: MEETING_ID,
    basePoints: 100,
    bonusMaxPoints: 5,
    bonusGuidance: '品牌特色鲜明、成效可复制可推广的，由评委在0—5分内酌情加分并写明理由。',
    totalCapPoints: 105,
    deductionReasonRequired: true,
    criteria: DEMO_RUBRIC.map(([name, items], c) => ({
      id: uuid(4, c + 1),
      seq: c + 1,
      name,
      maxPoints: items.reduce((a, [, max]) => a + max, 0),
      items: items.map(([itemName, maxPoints, guidance]) => ({ id: uuid(5, ++seq), seq, name: itemName, maxPoints, step: 0.5, weight: 1, guidance })),
    })),
    vetoItems: ['发生严重违纪违法案件', '发生重大安全责任事故', '申报材料弄虚作假'].map((name, i) => ({ id: uuid(6, i + 1), seq: i + 1, name })),
    hash: 'fixture',
    locked: true,
  }
}

/** Spreads a subtotal over the items: full marks less half-point deductions, taken in turn. */
function itemScores(rubric: Rubric, subtotal: number, seed: number): SheetEntry['scores'] {
  const items = rubric.criteria.flatMap((c) => c.items)
  const values = items.map((i) => i.maxPoints * 10)
  let deficit = 1000 - Math.round(subtotal * 10)
  for (let k = seed; deficit > 0; k++) {
    const i = k % items.length
    if (values[i] > items[i].maxPoints * 5) {
      values[i] -= 5
      deficit -= 5
    }
  }
  const reasons = ['台账资料不够完整', '个别记录不够规范', '特色做法总结提炼不够', '群众评价材料偏少']
  return new Map(items.map((item, i) => [item.id, { value: values[i] / 10, reason: values[i] < item.maxPoints * 10 ? reasons[(i + seed) % reasons.length] : '' }]))
}

export function demoDossier(): Dossier {
  const rubric = demoRubric()
  const entries = new Map<string, SheetEntry>()
  const recused = new Set<string>()
  SUBTOTALS.forEach((row, u) =>
    row.forEach((subtotal, r) => {
      const key = pairKey(reviewerId(r), unitId(u))
      if (subtotal === null) return void recused.add(key)
      const review = DEMO_REVIEWS[`${u}:${r}`] ?? ['', '', '']
      entries.set(key, {
        scores: itemScores(rubric, subtotal, u + r),
        bonus: BONUSES[u][r],
        bonusReason: BONUSES[u][r]! >= 4 ? '品牌特色鲜明，经验可推广' : '',
        strengths: review[0],
        weaknesses: review[1],
        suggestions: review[2],
        vetoMarks: u === 7 && r === 3 ? [{ vetoItemId: VETO_ITEM, reason: '群众来信反映该中心一名干部违规收受礼品' }] : [],
      })
    }),
  )
  const results = MeetingResults.parse({
    meetingId: MEETING_ID,
    rules: {
      trimMinReviewers: 5,
      roundingPlaces: 2,
      tieBreakers: ['untrimmedMean', 'criterion:1', 'criterion:2'],
      bands: [
        { label: '优秀', minPoints: 90 },
        { label: '良好', minPoints: 80 },
        { label: '合格', minPoints: 60 },
        { label: '不合格', minPoints: 0 },
      ],
      deviationPoints: 15,
      deviationSd: 2,
    },
    ruleText: RULE_TEXT,
    reviewers: REVIEWERS.map(([name, , role], r) => ({ id: reviewerId(r), name, role })),
    criteria: rubric.criteria.map((c) => ({ id: c.id, name: c.name, maxPoints: c.maxPoints })),
    units: RANKED.map(unitResult),
    flags: [
      {
        kind: 'deviation',
        reviewerId: reviewerId(4),
        unitId: unitId(5),
        message: '吴晓东对“市社会保障服务局社保经办中心”的总分 63 分，比其他评委平均分（88.75 分）低 25.75 分（阈值 15 分）',
      },
    ],
    incompleteUnitIds: [],
    unsubmittedSheets: 0,
    computedAt: AT,
  })
  return {
    meeting: {
      id: MEETING_ID,
      title: '青岚市直机关2024年度"模范机关"创建现场评审会',
      date: '2024-12-18',
      startTime: '09:00',
      endTime: '12:30',
      place: '市行政中心3号楼5楼第二会议室',
      host: '刘建华',
      hostTitle: '市直机关工委常务副书记',
      recorder: '王小雨',
      issuingBody: '中共青岚市直属机关工作委员会',
      reportMinutes: 8,
      questionMinutes: 5,
      isDemo: true,
      createdAt: AT,
      updatedAt: AT,
    },
    rubric,
    units: DEMO_UNITS.map(([name, brand, category], u) => ({
      withdrawnAt: null,
      withdrawnReason: '',
      scored: true,
      id: unitId(u),
      meetingId: MEETING_ID,
      seq: u + 1,
      name,
      brand,
      category,
      department: '',
      contact: '',
      phone: '',
      updatedAt: AT,
    })),
    reviewers: REVIEWERS.map(([name, title, role], r) => ({ id: reviewerId(r), meetingId: MEETING_ID, seq: r + 1, name, title, role, submittedAt: AT, updatedAt: AT })),
    results,
    notes: DEMO_NOTES.map(([speaker, unit, keyPoints, decisions], i) => ({
      id: uuid(7, i + 1),
      meetingId: MEETING_ID,
      seq: i + 1,
      speaker,
      unitId: unit === null ? null : unitId(unit),
      keyPoints,
      decisions,
      updatedAt: AT,
    })),
    settings: {
      meetingId: MEETING_ID,
      title: '青岚市直机关2024年度"模范机关"创建现场评审会纪要',
      issuingBody: '中共青岚市直属机关工作委员会',
      issueDate: '2024-12-18',
      attendees: REVIEWERS.map(([name]) => name),
      observers: ['刘建华'],
      absentees: [],
      recorder: '王小雨',
      overallOpinion: '评审组认为，各参评单位对"模范机关"创建工作重视程度高，准备充分，汇报重点突出，创建工作总体扎实有效。',
      otherMatters: '请各参评单位对照评审意见，认真抓好整改提升。\n评审结果经评审组长签字确认后，由市直机关工委按程序报批并予以公布。',
      recommendedWording: '根据评审结果，经评审组合议，建议推荐以下单位为"模范机关"创建示范单位：',
      recommendedBands: ['优秀'],
      scorer: '王小雨',
      checker: '',
      markInternal: true,
      saved: true,
      updatedAt: AT,
    },
    recused,
    entries,
    opinions: new Map(),
  }
}
