/**
 * A stored material without going through the import: the bytes put into the real content store
 * (putStream) and the row written with insertMaterials, as an import would leave them. For tests of
 * what reads materials (the bridge route, material://, opening with the system's program).
 */
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Material, MaterialKind } from '../../src-main/shared/schemas/material'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { getMaterial, insertMaterials } from '../../src-main/core/materials/material-rows'
import { putStream } from '../../src-main/core/materials/material-store'
import type { TestCore } from './core'

export interface SeededUnit {
  meetingId: string
  unitId: string
}

export async function seedUnit(t: TestCore): Promise<SeededUnit> {
  const meeting = await t.api.meetings.create({ title: '材料测试评审会', date: '2024-12-18' })
  const unit = await t.api.units.create({ meetingId: meeting.id, fields: { name: '市数据资源局数据共享处党支部', category: '处室' } })
  return { meetingId: meeting.id, unitId: unit.id }
}

export async function seedMaterial(
  t: TestCore,
  where: SeededUnit,
  file: { name: string; bytes: Buffer; kind: MaterialKind; contentType: string; note?: string },
): Promise<Material> {
  const { sha256, size } = await putStream(t.dataDir, Readable.from([file.bytes]))
  const id = randomUUID()
  const material = {
    id,
    meetingId: where.meetingId,
    unitId: where.unitId,
    name: file.name,
    size,
    sha256,
    kind: file.kind,
    contentType: file.contentType,
    pageCount: 1,
    hasTextLayer: false,
    note: file.note ?? '',
    pages: [],
  }
  writeTransaction(t.core.context.db, () => insertMaterials(t.core.context.db, [material], new Date().toISOString()))
  return getMaterial(t.core.context.db, where.meetingId, id)
}
