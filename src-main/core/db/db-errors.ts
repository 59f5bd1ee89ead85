/**
 * What can go wrong with the data file and folder, and the one place that says it in Chinese.
 * SQLite and the file system report these in English (`SqliteError: database or disk is full`,
 * `ENOSPC`); `toDatabaseError` turns them into a `DatabaseError` whose message a user can act on.
 */
import type { ErrorCode } from '../../shared/errors'
import { DomainError } from '../errors'

export type DbErrorCode = Extract<
  ErrorCode,
  'DB_TOO_NEW' | 'DB_CORRUPT' | 'DB_READ_ONLY' | 'DB_NOT_A_FILE' | 'DB_IN_USE' | 'DB_BUSY' | 'DISK_FULL' | 'DISK_IO'
>

export interface DbErrorFacts {
  /** The file or folder concerned. */
  path?: string
  /** DB_NOT_A_FILE: what should have been at `path`. */
  expected?: 'file' | 'folder'
  /** DB_TOO_NEW: the file's schema version and the newest this program knows. */
  version?: number
  supported?: number
  /** DB_CORRUPT: the file opens and lists its tables, so `--recover` can copy what is readable. */
  recoverable?: boolean
  /** DB_CORRUPT: the first findings of `PRAGMA quick_check`. */
  problems?: string[]
  /** DB_IN_USE: the other server's process id and its lock file. */
  pid?: number
  lockFile?: string
}

const UNTOUCHED = '程序没有改动这个文件。'
/** `：<path>` when the path is known. */
const at = (f: DbErrorFacts) => (f.path ? `：${f.path}` : '')

/** The message for a code: what is wrong, and what the user can do about it wherever the program runs. */
function describe(code: DbErrorCode, f: DbErrorFacts): string {
  switch (code) {
    case 'DB_TOO_NEW':
      return `数据库由更新版本的“现场评审”创建（结构版本 ${f.version}，本程序支持到 ${f.supported}），请升级程序后再打开。${UNTOUCHED}`
    case 'DB_CORRUPT':
      return f.recoverable
        ? `数据文件有损坏的部分${at(f)}。${UNTOUCHED}请退出程序，用备份的数据文件替换它。`
        : `数据文件已损坏或不是“现场评审”的数据文件，无法读取${at(f)}。${UNTOUCHED}请退出程序，用备份的数据文件替换它。`
    case 'DB_READ_ONLY':
      return `数据目录无法写入${at(f)}（文件夹只读、没有写入权限，或在写保护的 U 盘、光盘上）。请检查该文件夹的权限，或换一个可写的数据目录。`
    case 'DB_NOT_A_FILE':
      return f.expected === 'folder'
        ? `数据目录的位置上是一个文件，不是文件夹${at(f)}。请换一个数据目录，或把这个文件移走。${UNTOUCHED}`
        : `数据文件的位置上是一个文件夹，不是数据文件${at(f)}。请把这个文件夹移走或改名，或换一个数据目录。程序没有改动它。`
    case 'DB_IN_USE':
      return (
        `另一个“现场评审”浏览器模式服务${f.pid ? `（进程号 ${f.pid}）` : ''}正在使用这个数据目录${at(f)}。` +
        `同一数据目录同时只能运行一个服务：请使用已经运行的那个，或先关闭它。` +
        `如确认它已不在运行，可删除锁文件 ${f.lockFile ?? ''} 后重试。`
      )
    case 'DB_BUSY':
      return '数据文件正被另一个程序写入，本次操作没有保存，请稍后重试。'
    case 'DISK_FULL':
      return '磁盘空间不足，请清理磁盘或换一个数据目录后重试。本次操作没有完成，也没有留下写了一半的数据。'
    case 'DISK_IO':
      return `读写磁盘时出错（磁盘或 U 盘可能有故障或已拔出）${at(f)}。本次操作没有完成，请检查磁盘后重试；如反复出现，请先复制备份整个数据目录。`
  }
}

/** A problem with the data file or folder; `facts` lets each host add its own way out (see `startupMessage`). */
export class DatabaseError extends DomainError {
  declare readonly code: DbErrorCode
  constructor(
    code: DbErrorCode,
    readonly facts: DbErrorFacts = {},
  ) {
    super(code, describe(code, facts), facts.problems)
    this.name = 'DatabaseError'
  }
}

const isReadOnly = (code: string) => code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES'

/**
 * The user's version of a storage failure from SQLite (`SqliteError.code`) or the file system
 * (`errno` codes), or null when the error is something else. `path`, when given, is what the user
 * should look at (the data folder rather than a file inside it); otherwise the error's own path.
 */
export function toDatabaseError(error: unknown, path?: string): DatabaseError | null {
  if (error instanceof DatabaseError) return error
  const raw = (error as { code?: unknown; path?: unknown } | null)?.code
  if (typeof raw !== 'string') return null
  const own = (error as { path?: unknown }).path
  const where = path ?? (typeof own === 'string' ? own : undefined)
  if (raw === 'SQLITE_FULL' || raw === 'ENOSPC' || raw === 'EDQUOT') return new DatabaseError('DISK_FULL', { path: where })
  if (isReadOnly(raw)) return new DatabaseError('DB_READ_ONLY', { path: where })
  if (raw.startsWith('SQLITE_CORRUPT') || raw === 'SQLITE_NOTADB') return new DatabaseError('DB_CORRUPT', { path: where })
  if (raw.startsWith('SQLITE_BUSY') || raw.startsWith('SQLITE_LOCKED')) return new DatabaseError('DB_BUSY', { path: where })
  if (raw.startsWith('SQLITE_IOERR') || raw === 'SQLITE_CANTOPEN' || raw === 'EIO') return new DatabaseError('DISK_IO', { path: where })
  return null
}

export interface StartupHost {
  /** `cli`: browser mode (`npm run serve`); `desktop`: the Electron app, whose data folder is fixed. */
  kind: 'cli' | 'desktop'
  dataDir: string
}

/**
 * The whole text shown when the program cannot start on its data: the error's message plus what to
 * do on this host (the browser mode can choose another folder and run `--recover`). Never a stack trace.
 */
export function startupMessage(error: unknown, host: StartupHost): string {
  const known = toDatabaseError(error)
  if (!known) {
    const detail = error instanceof Error ? error.message : String(error)
    return `启动时发生意外错误：${detail}\n数据目录：${host.dataDir}\n请把这段文字告知技术支持。`
  }
  const lines = [known.message]
  if (known.code === 'DB_CORRUPT' && known.facts.problems?.length) {
    lines.push(`技术细节（供技术支持参考）：\n${known.facts.problems.slice(0, 3).map((p) => `  · ${p}`).join('\n')}`)
  }
  if (host.kind === 'cli') {
    if (known.code === 'DB_CORRUPT' && known.facts.recoverable) {
      lines.push(
        '没有备份时，可以把仍能读取的数据复制到一个新文件（原文件保持不变）：',
        `  npm run serve -- --data "${host.dataDir}" --recover "<新文件路径>"`,
        '复制完成后请核对新文件中的数据，再把损坏的文件移走，把新文件改名为 onsite-review.sqlite 放入数据目录。',
      )
    }
    if (['DB_READ_ONLY', 'DB_NOT_A_FILE', 'DISK_FULL'].includes(known.code)) lines.push('可以用 --data <文件夹> 指定另一个数据目录。')
  } else if (known.code === 'DB_CORRUPT' && known.facts.recoverable) {
    lines.push('没有备份时，请联系技术支持：浏览器模式的 --recover 选项可以把仍能读取的数据复制到一个新文件。')
  }
  lines.push(`数据目录：${host.dataDir}`)
  return lines.join('\n')
}
