#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, which the
 * Electron main process loads through better-sqlite3's `nativeBinding` option. node_modules keeps
 * its Node build untouched, so `npm test` and `npm start` work in any order. Never run from
 * postinstall (ARCHITECTURE.md, "Native rebuild"); no @electron/rebuild.
 *
 * Steps (in a scratch copy, .cache/electron-native-build/better-sqlite3):
 *   1. prebuild-install --runtime electron --target <electron version>  (downloads a prebuilt binary)
 *   2. otherwise node-gyp rebuild against Electron's headers             (compiles; needs the headers)
 * A stamp file records the versions, so this only does work again when Electron or better-sqlite3 change.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
export const OUTPUT = join(root, '.electron-native', 'better_sqlite3.node')
const STAMP = join(root, '.electron-native', 'stamp.json')
const WORK = join(root, '.cache', 'electron-native-build', 'better-sqlite3')

const PREBUILD_TIMEOUT_MS = 2 * 60_000
const COMPILE_TIMEOUT_MS = 20 * 60_000

function wanted() {
  const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version
  return {
    electron: version('electron'),
    betterSqlite3: version('better-sqlite3'),
    platform: process.env.npm_config_platform || process.platform,
    arch: process.env.npm_config_arch || process.arch,
  }
}

/** True when .electron-native already holds a build for exactly these versions. */
export function electronNativeIsReady() {
  if (!existsSync(OUTPUT) || !existsSync(STAMP)) return false
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'))
    const target = wanted()
    return Object.keys(target).every((key) => stamp[key] === target[key])
  } catch {
    return false
  }
}

/** Runs a node script, output to the console or appended to a log file; resolves true on exit 0. */
export function runNode(args, { cwd, timeoutMs, logFile, label }) {
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

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'))
  } catch {
    // not installed locally: npm's bundled copy above is the usual one
  }
  return candidates.find((file) => file && existsSync(file))
}

/**
 * Makes sure .electron-native/better_sqlite3.node matches the installed Electron.
 * `logFile`: where the tools' output goes (the console when absent). Throws with a message on failure.
 */
export async function ensureElectronNative({ logFile } = {}) {
  const target = wanted()
  if (electronNativeIsReady()) return { built: false, ...target }

  try {
    return await buildInScratchCopy(target, logFile)
  } finally {
    rmSync(WORK, { recursive: true, force: true })
  }
}

async function buildInScratchCopy(target, logFile) {
  rmSync(WORK, { recursive: true, force: true })
  mkdirSync(dirname(WORK), { recursive: true })
  const source = join(root, 'node_modules', 'better-sqlite3')
  // Copy everything but the Node build: nothing in node_modules/better-sqlite3 is ever written.
  cpSync(source, WORK, { recursive: true, filter: (path) => relative(source, path).split(sep)[0] !== 'build' })

  const built = join(WORK, 'build', 'Release', 'better_sqlite3.node')
  const common = { cwd: WORK, logFile }
  const prebuildInstall = require.resolve('prebuild-install/bin.js')
  let ok = await runNode([prebuildInstall, '--runtime', 'electron', '--target', target.electron, '--arch', target.arch, '--platform', target.platform, '--verbose'], {
    ...common,
    timeoutMs: PREBUILD_TIMEOUT_MS,
    label: 'prebuild-install',
  })
  if (!ok || !existsSync(built)) {
    const nodeGyp = findNodeGyp()
    ok = nodeGyp
      ? await runNode([nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${target.electron}`, `--arch=${target.arch}`, '--dist-url=https://electronjs.org/headers'], {
          ...common,
          timeoutMs: COMPILE_TIMEOUT_MS,
          label: 'node-gyp',
        })
      : false
  }
  if (!ok || !existsSync(built)) {
    throw new Error(
      `无法为 Electron ${target.electron} 构建 better-sqlite3（下载预编译文件和本机编译都失败了，可能没有网络）` +
        ` / Could not build better-sqlite3 for Electron ${target.electron} (prebuilt download and node-gyp both failed — offline?)` +
        (logFile ? `；详情 / details: ${relative(root, logFile)}` : ''),
    )
  }

  // Atomic replace: a half-copied binary must never be mistaken for a good one.
  mkdirSync(dirname(OUTPUT), { recursive: true })
  cpSync(built, `${OUTPUT}.tmp`)
  renameSync(`${OUTPUT}.tmp`, OUTPUT)
  writeFileSync(STAMP, `${JSON.stringify({ ...target, builtAt: new Date().toISOString() }, null, 2)}\n`)
  return { built: true, ...target }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const result = await ensureElectronNative()
    console.log(
      result.built
        ? `已为 Electron ${result.electron} 构建 better-sqlite3：${relative(root, OUTPUT)} / Built better-sqlite3 for Electron ${result.electron}`
        : `better-sqlite3 的 Electron ${result.electron} 版本已就绪 / Electron build of better-sqlite3 is up to date`,
    )
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  }
}
