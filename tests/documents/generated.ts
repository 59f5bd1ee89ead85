/**
 * A larger meeting for document tests: the demo's rubric and settings with `units` units of long,
 * realistic names and `reviewers` reviewers (four-character names among them), scores drawn from a
 * seeded generator, a few recusals, and the results computed by the real engine (pure, no database).
 */
import { computeResults } from '../../src-main/core/results/compute'
import type { EngineInput } from '../../src-main/core/results/types'
import { pairKey, type Dossier, type SheetEntry } from '../../src-main/core/documents/dossier'
import { prng } from '../bench/synthetic'
import { demoDossier, uuid } from './fixture'
import { DEMO_REVIEWS } from './fixture-text'

const BUREAUS = ['市发展和改革委员会', '市数据资源局', '市营商环境服务局', '市水利保障局', '市城乡规划和自然资源局', '市人力资源和社会保障局', '市机关事务服务局', '市农业农村服务局', '市生态环境保护综合执法支队', '市住房和城乡建设局']
const PARTS = ['机关第一党支部', '办公室党支部', '综合规划处党支部', '政务服务中心', '信息中心党支部', '行政审批服务科党支部', '执法监督大队', '科技推广站', '后勤保障中心党支部', '统计分析处党支部']
const BRANDS = ['数联先锋', '一窗暖心', '护河红哨', '红色引擎', '初心驿站', '马上办', '绿色后勤', '田间党课', '“先锋”工作室', '']
const NAMES = ['周明远', '欧阳晓明', '林静怡', '司马青云', '陈卫国', '王芳', '诸葛文博', '赵海燕', '上官婉清', '吴晓东', '李强', '端木子涵']

/** The demo rubric with each item split in two (15 → 30 items), the criteria maxima unchanged. */
function doubledItems(d: Dossier): void {
  let seq = 0
  for (const c of d.rubric.criteria)
    c.items = c.items.flatMap((item) => {
      const first = Math.ceil(item.maxPoints / 2)
      return [
        { ...item, id: uuid(14, ++seq), seq, name: `${item.name}（一）`, maxPoints: first },
        { ...item, id: uuid(14, ++seq), seq, name: `${item.name}（二）`, maxPoints: item.maxPoints - first },
      ]
    })
}

/** `items`: 15 (the demo rubric) or 30 (each demo item split in two). */
export function generatedDossier(unitCount: number, reviewerCount: number, seed = 7, items: 15 | 30 = 15): Dossier {
  const d = demoDossier()
  if (items === 30) doubledItems(d)
  const random = prng(seed)
  const meetingId = d.meeting.id
  const at = d.meeting.createdAt
  d.units = Array.from({ length: unitCount }, (_, u) => ({
    id: uuid(12, u + 1),
    meetingId,
    seq: u + 1,
    name: `${BUREAUS[u % BUREAUS.length]}${PARTS[(u * 3 + Math.floor(u / BUREAUS.length)) % PARTS.length]}`,
    brand: BRANDS[u % BRANDS.length],
    category: u % 2 ? '直属单位' : '处室',
    department: '',
    contact: '',
    phone: '',
    updatedAt: at,
    withdrawnAt: null,
    withdrawnReason: '',
    scored: true,
  }))
  d.reviewers = Array.from({ length: reviewerCount }, (_, r) => ({
    id: uuid(13, r + 1),
    meetingId,
    seq: r + 1,
    name: NAMES[r % NAMES.length] + (r >= NAMES.length ? String(r) : ''),
    title: r === 0 ? '工委副书记' : '评审员',
    role: r === 0 ? 'chair' : 'member',
    submittedAt: at,
    updatedAt: at,
  }))
  // Two reviewers recuse themselves from a few units each: those units fall below the trim threshold.
  d.recused = new Set<string>()
  for (let u = 0; u < unitCount; u += 7) d.recused.add(pairKey(d.reviewers[2 % reviewerCount].id, d.units[u].id))
  for (let u = 3; u < unitCount; u += 11) d.recused.add(pairKey(d.reviewers[(reviewerCount - 1) % reviewerCount].id, d.units[u].id))

  const rubricItems = d.rubric.criteria.flatMap((c) => c.items)
  const reviews = Object.values(DEMO_REVIEWS)
  const scores: EngineInput['scores'] = []
  const bonuses: EngineInput['bonuses'] = []
  d.entries = new Map<string, SheetEntry>()
  for (const reviewer of d.reviewers)
    for (const [u, unit] of d.units.entries()) {
      const key = pairKey(reviewer.id, unit.id)
      if (d.recused.has(key)) continue
      const strength = random()
      const tenths = rubricItems.map((item) => Math.max(0, item.maxPoints * 10 - 5 * Math.floor(random() * random() * (2 + 6 * strength))))
      const bonusTenths = 5 * Math.floor(random() * 11)
      const review = reviews[(u + reviewer.seq) % reviews.length]
      d.entries.set(key, {
        scores: new Map(rubricItems.map((item, k) => [item.id, { value: tenths[k] / 10, reason: tenths[k] < item.maxPoints * 10 ? '台账资料不够完整' : '' }])),
        bonus: bonusTenths / 10,
        bonusReason: bonusTenths >= 40 ? '品牌特色鲜明，经验可推广' : '',
        strengths: review[0],
        weaknesses: review[1],
        suggestions: review[2],
        vetoMarks: [],
      })
      scores.push({ reviewerId: reviewer.id, unitId: unit.id, itemIds: rubricItems.map((i) => i.id), tenths })
      bonuses.push({ reviewerId: reviewer.id, unitId: unit.id, tenths: bonusTenths })
    }
  d.results = computeResults({
    meetingId,
    reviewers: d.reviewers.map(({ id, name, role }) => ({ id, name, role })),
    units: d.units.map(({ id, name, seq }) => ({ id, name, seq })),
    criteria: d.rubric.criteria.map((c) => ({ id: c.id, name: c.name, maxTenths: c.maxPoints * 10, items: c.items.map((i) => ({ id: i.id, maxTenths: i.maxPoints * 10 })) })),
    bonusMaxTenths: d.rubric.bonusMaxPoints * 10,
    totalCapTenths: (d.rubric.totalCapPoints ?? 105) * 10,
    scores,
    bonuses,
    recusals: [...d.recused].map((k) => ({ reviewerId: k.split('|')[0], unitId: k.split('|')[1] })),
    vetoMarks: [],
    vetoDecisions: [],
    rules: d.results.rules,
    computedAt: d.results.computedAt,
  })
  d.notes = []
  d.settings = { ...d.settings, attendees: d.reviewers.map((r) => r.name) }
  return d
}
