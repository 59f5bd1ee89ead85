import type { CommentPhrases } from './schemas/phrases'

/**
 * The app's own common phrases for the three parts of a unit comment, offered until the organizer
 * saves a list (phrases.get) and brought back by 恢复默认 on the 评分标准 page. Worded for a
 * 创建模范机关 / 党支部 review; each is one clause, so phrases joined with 「；」 read as one sentence.
 */
export const DEFAULT_COMMENT_PHRASES: Readonly<CommentPhrases> = Object.freeze({
  strengths: [
    '党建工作责任制落实到位，支部书记履行“第一责任人”职责有力',
    '理论学习制度健全，“第一议题”制度落实常态长效',
    '严格落实“三会一课”、主题党日等组织生活制度，台账记录规范完整',
    '党建品牌特色鲜明，“一支部一特色”创建成效明显',
    '坚持党建与业务深度融合，以党建引领推动重点任务落地见效',
    '党员先锋模范作用发挥明显，先锋岗、责任区等载体务实管用',
    '关心关爱干部措施具体，机关文化和群团工作活跃',
    '作风建设抓得实，服务对象满意度高',
  ],
  weaknesses: [
    '理论学习的系统性和深度有待加强，学用结合不够紧密',
    '党建与业务融合的抓手不多，融合成效体现不够充分',
    '组织生活形式较为单一，吸引力和感染力有待提升',
    '台账资料归档不够规范，部分记录过于简单、佐证材料不足',
    '党建品牌特色提炼不够，示范带动作用尚未充分显现',
    '对青年党员的教育管理针对性不强',
    '作风建设长效机制有待健全，常态化监督还需加强',
  ],
  suggestions: [
    '持续深化理论武装，推动学习成果转化为推动工作的实际成效',
    '进一步找准党建与业务的结合点，打造可量化、可检验的融合载体',
    '创新组织生活方式，增强政治性、时代性、原则性、战斗性',
    '规范台账资料管理，做到记录完整、佐证充分、归档及时',
    '深化党建品牌创建，总结提炼可复制、可推广的经验做法',
    '加强对青年党员的教育培养，搭建干事创业平台',
    '健全作风建设长效机制，持续改进工作作风、提升服务质量',
  ],
})
