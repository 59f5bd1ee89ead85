import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApiClient, type ApiClient } from '../../src-main/shared/client'
import { createCore, type Core } from '../../src-main/core/app'

export const repoRoot = resolve(import.meta.dirname, '../..')

export interface TestCore {
  core: Core
  api: ApiClient
  dataDir: string
  dispose(): void
}

/** A real core (real SQLite file) in a fresh temporary folder. */
export function makeTestCore(): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'onsite-test-'))
  const core = createCore({ dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
  const api = createApiClient(core.dispatch)
  return {
    core,
    api,
    dataDir,
    dispose() {
      core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A small valid meeting with a two-criterion rubric, three units and three reviewers. */
export async function seedSmallMeeting(api: ApiClient) {
  const meeting = await api.meetings.create({ title: '测试评审会', date: '2024-12-18' })
  const rubric = await api.rubric.save({
    meetingId: meeting.id,
    rubric: {
      basePoints: 20,
      bonusMaxPoints: 5,
      totalCapPoints: 25,
      criteria: [
        {
          name: '做政治坚定的模范',
          maxPoints: 10,
          items: [
            { name: '理论武装', maxPoints: 6, step: 0.5 },
            { name: '贯彻落实', maxPoints: 4, step: 1 },
          ],
        },
        { name: '做作风优良的模范', maxPoints: 10, items: [{ name: '群众评价', maxPoints: 10, step: 0.1 }] },
      ],
      vetoItems: [{ name: '发生严重违纪违法案件' }],
    },
  })
  const units = []
  for (const name of ['市数据资源局数据共享处党支部', '市水利保障局水文监测站', '市统计服务局综合处党支部']) {
    units.push(await api.units.create({ meetingId: meeting.id, fields: { name, category: name.endsWith('党支部') ? '处室' : '直属单位' } }))
  }
  const reviewers = []
  for (const [name, role] of [['周明远', 'chair'], ['林静怡', 'member'], ['陈卫国', 'member']] as const) {
    reviewers.push(await api.reviewers.create({ meetingId: meeting.id, fields: { name, role } }))
  }
  const items = rubric.criteria.flatMap((c) => c.items)
  return { meeting, rubric, units, reviewers, items }
}
