/**
 * Browser mode (`npm run serve` runs src-main/bridge/cli.ts) on a data file or folder it cannot use:
 * the real CLI in a child process must say in Chinese what is wrong and what to do, exit non-zero,
 * show no stack trace, and leave the file byte-identical with nothing added next to it.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../../src-main/core/db/migrations'
import {
  DB_NAME,
  damagePageOf,
  listing,
  runCli,
  sha256,
  TECHNICAL_TEXT,
  truncateToHalf,
  writeGarbage,
  writeValidDatabase,
} from './damaged-files'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-startup-'))
  dirs.push(dir)
  return dir
}
afterEach(() =>
  dirs.splice(0).forEach((d) => {
    chmodSync(d, 0o700)
    rmSync(d, { recursive: true, force: true })
  }),
)

/** Runs the CLI on `dir` and checks what every refusal shares; returns stderr for the specific message. */
function refuse(dir: string, options: { uid?: number; gid?: number } = {}): string {
  const file = join(dir, DB_NAME)
  const before = { hash: sha256(file), files: listing(dir) }
  const run = runCli(['--data', dir, '--port', '0'], options)
  expect(run.status, run.stderr).not.toBe(0)
  expect(run.stdout).not.toContain('已启动')
  expect(run.stderr).not.toMatch(TECHNICAL_TEXT)
  expect(run.stderr).toContain(`数据目录：${dir}`)
  expect(sha256(file)).toBe(before.hash)
  expect(listing(dir)).toEqual(before.files) // no -wal, -shm, -journal or lock file left
  return run.stderr
}

describe('browser mode refuses a data file it cannot use, in Chinese, leaving it untouched', () => {
  it('a file of garbage bytes', () => {
    const dir = tempDir()
    writeGarbage(join(dir, DB_NAME))
    const message = refuse(dir)
    expect(message).toContain('数据文件已损坏或不是“现场评审”的数据文件')
    expect(message).toContain('用备份的数据文件替换它')
    expect(message).not.toContain('--recover') // nothing in it can be read
  })

  it('a file cut short', () => {
    const dir = tempDir()
    writeValidDatabase(dir)
    truncateToHalf(join(dir, DB_NAME))
    const message = refuse(dir)
    expect(message).toMatch(/数据文件(已损坏|有损坏的部分)/)
    expect(message).toContain('用备份的数据文件替换它')
  })

  it('a sound file with one damaged page: found by the check at start, and --recover is offered', () => {
    const dir = tempDir()
    writeValidDatabase(dir)
    damagePageOf(join(dir, DB_NAME), 'scores')
    const message = refuse(dir)
    expect(message).toContain('数据文件有损坏的部分')
    expect(message).toContain(`npm run serve -- --data "${dir}" --recover "<新文件路径>"`)
  })

  it('a rollback-journal file from a newer version (not switched to WAL first)', () => {
    const dir = tempDir()
    const db = new BetterSqlite3(join(dir, DB_NAME))
    db.exec('CREATE TABLE future (x INTEGER)')
    db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    db.close()
    const message = refuse(dir)
    expect(message).toContain('数据库由更新版本的“现场评审”创建')
    expect(message).toContain('请升级程序')
  })

  it('a folder where the data file should be', () => {
    const dir = tempDir()
    mkdirSync(join(dir, DB_NAME))
    writeFileSync(join(dir, DB_NAME, '照片.jpg'), 'x')
    const run = runCli(['--data', dir, '--port', '0'])
    expect(run.status).not.toBe(0)
    expect(run.stderr).not.toMatch(TECHNICAL_TEXT)
    expect(run.stderr).toContain('数据文件的位置上是一个文件夹，不是数据文件')
    expect(run.stderr).toContain('--data')
    expect(listing(dir)).toEqual([DB_NAME])
    expect(listing(join(dir, DB_NAME))).toEqual(['照片.jpg'])
  })

  it('a file where the data folder should be', () => {
    const dir = tempDir()
    const notAFolder = join(dir, 'data')
    writeFileSync(notAFolder, '不是文件夹')
    const run = runCli(['--data', notAFolder, '--port', '0'])
    expect(run.status).not.toBe(0)
    expect(run.stderr).not.toMatch(TECHNICAL_TEXT)
    expect(run.stderr).toContain('数据目录的位置上是一个文件，不是文件夹')
    expect(listing(dir)).toEqual(['data'])
  })

  // Root ignores file permissions, so when the tests run as root the CLI runs as "nobody": a
  // folder without write permission then behaves for it exactly as it does for an ordinary user.
  it.skipIf(process.platform === 'win32')('a data folder the user may not write to', () => {
    const dir = tempDir()
    writeValidDatabase(dir)
    chmodSync(dir, 0o555)
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    const message = refuse(dir, asUser)
    expect(message).toContain(`数据目录无法写入：${dir}`)
    expect(message).toContain('可以用 --data <文件夹> 指定另一个数据目录')
  })
})
