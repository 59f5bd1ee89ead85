/**
 * The demo meeting's fixed content (DOMAIN.md §6): meeting, reviewers, units and the “五个模范” rubric.
 * 青岚市 is fictional; none of these units, people or telephone numbers exist.
 */

export const meeting = {
  title: '青岚市直机关2024年度“模范机关”创建现场评审会',
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
}

/** Reviewer keys are used across the generator: Z 周明远, L 林静怡, C 陈卫国, H 赵海燕, W 吴晓东. */
export const reviewers = [
  { key: 'Z', name: '周明远', title: '市直机关工委副书记', role: 'chair' as const },
  { key: 'L', name: '林静怡', title: '市委党校教授', role: 'member' as const },
  { key: 'C', name: '陈卫国', title: '市直机关工委组织部部长', role: 'member' as const },
  { key: 'H', name: '赵海燕', title: '市直机关纪工委副书记', role: 'member' as const },
  { key: 'W', name: '吴晓东', title: '特邀评审员', role: 'member' as const },
]
export type ReviewerKey = 'Z' | 'L' | 'C' | 'H' | 'W'

const unit = (department: string, part: string, brand: string, contact: string, phone: string) => ({
  name: department + part,
  category: part.endsWith('党支部') ? ('处室' as const) : ('直属单位' as const),
  department,
  brand,
  contact,
  phone,
})

export const units = [
  unit('市数据资源局', '数据共享处党支部', '数联先锋', '孙立群', '6601 2318'),
  unit('市营商环境服务局', '政务服务中心', '一窗暖心', '何雅琴', '6602 5106'),
  unit('市水利保障局', '河湖管理处党支部', '护河红哨', '郑海波', '6603 1422'),
  unit('市水利保障局', '水文监测站', '红色水文尺', '钱永福', '6603 7781'),
  unit('市文旅融合发展局', '公共服务处党支部', '书香红帆', '许嘉文', '6604 3390'),
  unit('市社会保障服务局', '社保经办中心', '马上办', '冯丽娟', '6605 8012'),
  unit('市城市更新局', '规划建设处党支部', '旧改红管家', '韩志强', '6606 2175'),
  unit('市应急保障局', '应急指挥中心', '铁军应急', '杨振东', '6607 0119'),
  unit('市交通运行局', '办公室党支部', '枢纽先锋', '蒋文博', '6608 4463'),
  unit('市机关事务服务局', '后勤保障中心', '绿色后勤', '沈秀梅', '6609 1257'),
  unit('市统计服务局', '综合处党支部', '数说初心', '曹凯', '6610 6634'),
  unit('市农业农村服务局', '科技推广站', '田间党课', '彭春生', '6611 9028'),
]

/** Steps: 0.5 for judged items; 0.1 where a survey result is converted; whole points where honours are counted. */
export const rubric = {
  basePoints: 100,
  bonusMaxPoints: 5,
  totalCapPoints: 105,
  deductionReasonRequired: true,
  bonusGuidance:
    '特色加分（0—5分）：积极打造“一机关一品牌、一支部一特色”，创建主题鲜明、工作措施具体、品牌亮点突出，做到方向正、路数清、特色明、亮点多，成效可复制可推广的，由评委在0—5分内酌情加分，并写明加分理由。',
  criteria: [
    {
      name: '做政治坚定的模范',
      maxPoints: 25,
      items: [
        ['理论武装', 8, 0.5, '坚持用习近平新时代中国特色社会主义思想凝心铸魂，落实“第一议题”制度；理论学习中心组、党支部集中学习和青年理论学习小组计划明确、记录完整、研讨深入，学习成果转化为推动工作的具体举措。'],
        ['贯彻落实', 9, 0.5, '坚决贯彻党中央决策部署和市委工作要求，在贯彻坚决、落实迅速上做表率；重大事项请示报告制度落实到位，重点部署有台账、有督办、有反馈。'],
        ['意识形态责任制', 8, 0.5, '落实意识形态工作责任制，定期研判意识形态领域情况；网站、新媒体、宣传栏等阵地管理制度健全；经常性开展政治机关意识教育和对党忠诚教育。'],
      ],
    },
    {
      name: '做提升组织力的模范',
      maxPoints: 20,
      items: [
        ['组织体系', 6, 0.5, '党支部标准化规范化建设达标，按期换届，支部委员分工明确；党组织政治功能和组织功能突出，建成有效实现党的领导的坚强战斗堡垒。'],
        ['组织生活', 8, 0.5, '严格落实“三会一课”、主题党日、组织生活会、民主评议党员和谈心谈话制度，严肃党内政治生活，记录真实完整，党课和研讨质量较高。'],
        ['党员队伍', 6, 0.5, '党员教育管理监督到位，发展党员程序规范；党员亮身份、当先锋，在完成急难险重任务中提高政治能力、发挥先锋模范作用。'],
      ],
    },
    {
      name: '做作风优良的模范',
      maxPoints: 20,
      items: [
        ['讲政治守纪律', 8, 0.5, '严明政治纪律和政治规矩，落实全面从严治党主体责任；经常性开展纪律教育和警示教育，以案促改；廉政风险防控措施覆盖全部岗位，营造良好政治生态。'],
        ['负责任有效率', 7, 0.5, '纠“四风”树新风，精文简会、为基层减负；办事流程清晰、时限明确，推诿扯皮、敷衍塞责等问题得到有效整治，贯彻坚决、落实迅速。'],
        ['群众评价', 5, 0.1, '坚持党员干部直接联系群众；参考服务对象和机关干部满意度测评结果，结合走访座谈情况综合评分，按0.1分一档计分。'],
      ],
    },
    {
      name: '做业绩过硬的模范',
      maxPoints: 20,
      items: [
        ['党建业务融合', 8, 0.5, '以高质量机关党建引领业务工作，党建与业务一体谋划、一体推进、一体落实；以党建引领破解业务难点问题，成效可量化、可检验，不搞“两张皮”。'],
        ['重点任务', 8, 0.5, '在重大活动、重点任务和“关键小事”中发挥党建引领作用；年度重点工作目标按期完成，攻坚克难、担当作为有具体实例。'],
        ['先进典型', 4, 1, '近两年获得市级以上表彰，或形成可复制推广的经验做法；先进典型总结、培树、宣传、推广有成效。每项有效典型计1分，满分4分。'],
      ],
    },
    {
      name: '做关心关爱的模范',
      maxPoints: 15,
      items: [
        ['关爱干部', 6, 0.5, '落实谈心谈话和关心关爱干部各项制度，帮助党员干部解决实际困难，关注干部身心健康，营造团结和谐的机关氛围。'],
        ['激励担当', 5, 0.5, '树立重实干、重实绩的鲜明导向，建立激励干部担当作为的具体机制，容错纠错、及时奖励等措施落实到位。'],
        ['机关文化与群团', 4, 0.5, '发挥工会、共青团、妇委会等群团组织联系广泛的优势，开展主题鲜明、形式多样、内容新颖的机关文化活动，营造严肃活泼、积极向上的机关氛围。'],
      ],
    },
  ] as { name: string; maxPoints: number; items: [string, number, 0.5 | 0.1 | 1, string][] }[],
  vetoItems: ['发生严重违纪违法案件', '发生重大安全责任事故或造成恶劣社会影响的事件', '申报材料弄虚作假'],
}

/** Demo rules: the defaults, with the SD deviation check off so the one designed far-off total stands alone. */
export const rules = {
  trimMinReviewers: 5,
  roundingPlaces: 2,
  tieBreakers: ['untrimmedMean', 'criterion:1', 'criterion:2', 'criterion:3', 'criterion:4', 'criterion:5'] as const,
  bands: [
    { label: '优秀', minPoints: 90 },
    { label: '良好', minPoints: 80 },
    { label: '合格', minPoints: 60 },
    { label: '不合格', minPoints: 0 },
  ],
  deviationPoints: 15,
  deviationSd: null,
}
