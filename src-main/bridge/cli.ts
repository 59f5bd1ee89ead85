/**
 * `npm run serve -- --data <folder> --port <n>`: browser mode on 127.0.0.1.
 * `npm run serve -- --data <folder> --recover <new file>`: copies what can still be read from a
 * damaged data file into a new one, then exits. Anything that stops the start is said in Chinese,
 * without a stack trace, with a non-zero exit code.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore, databaseFile, makeDataDir, type Core } from '../core/app'
import { acquireDataLock } from '../core/db/data-lock'
import { startupMessage } from '../core/db/db-errors'
import { recoverDatabase } from '../core/db/recover'
import { DomainError } from '../core/errors'
import { recoveryText } from './recovery-text'
import { startBridge } from './server'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function exitWith(message: string, code = 1): never {
  console.error(message)
  process.exit(code)
}

let values: { data: string; port: string; recover?: string }
try {
  values = parseArgs({
    options: {
      data: { type: 'string', default: join(root, 'data') },
      port: { type: 'string', default: '5790' },
      recover: { type: 'string' },
    },
  }).values as typeof values
} catch (error) {
  exitWith(`命令行参数有误：${error instanceof Error ? error.message : error}\n可用的选项：--data <数据目录>  --port <端口>  --recover <新文件>`, 2)
}
const dataDir = resolve(values.data)
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) exitWith(`端口无效：${values.port}（应为 0–65535 的整数）`, 2)

if (values.recover !== undefined) {
  try {
    const report = recoverDatabase(databaseFile(dataDir), resolve(values.recover))
    console.log(recoveryText(report))
    process.exit(0)
  } catch (error) {
    exitWith(error instanceof DomainError && error.code !== 'DB_CORRUPT' ? error.message : startupMessage(error, { kind: 'cli', dataDir }))
  }
}

let core: Core
try {
  makeDataDir(dataDir)
  // A second server on the same folder would interleave its writes with ours: refuse it.
  const lock = acquireDataLock(dataDir)
  process.on('exit', () => lock.release())
  core = createCore({ dataDir, resourcesDir: join(root, 'resources'), appVersion: readAppVersion() })
} catch (error) {
  exitWith(startupMessage(error, { kind: 'cli', dataDir }))
}

const staticDir = join(root, 'out/renderer')
if (!existsSync(join(staticDir, 'index.html'))) console.warn('界面尚未构建（out/renderer），只提供 API。请先运行 npm run build。')
let server: Awaited<ReturnType<typeof startBridge>>
try {
  server = await startBridge({ core, staticDir, port })
} catch (error) {
  core.close()
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
  exitWith(inUse ? `端口 ${port} 已被占用：请关闭占用它的程序，或用 --port 指定另一个端口。` : startupMessage(error, { kind: 'cli', dataDir }))
}
console.log(`现场评审（浏览器模式）已启动：${server.url}  数据目录：${dataDir}`)

const stop = () => {
  server.close()
  core.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

function readAppVersion(): string {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string
}
