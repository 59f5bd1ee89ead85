/**
 * Realistic Chinese page text for search tests and the search bench: sentences of party-building
 * report vocabulary with punctuation, numbers and the odd Latin abbreviation, from a seeded
 * generator so every run sees the same pages.
 */

const PHRASES = (
  '党建 品牌 党建品牌 创建 模范机关 组织生活 理论学习 贯彻落实 意识形态 责任制 群众评价 党建业务融合 重点任务 先进典型 关爱干部 ' +
  '激励担当 机关文化 政务服务 数据共享 水利保障 河湖管理 城市更新 应急指挥 交通运行 后勤保障 统计服务 农业科技 推广 ' +
  '三会一课 主题党日 组织生活会 民主评议党员 谈心谈话 党员 发展党员 教育管理 监督 廉政风险 纪律作风 标准化 规范化 ' +
  '习近平新时代中国特色社会主义思想 全面从严治党 政治坚定 组织力 作风优良 业绩过硬 关心关爱 持续深化 推动 开展 ' +
  '落实 加强 完善 制度 机制 示范 引领作用 战斗堡垒 先锋模范 支部书记 委员会 年度 工作报告 台账 会议记录 学习笔记 ' +
  '群众满意度 办件 窗口 志愿服务 结对共建 走访 调研 问题清单 整改 台账管理 信息化 App PDF OA系统'
).split(' ')
/** The demo units' brands: each appears only in its own unit's pages, as in real materials. */
export const BRANDS = ['数联先锋', '一窗暖心', '护河红哨', '红色水文尺', '书香红帆', '马上办', '旧改红管家', '铁军应急', '枢纽先锋', '绿色后勤', '数说初心', '田间党课']
const CONNECTORS = ['，', '，', '，', '、', '和', '与', '的', '在', '中', '是', '为', '通过', '围绕', '结合', '坚持']
const ENDINGS = ['。', '。', '。', '；', '！']

/** A small seeded generator (mulberry32): the same seed gives the same pages. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]

/** One sentence: a few phrases joined by connectors, sometimes a number or the unit's brand, ended by punctuation. */
export function sentence(random: () => number, brand?: string): string {
  const parts: string[] = []
  const n = 3 + Math.floor(random() * 6)
  for (let i = 0; i < n; i++) {
    if (i > 0) parts.push(pick(random, CONNECTORS))
    const roll = random()
    if (brand && roll < 0.04) parts.push(`“${brand}”`)
    else if (roll < 0.12) parts.push(`${1 + Math.floor(random() * 2024)}${pick(random, ['次', '名', '项', '个', '万元', '%'])}`)
    else parts.push(pick(random, PHRASES))
  }
  return parts.join('') + pick(random, ENDINGS)
}

/** About `chars` characters of text, with a line break now and then (as PDF text layers have). */
export function chinesePage(random: () => number, chars = 1500, brand?: string): string {
  let text = ''
  while (text.length < chars) text += sentence(random, brand) + (random() < 0.2 ? '\n' : '')
  return text
}
