/** One browser-mode server per data folder: a second is refused, a lock left by a dead process is not. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireDataLock, LOCK_FILE_NAME } from '../../src-main/core/db/data-lock'
import { DatabaseError } from '../../src-main/core/db/db-errors'
import { runCli, startCli, TECHNICAL_TEXT } from './damaged-files'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-lock-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('the data folder lock', () => {
  it('a second server on the same folder refuses to start, in Chinese, and the first keeps its lock', async () => {
    const dir = tempDir()
    const first = await startCli(['--data', dir, '--port', '0'])
    try {
      const pid = readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()
      const second = runCli(['--data', dir, '--port', '0'])
      expect(second.status).not.toBe(0)
      expect(second.stderr).not.toMatch(TECHNICAL_TEXT)
      expect(second.stderr).toContain(`另一个“现场评审”浏览器模式服务（进程号 ${pid}）正在使用这个数据目录：${dir}`)
      expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(pid)
    } finally {
      await first.stop()
    }
    // Released on a normal stop (tsx's launcher may exit just before the server process it relays to).
    await expect.poll(() => existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
  })

  it('a lock left by a process that no longer exists does not block the start', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE_NAME), `${deadPid()}\n`)
    const server = await startCli(['--data', dir, '--port', '0'])
    await server.stop()
  })

  it('a lock naming our own pid, left by an earlier process that had the same pid, does not block', () => {
    const dir = tempDir()
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.pid}\n`)
    const lock = acquireDataLock(dir)
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid))
    lock.release()
  })

  it('in one process: taken while held, free again once released', () => {
    const dir = tempDir()
    const lock = acquireDataLock(dir)
    expect(() => acquireDataLock(dir)).toThrowError(DatabaseError)
    lock.release()
    acquireDataLock(dir).release()
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false)
  })
})
