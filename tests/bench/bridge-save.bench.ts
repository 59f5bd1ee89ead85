/**
 * One score save as the browser-mode UI sends it: `POST /api/scores.save` over HTTP to the real bridge,
 * on one kept-alive connection (a browser reuses its socket), p50/p99. Baseline in the same run: the same
 * saves through the dispatcher in-process (no HTTP), interleaved one for one so both see the same database
 * and the same garbage collector. The client runs in the bridge's own process, so the HTTP figure also
 * carries the client's work (pessimistic). Goal (issue 9): p99 < 5 ms.
 */
import { Agent, request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import { startBridge } from '../../src-main/bridge/server'
import { createSyntheticMeeting } from './synthetic'
import { msSince, percentile, type BenchResult } from './report'

const SAVES = 2000
const WARM_UP = 100

interface Reply {
  status: number
  body: { ok: boolean; error?: { message: string } }
}

/** A POST with the headers a page of the app sends (JSON, its own origin), over the shared keep-alive agent. */
function post(agent: Agent, origin: string, path: string, input: unknown): Promise<Reply> {
  const body = Buffer.from(JSON.stringify(input))
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, origin, accept: '*/*' } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

export async function benchBridgeSave(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-'))
  const core = createCore({ dataDir: dir, resourcesDir: dir, appVersion: 'bench' })
  const server = await startBridge({ core, port: 0 })
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  let connections = 0
  server.on('connection', () => connections++)
  try {
    // The same size as the dispatcher bench: 300 units × 40 reviewers × 30 items, 360,000 scores stored.
    const m = createSyntheticMeeting(core.context.db, { units: 300, reviewers: 40, items: 30 })
    /** The i-th save of a path; the two paths write different sheets of the same reviewers. */
    const save = (i: number, offset: number) => {
      const item = m.items[i % m.items.length]
      return {
        meetingId: m.meeting.id,
        reviewerId: m.reviewerIds[i % m.reviewerIds.length],
        unitId: m.unitIds[(i * 7 + offset) % m.unitIds.length],
        itemId: item.id,
        value: item.maxPoints - (i % 3) * 0.5,
      }
    }
    const viaHttp: number[] = []
    const inProcess: number[] = []
    for (let i = 0; i < WARM_UP + SAVES; i++) {
      let start = process.hrtime.bigint()
      const direct = await core.dispatch('scores.save', save(i, 0))
      const directMs = msSince(start)
      if (!direct.ok) throw new Error(direct.error.message)

      start = process.hrtime.bigint()
      const reply = await post(agent, server.url, '/api/scores.save', save(i, 150))
      const httpMs = msSince(start)
      if (reply.status !== 200 || !reply.body.ok) throw new Error(`HTTP ${reply.status}: ${reply.body.error?.message}`)

      if (i < WARM_UP) continue
      inProcess.push(directMs)
      viaHttp.push(httpMs)
    }
    // Keep-alive, as a browser does it: every request on the first connection.
    if (connections !== 1) throw new Error(`expected one kept-alive connection, the bridge saw ${connections}`)
    viaHttp.sort((a, b) => a - b)
    inProcess.sort((a, b) => a - b)
    return [50, 99].map((p) => ({
      name: `score save through the bridge (HTTP, keep-alive) p${p} (${SAVES} saves, 360,000 scores in the database)`,
      value: percentile(viaHttp, p),
      unit: 'ms' as const,
      baselineName: `same saves through the dispatcher in-process p${p}`,
      baseline: percentile(inProcess, p),
      goal: p === 99 ? 'p99 < 5 ms' : '—',
      met: p === 99 ? percentile(viaHttp, p) < 5 : true,
    }))
  } finally {
    agent.destroy()
    await new Promise((resolve) => server.close(resolve))
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
