/**
 * Many return packages merged in one job (mergeReturnPackages, the panel's choice of many files): each
 * comes out as if merged alone, in the order given — a package merged earlier in the same run is then a
 * duplicate, a forged or misplaced one (a folder, even) is refused with its reason and the others go on — and the
 * organizer's rows end up as after the same packages merged one call each. A cancel keeps what was
 * merged, touches nothing else and leaves no temporary file.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../src-main/core/app'
import { createApiClient } from '../../src-main/shared/client'
import type { JobContext } from '../../src-main/core/jobs/job-runner'
import { writeDistributionPackages, type WrittenPackage } from '../../src-main/core/packages/distribution'
import { mergeReturnPackage } from '../../src-main/core/packages/merge-return'
import { mergeReturnPackages, returnWorkerUrl, type MergeOutcome } from '../../src-main/core/packages/merge-returns'
import { prepareReturn, returnExpectation, type PreparedReturn } from '../../src-main/core/packages/return-prepare'
import type { PrepareAnswer, PrepareCall } from '../../src-main/core/packages/return-worker'
import { startWorkerService } from '../../src-main/core/jobs/worker-service'
import { openDistributionPackage } from '../../src-main/core/packages/open-distribution'
import { PackageError } from '../../src-main/core/packages/package-errors'
import { writeReturnPackage } from '../../src-main/core/packages/return-package'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'

const job = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined })

let organizer: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let usb: string
let packages: WrittenPackage[]
const returns: string[] = []
let flipped: string
/** Copies of the organizer's database before any return package was merged. */
let twins: TestCore[]
const cleanup: (() => void)[] = []
afterAll(() => {
  for (const c of cleanup.reverse()) c()
})

/** A second organizer database, the same as the first one now (VACUUM INTO a fresh data folder). */
function twinOfOrganizer(): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'onsite-twin-'))
  organizer.core.context.db.exec(`VACUUM INTO '${join(dataDir, 'onsite-review.sqlite').replaceAll("'", "''")}'`)
  const core = createCore({ dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
  const twin = { core, api: createApiClient(core.dispatch), dataDir, dispose: () => (core.close(), rmSync(dataDir, { recursive: true, force: true })) }
  cleanup.push(twin.dispose)
  return twin
}

/** What a merge leaves that does not depend on the clock: every score, merge base and merged package. */
function merged(core: TestCore) {
  const db = core.core.context.db
  return {
    scores: db.prepare('SELECT reviewer_id, unit_id, item_id, value_tenths, deduction_reason FROM scores ORDER BY 1, 2, 3').all(),
    bases: db.prepare('SELECT reviewer_id, unit_id, fields FROM merge_base_sheets ORDER BY 1, 2').all(),
    imports: db.prepare("SELECT package_id, reviewer_id, sequence, summary FROM package_imports WHERE kind = 'return' ORDER BY package_id").all(),
    reviews: db.prepare('SELECT reviewer_id, unit_id, bonus_tenths, strengths FROM reviews ORDER BY 1, 2').all(),
    submissions: db.prepare('SELECT reviewer_id, unit_id FROM sheet_submissions ORDER BY 1, 2').all(),
  }
}

const summary = (o: MergeOutcome) => (o.kind === 'report' ? { kind: o.kind, status: o.report.status, added: o.report.added } : o.kind === 'refused' ? { kind: o.kind, problem: o.problem } : o)

beforeAll(async () => {
  organizer = makeTestCore()
  cleanup.push(organizer.dispose)
  seed = await seedSmallMeeting(organizer.api)
  usb = mkdtempSync(join(tmpdir(), 'onsite-usb-batch-'))
  cleanup.push(() => rmSync(usb, { recursive: true, force: true }))
  packages = await writeDistributionPackages(organizer.core.context, seed.meeting.id, usb, job())
  for (const [r, values] of [
    [0, [5, 3, 8]],
    [1, [4.5, 2, 7]],
    [2, [6, 4, 9]],
  ] as const) {
    const laptop = makeTestCore()
    cleanup.push(laptop.dispose)
    await openDistributionPackage(laptop.core.context, join(usb, packages[r].fileName), job())
    for (const [unit] of seed.units.entries())
      for (const [item, value] of values.entries())
        await laptop.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[r].id, unitId: seed.units[unit].id, itemId: seed.items[item].id, value })
    await laptop.api.scoring.submit({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[r].id, unitIds: [seed.units[0].id] })
    returns.push((await writeReturnPackage(laptop.core.context, usb, job())).path)
  }
  // Reviewer 2's package with one byte of its data file flipped (the data file is stored: its bytes lie in the zip as they are).
  const zip = readFileSync(returns[1])
  const slice = execFileSync('unzip', ['-p', returns[1], 'data/meeting.sqlite'], { maxBuffer: 64 * 1024 * 1024 })
  const at = zip.indexOf(slice.subarray(slice.length / 2, slice.length / 2 + 64))
  zip[at + 10] ^= 0xff
  flipped = join(usb, 'flipped.zip')
  writeFileSync(flipped, zip)
  twins = [twinOfOrganizer(), twinOfOrganizer()]
})

describe('merging many return packages in one job', () => {
  it('gives each package the answer it gets alone, in order, and leaves the rows a one-by-one merge leaves', async () => {
    const twin = twins[0]
    const paths = [returns[0], returns[0], flipped, returns[1], join(usb, packages[2].fileName), usb, returns[2], join(usb, '不存在.zip')]
    // The worker loaded first: it prepares from the first package on (alone, this thread prepares until it has).
    const outcomes = await mergeReturnPackages(organizer.core.context, seed.meeting.id, paths, job(), { awaitWorker: true })
    expect(outcomes.map(summary)).toEqual([
      { kind: 'report', status: 'merged', added: 10 },
      { kind: 'report', status: 'duplicate', added: 0 },
      { kind: 'refused', problem: 'hash-mismatch' },
      { kind: 'report', status: 'merged', added: 10 },
      { kind: 'refused', problem: 'wrong-kind' },
      { kind: 'refused', problem: 'not-zip' },
      { kind: 'report', status: 'merged', added: 10 },
      { kind: 'refused', problem: 'not-found' },
    ])
    const refusal = outcomes[2] as Extract<MergeOutcome, { kind: 'refused' }>
    expect(refusal.message).toContain('校验值不符')

    // The same packages, one call each, on a copy of the organizer's database as it was.
    const alone: unknown[] = []
    for (const path of paths)
      alone.push(
        await mergeReturnPackage(twin.core.context, seed.meeting.id, path).then(
          (report) => ({ kind: 'report', status: report.status, added: report.added }),
          (error: unknown) => ({ kind: 'refused', problem: (error as PackageError).problem }),
        ),
      )
    expect(outcomes.map(summary)).toEqual(alone)
    expect(merged(organizer)).toEqual(merged(twin))
    expect(merged(organizer).scores).toHaveLength(3 * 3 * 3)
  })

  it('the worker thread prepares a package as this thread does, refusals included', async () => {
    const expected = returnExpectation(organizer.core.context.db, seed.meeting.id)
    const worker = startWorkerService<PrepareCall, PrepareAnswer>(returnWorkerUrl())
    const dir = mkdtempSync(join(tmpdir(), 'onsite-prepare-'))
    const comparable = (p: PreparedReturn) =>
      p.ok ? { ...p, manifestBytes: Buffer.from(p.manifestBytes).toString('utf8'), slice: p.slice.ok ? { ok: true } : p.slice } : p
    try {
      const answers = []
      for (const [i, path] of [returns[0], flipped, join(usb, packages[0].fileName)].entries()) {
        const there = (await worker.call({ path, expected, sliceFile: join(dir, `worker-${i}.sqlite`) })) as PreparedReturn
        const here = await prepareReturn(path, expected, join(dir, `here-${i}.sqlite`))
        expect(comparable(there)).toEqual(comparable(here))
        answers.push(there)
      }
      expect(answers.map((a) => (a.ok ? (a.slice.ok ? 'ok' : a.slice.refusal.problem) : a.refusal.problem))).toEqual(['ok', 'hash-mismatch', 'wrong-kind'])
      expect(readFileSync(join(dir, 'worker-0.sqlite')).equals(readFileSync(join(dir, 'here-0.sqlite')))).toBe(true)
    } finally {
      await worker.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a cancel keeps the packages merged before it, changes nothing else and leaves no temporary file', async () => {
    const twin = twins[1]
    const dataBefore = snapshotDatabase(twin.core.context.db)
    const controller = new AbortController()
    const temp = join(twin.dataDir, 'tmp')
    mkdirSync(temp)
    const savedTmp = process.env.TMPDIR
    process.env.TMPDIR = temp
    let outcomes: MergeOutcome[]
    try {
      // Cancelled as the first package's merge is reported, as the 取消 button would between two packages.
      const progress: JobContext['progress'] = (_done, _total, detail) => {
        if (detail?.files?.done === 1) controller.abort(new Error('取消'))
      }
      outcomes = await mergeReturnPackages(twin.core.context, seed.meeting.id, [returns[2], returns[0], returns[1]], { signal: controller.signal, progress })
    } finally {
      process.env.TMPDIR = savedTmp
    }
    expect(outcomes.map(summary)).toEqual([{ kind: 'report', status: 'merged', added: 10 }, { kind: 'cancelled' }, { kind: 'cancelled' }])
    expect(readdirSync(temp)).toEqual([])
    const after = snapshotDatabase(twin.core.context.db)
    const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(dataBefore[table]))
    expect(changed.sort()).toEqual(['history_heads', 'merge_base_sheets', 'package_imports', 'score_history', 'scores', 'sheet_submissions'])
    expect(merged(twin).imports).toEqual([expect.objectContaining({ reviewer_id: seed.reviewers[2].id })])
  })
})
