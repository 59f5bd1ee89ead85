#!/usr/bin/env node
/**
 * `npm run serve -- --data <folder> --port <n>`: browser mode. Builds the renderer when it is
 * missing or older than its sources, then runs the HTTP bridge (src-main/bridge/cli.ts) on
 * 127.0.0.1. start.mjs reuses `serve()` when Electron cannot run on this machine.
 * `npm run serve -- --data <folder> --recover <new file>` copies what can still be read from a
 * damaged data file into a new file (the bridge CLI does it and exits; no build needed).
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_PORT = 5790
const require = createRequire(import.meta.url)

/** `--data`, `--port` and `--recover`, shared with start.mjs. */
export function parseServeArgs(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: join(root, 'data') },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      recover: { type: 'string' },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口无效：${values.port}（应为 0–65535 的整数）`)
  return { data: resolve(values.data), port, recover: values.recover === undefined ? undefined : resolve(values.recover) }
}

/** Newest modification time of any file under `dir` (0 when absent). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** True when out/renderer/index.html is missing or older than what it is built from. */
export function rendererIsStale() {
  const built = join(root, 'out/renderer/index.html')
  if (!existsSync(built)) return true
  const sources = [join(root, 'src-renderer'), join(root, 'src-main/shared')].map(newestMtime)
  const config = statSync(join(root, 'electron.vite.config.ts')).mtimeMs
  return Math.max(config, ...sources) > statSync(built).mtimeMs
}

/** Builds only the renderer, from the `renderer` part of electron.vite.config.ts. */
export async function buildRenderer() {
  const { loadConfigFromFile } = await import('electron-vite')
  const { build } = await import('vite')
  const { config } = await loadConfigFromFile({ command: 'build', mode: 'production' }, undefined, root, 'warn')
  const renderer = typeof config.renderer === 'function' ? await config.renderer({ command: 'build', mode: 'production' }) : config.renderer
  if (!renderer) throw new Error('electron.vite.config.ts 中没有 renderer 配置')
  await build({ ...renderer, configFile: false, logLevel: 'warn', build: { ...renderer.build, outDir: join(root, 'out/renderer'), emptyOutDir: true } })
}

/** Runs the bridge in a child process until it exits; resolves with its exit code. */
export function runBridge({ data, port, recover }) {
  const args = ['--data', data, '--port', String(port), ...(recover ? ['--recover', recover] : [])]
  // `--import tsx`, not tsx's launcher: a signal then reaches the bridge itself, which releases
  // its lock on the data folder (the launcher kills a child that is slow to acknowledge it).
  const tsx = pathToFileURL(require.resolve('tsx')).href
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src-main/bridge/cli.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
  })
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal))
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 0 : 1)))
  })
}

/** `build: false` when the caller has just tried (start.mjs), so a failing build is not run twice. */
export async function serve(options, { build = true } = {}) {
  if (build && !options.recover && rendererIsStale()) {
    console.log('正在构建界面（out/renderer）… / Building the renderer…')
    try {
      await buildRenderer()
    } catch {
      // The API stays useful (and testable) while the UI does not compile; say so loudly.
      console.error('界面构建失败（错误见上方），仍启动接口服务 / Renderer build failed (see above) — serving the API anyway')
    }
  }
  return runBridge(options)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = await serve(parseServeArgs())
  } catch (error) {
    console.error(`浏览器模式启动失败 / Browser mode failed: ${error instanceof Error ? error.message : error}`)
    process.exitCode = 1
  }
}
