/**
 * The files electron-builder would put into app.asar for one platform and arch, chosen with
 * electron-builder's own matchers (app-builder-lib's getMainFileMatchers / getNodeModuleFileMatcher:
 * the same `files` globs, its default exclusions and macro expansion), so the asar test packs what a
 * real `npm run dist:*` would, without the Electron download.
 */
import { readdirSync, statSync, type Stats } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, sep } from 'node:path'
import type { Configuration } from 'electron-builder'
import { dependencyClosure } from '../../scripts/bundled-modules'

const require = createRequire(import.meta.url)

type Filter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean
interface Matcher {
  from: string
  createFilter(): Filter
}
interface FileMatcherModule {
  getMainFileMatchers(appDir: string, destination: string, expand: (s: string) => string, platformOptions: unknown, packager: unknown, outDir: string, isElectronCompile: boolean): Matcher[]
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: unknown, packager: unknown): Matcher
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Configuration>
  validateConfiguration(config: Configuration, logger: unknown): Promise<void>
}

const fileMatcher = require('app-builder-lib/out/fileMatcher.js') as FileMatcherModule
const configLoader = require('app-builder-lib/out/util/config/config.js') as ConfigModule
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

/** electron-builder.config.ts as electron-builder reads it (merged with its defaults), checked against its schema. */
export async function loadBuilderConfig(projectDir: string): Promise<Configuration> {
  const config = await configLoader.getConfig(projectDir, 'electron-builder.config.ts', null)
  await configLoader.validateConfiguration(config, new DebugLogger(false))
  return config
}

export type BuildPlatform = 'linux' | 'win' | 'mac'

/** Absolute paths (under appDir) of every file the app archive would hold for this platform and arch. */
export function packagedFiles(appDir: string, config: Configuration, platform: BuildPlatform, arch: 'x64' | 'arm64'): string[] {
  const expand = (pattern: string) => {
    const expanded = pattern.replaceAll('${arch}', arch)
    // electron-builder expands no other macro in `files` the same way on every build machine.
    if (/\$\{/.test(expanded)) throw new Error(`unsupported macro in files pattern: ${pattern}`)
    return expanded
  }
  const platformOptions = config[platform] ?? {}
  const info = { projectDir: appDir, buildResourcesDir: config.directories?.buildResources ?? 'build', config, isPrepackedAppAsar: false, debugLogger: { isEnabled: false } }
  const outDir = join(appDir, config.directories?.output ?? 'dist')
  // Every matcher copies its files; a second one (e.g. from a platform-level `files`) can bring in everything.
  const matchers = fileMatcher.getMainFileMatchers(appDir, appDir, expand, platformOptions, { info }, outDir, false)
  const files = matchers.flatMap((matcher) => walk(matcher.from, matcher.createFilter(), (path) => relative(appDir, path) === 'node_modules'))

  const modules = fileMatcher.getNodeModuleFileMatcher(appDir, appDir, expand, platformOptions, info).createFilter()
  const moduleFilter: Filter = (file, stat) => modules(file, Object.assign(stat, { moduleFullFilePath: relative(appDir, file).split(sep).join('/') }))
  const pkg = require(join(appDir, 'package.json')) as { dependencies?: Record<string, string> }
  for (const dir of dependencyClosure(appDir, Object.keys(pkg.dependencies ?? {}))) {
    // A nested node_modules folder holds other packages, collected on their own.
    files.push(...walk(dir, moduleFilter, (path) => path !== dir && path.endsWith(`${sep}node_modules`)))
  }
  return [...new Set(files)].sort()
}

function walk(dir: string, filter: Filter, skip: (path: string) => boolean): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (skip(path)) continue
    const stat = statSync(path)
    if (!filter(path, stat)) continue
    if (stat.isDirectory()) found.push(...walk(path, filter, skip))
    else found.push(path)
  }
  return found
}
