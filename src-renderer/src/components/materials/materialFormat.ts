/** How a material is described in lists: size, type, the badges a reviewer must know before opening it. */
import type { OutputOf } from '@shared/contract'
import type { Material, MaterialKind } from '@shared/schemas/material'

/** One unit's line of materials.overview: count, bytes, scans (无文字层), formats the app cannot show. */
export type UnitMaterialOverview = OutputOf<'materials.overview'>[number]

/** 0 B, 812 B, 3.4 KB, 12 MB, 1.2 GB: one decimal below 10, none above. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

const KIND_LABELS: Record<MaterialKind, string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  txt: '文本',
  image: '图片',
  unsupported: '其他',
}
export const kindLabel = (kind: MaterialKind): string => KIND_LABELS[kind]

export interface MaterialBadge {
  key: 'scan' | 'unsupported'
  label: string
  /** The note in full, for the tooltip / title. */
  title: string
}

/**
 * 无文字层: a PDF without a text layer (a scan), as materials.overview counts it. 无法在程序内显示:
 * a format the viewer cannot show (.doc, .wps, .ofd…). Images have no text either but are shown, so no badge.
 */
export function materialBadges(m: Pick<Material, 'kind' | 'hasTextLayer' | 'note'>): MaterialBadge[] {
  if (m.kind === 'unsupported') return [{ key: 'unsupported', label: '无法在程序内显示', title: m.note || '程序内无法显示这种格式，请用系统程序打开' }]
  if (m.kind === 'pdf' && !m.hasTextLayer) return [{ key: 'scan', label: '无文字层', title: m.note || '扫描件，其中的文字无法搜索' }]
  return []
}

/** “台账/2024年党建台账.pdf” → folder “台账/”, file “2024年党建台账.pdf”: the folder is shown quieter. */
export function splitName(name: string): { folder: string; file: string } {
  const cut = name.lastIndexOf('/')
  return cut < 0 ? { folder: '', file: name } : { folder: name.slice(0, cut + 1), file: name.slice(cut + 1) }
}

export const pagesText = (m: Pick<Material, 'kind' | 'pageCount'>): string => (m.kind === 'pdf' ? `${m.pageCount} 页` : '')

/** The units table's 材料 column: “5 份，2 份无文字层”, “无” when the unit has none. */
export function overviewText(o: Pick<UnitMaterialOverview, 'count' | 'noTextLayer'> | undefined): string {
  if (!o || o.count === 0) return '无'
  return o.noTextLayer ? `${o.count} 份，${o.noTextLayer} 份无文字层` : `${o.count} 份`
}
