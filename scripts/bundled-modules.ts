/**
 * Which installed packages the packaged app must not carry in app.asar: the renderer's libraries
 * (Vue, Element Plus, ECharts…) are bundled by Vite into out/renderer, so their node_modules copies
 * would only add ~100 MB to every installer. A package that the main process also reaches (through
 * any of its own dependencies) is kept. electron-builder.config.ts turns the answer into `files`
 * exclusions; tests/unit/build/app-asar.test.ts checks that every module the built main process
 * imports is still in the asar.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

/** Dependencies that only the renderer imports (Vite bundles them into out/renderer). */
export const RENDERER_ONLY_DEPENDENCIES = [
  '@element-plus/icons-vue',
  'docx-preview',
  'echarts',
  'element-plus',
  'pinia',
  'vue',
  'vue-echarts',
  'vue-router',
] as const

interface PackageJson {
  name: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/** The folder Node would load `name` from, when required from a file in `from`. */
function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return null
  }
}

/** Every installed package folder reachable from `names` through dependencies (as electron-builder collects them). */
export function dependencyClosure(appDir: string, names: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const stack = names.map((name) => ({ name, from: appDir }))
  for (let next = stack.pop(); next; next = stack.pop()) {
    const dir = packageDir(next.name, next.from)
    if (!dir || seen.has(dir)) continue
    seen.add(dir)
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) stack.push({ name: dep, from: dir })
  }
  return seen
}

/**
 * Folders (relative to appDir, POSIX separators, outermost only) that only the renderer's
 * dependencies reach: safe to leave out of app.asar.
 */
export function rendererOnlyModuleDirs(appDir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as PackageJson
  const all = Object.keys(pkg.dependencies ?? {})
  const rendererOnly = new Set<string>(RENDERER_ONLY_DEPENDENCIES)
  const main = dependencyClosure(appDir, all.filter((name) => !rendererOnly.has(name)))
  const dropped = [...dependencyClosure(appDir, all)].filter((dir) => !main.has(dir)).sort()
  // A folder inside one already dropped goes with it.
  const outermost = dropped.filter((dir) => !dropped.some((other) => other !== dir && dir.startsWith(`${other}${sep}`)))
  return outermost.map((dir) => relative(appDir, dir).split('\\').join('/'))
}
