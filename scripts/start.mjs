#!/usr/bin/env node
/**
 * `npm start`: build, make sure the Electron runtime is there, launch the app.
 * better-sqlite3 ships Node-API prebuilds, so Electron loads the same binary as Node: no native rebuild.
 * Where Electron cannot be obtained (no internet on this machine), fall back to browser mode on
 * 127.0.0.1 with one clear line saying so. `-- --data <folder> --port <n>` apply to browser mode.
 */
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { parseServeArgs, root, serve } from './serve.mjs'

const require = createRequire(join(root, 'package.json'))
const LOG = join(root, '.cache', 'npm-start.log')
// Offline the download fails within a second; this bounds a network that hangs instead.
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 5 * 60_000

/** Runs a node script, output to the console or appended to a log file; resolves true on exit 0. */
function runNode(args, { cwd, timeoutMs, logFile, label }) {
  return new Promise((resolvePromise) => {
    let stdio = 'inherit'
    let fd
    if (logFile) {
      mkdirSync(dirname(logFile), { recursive: true })
      fd = openSync(logFile, 'a')
      writeFileSync(fd, `\n=== ${new Date().toISOString()} ${label}: node ${args.join(' ')}\n`)
      stdio = ['ignore', fd, fd]
    }
    const child = spawn(process.execPath, args, { cwd, stdio, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
    const done = (ok) => {
      if (fd !== undefined) closeSync(fd)
      resolvePromise(ok)
    }
    child.once('error', () => done(false))
    child.once('exit', (code) => done(code === 0))
  })
}

/** The Electron executable, or null when node_modules/electron has no downloaded runtime. */
function electronBinary() {
  if (!existsSync(join(root, 'node_modules', 'electron', 'path.txt'))) return null
  try {
    const binary = require('electron') // the package's main export is the executable's path
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

async function ensureElectronRuntime() {
  const present = electronBinary()
  if (present) return present
  console.log('正在下载 Electron 运行时… / Downloading the Electron runtime…')
  await runNode([join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, timeoutMs: ELECTRON_DOWNLOAD_TIMEOUT_MS, logFile: LOG, label: 'electron install' })
  return electronBinary()
}

function build() {
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  return runNode([cli, 'build'], { cwd: root, label: 'electron-vite build' })
}

function launchElectron(binary) {
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE // would turn Electron into plain Node
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 0 : 1)))
  })
}

async function main() {
  const options = parseServeArgs()
  const address = `http://127.0.0.1:${options.port}`
  const details = `（详情 / details: ${relative(root, LOG)}）`
  const builtOk = await build()

  const binary = await ensureElectronRuntime()
  if (!binary) {
    console.log(`无法获取 Electron 运行时（可能没有网络），改为浏览器模式：${address} / Electron runtime unavailable (offline?) — starting browser mode ${details}`)
    return serve(options, { build: false })
  }
  if (!builtOk) {
    console.error('构建失败，请先修正上方的错误 / Build failed — fix the errors above')
    return 1
  }
  return launchElectron(binary)
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(`启动失败 / Start failed: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
}
