/**
 * The app archive of a real build: `electron-vite build` into a temporary app folder, the files
 * chosen by electron-builder's own matchers from electron-builder.config.ts, packed with
 * @electron/asar and its unpack pattern — what `npm run dist:linux -- --x64` puts into
 * resources/app.asar(.unpacked), minus the Electron download.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { createPackageFromFiles, extractAll, extractFile, listPackage, statFile } from '@electron/asar'
import { build } from 'electron-vite'
import type { Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { RENDERER_ONLY_DEPENDENCIES, dependencyClosure } from '../../../scripts/bundled-modules'
import { repoRoot } from '../../helpers/core'
import { cidTextPdf } from '../../helpers/material-fixtures'
import { loadBuilderConfig, packagedFiles } from '../../helpers/packaged-files'
import type * as Fake from '../../electron/fake-electron'

vi.mock('electron', () => import('../../electron/fake-electron'))

const work = mkdtempSync(join(tmpdir(), 'onsite-asar-'))
/** The project as the packager sees it: built output, resources, package.json, node_modules — and the sources it must leave out. */
const appDir = join(work, 'app')
const asar = join(work, 'resources', 'app.asar')
let config: Configuration
let entries: Set<string>

beforeAll(async () => {
  mkdirSync(appDir)
  mkdirSync(join(work, 'resources'))
  copyFileSync(join(repoRoot, 'package.json'), join(appDir, 'package.json'))
  for (const name of ['node_modules', 'resources', 'src-main', 'src-renderer', 'tests', 'docs', 'scripts', 'electron-builder.config.ts', 'electron.vite.config.ts', 'README.md']) {
    symlinkSync(join(repoRoot, name), join(appDir, name))
  }
  // Into the temporary folder, not the repository's out/ (end-to-end tests rebuild out/renderer there).
  await build({ root: repoRoot, configFile: join(repoRoot, 'electron.vite.config.ts'), logLevel: 'error', build: { outDir: join(appDir, 'out') } })

  config = await loadBuilderConfig(repoRoot)
  const unpack = config.asarUnpack as string[]
  await createPackageFromFiles(appDir, asar, packagedFiles(appDir, config, 'linux', 'x64'), undefined, { unpack: unpack.length === 1 ? unpack[0] : `{${unpack.join(',')}}` })
  entries = new Set(listPackage(asar, { isPack: false }).map((entry) => entry.split('\\').join('/')))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

const text = (path: string) => extractFile(asar, path).toString('utf8')
const has = (path: string) => entries.has(path)
const list = () => [...entries]

/** Bare module specifiers a built file imports: static imports/re-exports at line start (not comments) and import("…"). */
function bareImports(source: string): string[] {
  const statement = /^(?:import|export|\})[^\n;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm
  const found = [...source.matchAll(statement)].map((m) => m[1] ?? m[2] ?? m[3])
  return found.filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:') && spec !== 'electron')
}
/** Dependencies of main-process packages the config leaves out on purpose (pdf.js' canvas draws; we only read text). */
const LEFT_OUT = ['@napi-rs/canvas']
const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')

describe('app.asar of a real build (linux x64)', () => {
  it('holds the main process, its workers, the CommonJS preload, the renderer with pdf.js data, resources and package.json', () => {
    const pkg = JSON.parse(text('package.json')) as { main: string; type: string }
    expect(pkg.main).toBe('out/main/index.js')
    expect(has(`/${pkg.main}`)).toBe(true)
    expect(has('/out/main/extract-worker.js')).toBe(true)
    expect(has('/out/main/return-worker.js')).toBe(true)

    // A sandboxed preload cannot be an ES module.
    const preload = text('out/preload/index.cjs')
    expect(preload).toMatch(/require\("electron"\)/)
    expect(preload).not.toMatch(/^\s*(import|export)\s/m)

    expect(text('out/renderer/index.html')).toContain('<div id="app">')
    for (const dir of ['cmaps', 'standard_fonts', 'wasm']) expect(list().some((e) => e.startsWith(`/out/renderer/pdfjs/${dir}/`)), dir).toBe(true)
    expect(has('/resources/demo/demo-meeting.json')).toBe(true)
    expect(has('/resources/rubric-templates/party-branch-standard.json')).toBe(true)
  })

  it('has everything where the packaged main process looks for it (app.getAppPath() is the app.asar)', async () => {
    const fake = (await import('electron')) as unknown as typeof Fake
    fake.app.appPath = asar
    const { resolveAppPaths } = await import('../../../src-main/electron/paths')
    const paths = resolveAppPaths()
    const inside = (path: string) => `/${relative(asar, path).split('\\').join('/')}`
    expect(has(inside(join(paths.rendererDir, 'index.html')))).toBe(true)
    expect(has(inside(paths.preloadPath))).toBe(true)
    expect(has(inside(join(paths.resourcesDir, 'demo', 'demo-meeting.json')))).toBe(true)
    expect(paths.dataDir).toBe(fake.app.userData) // outside the archive, which is read-only
  })

  it('leaves out sources, tests, docs, build files and source maps', () => {
    for (const dir of ['src-main', 'src-renderer', 'tests', 'docs', 'scripts']) expect(list().filter((e) => e.startsWith(`/${dir}/`) || e === `/${dir}`), dir).toEqual([])
    for (const file of ['electron-builder.config.ts', 'electron.vite.config.ts', 'README.md']) expect(has(`/${file}`), file).toBe(false)
    expect(list().filter((e) => e.endsWith('.map'))).toEqual([])
    expect(list().filter((e) => !e.startsWith('/node_modules/') && /\.[cm]?ts$/.test(e))).toEqual([])
  })

  it('every module the built main process imports is in the archive, with its dependencies; the renderer libraries are not', () => {
    const built = readdirSync(join(appDir, 'out/main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    const specs = new Set(built.flatMap((f) => bareImports(readFileSync(join(appDir, 'out/main', f), 'utf8'))))
    expect(specs).toContain('better-sqlite3')
    expect(specs).toContain('pdfjs-dist/legacy/build/pdf.mjs')
    for (const spec of specs) {
      const subpath = spec === packageName(spec) ? '' : spec.slice(packageName(spec).length)
      expect(has(`/node_modules/${packageName(spec)}/package.json`), spec).toBe(true)
      if (subpath.includes('.')) expect(has(`/node_modules/${spec}`), spec).toBe(true)
    }
    const names = [...specs].map(packageName)
    const leftOut = dependencyClosure(appDir, LEFT_OUT)
    for (const dir of [...dependencyClosure(appDir, names)].filter((dir) => !leftOut.has(dir))) {
      const inArchive = `/${dir.slice(appDir.length + 1).split('\\').join('/')}/package.json`
      expect(has(inArchive), inArchive).toBe(true)
    }
    for (const name of LEFT_OUT) expect(has(`/node_modules/${name}/package.json`), name).toBe(false)
    for (const name of [...RENDERER_ONLY_DEPENDENCIES, 'zrender', '@vue/runtime-core', 'lodash-es']) expect(has(`/node_modules/${name}/package.json`), name).toBe(false)
  })

  it('loads every one of them from the packed files, and pdf.js reads Chinese text with its packed CMaps (no canvas)', () => {
    const built = readdirSync(join(appDir, 'out/main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
    const specs = [...new Set(built.flatMap((f) => bareImports(readFileSync(join(appDir, 'out/main', f), 'utf8'))))]
    // Beside the main bundle, so every import resolves as Electron's main process would resolve it.
    const extracted = join(work, 'extracted')
    extractAll(asar, extracted)
    const probe = join(extracted, 'out/main/probe.mjs')
    writeFileSync(join(work, 'report.pdf'), cidTextPdf([['数据共享处创建工作报告']]))
    writeFileSync(
      probe,
      `${specs.map((spec) => `await import(${JSON.stringify(spec)})`).join('\n')}
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
const { readFileSync } = await import('node:fs')
const root = ${JSON.stringify(join(extracted, 'node_modules/pdfjs-dist'))}
const doc = await getDocument({ data: new Uint8Array(readFileSync(${JSON.stringify(join(work, 'report.pdf'))})), cMapUrl: root + '/cmaps/', cMapPacked: true, standardFontDataUrl: root + '/standard_fonts/', useSystemFonts: false, verbosity: 0 }).promise
const page = await doc.getPage(1)
console.log((await page.getTextContent()).items.map((item) => item.str).join('').replace(/\\s+/g, ''))
`,
    )
    expect(execFileSync(process.execPath, [probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').at(-1)).toBe('数据共享处创建工作报告')
    expect(list().some((e) => e.startsWith('/node_modules/pdfjs-dist/cmaps/'))).toBe(true)
  })

  it("unpacks better-sqlite3's binaries for this arch beside the archive, and carries none for another arch", () => {
    const binary = '/node_modules/better-sqlite3/prebuilds/linux-x64.node'
    expect(has(binary)).toBe(true)
    expect(statFile(asar, binary.slice(1))).toMatchObject({ unpacked: true })
    const unpacked = join(`${asar}.unpacked`, binary)
    expect(readFileSync(unpacked).equals(readFileSync(join(repoRoot, binary)))).toBe(true)
    // Its JavaScript stays in the archive; Electron redirects the require of the .node file.
    expect(statFile(asar, 'node_modules/better-sqlite3/lib/index.js')).not.toHaveProperty('unpacked', true)
    expect(text('node_modules/better-sqlite3/lib/linux-x64.js')).toContain("require('../prebuilds/linux-x64.node')")
    // `files` cannot tell platforms apart (see electron-builder.config.ts): the x64 builds of the other two ride along.
    const x64 = ['darwin-x64', 'linux-x64', 'win32-x64'].map((name) => `/node_modules/better-sqlite3/prebuilds/${name}.node`)
    const natives = list().filter((e) => e.endsWith('.node'))
    expect(natives.filter((e) => e.includes('/better-sqlite3/')).sort()).toEqual(x64)
    expect(list().filter((e) => e.startsWith('/node_modules/better-sqlite3/') && /\/(deps|src)\//.test(e))).toEqual([])
    // Every native module is unpacked, and nothing else: what sits outside the archive escapes its integrity check.
    for (const native of natives) expect(statFile(asar, native.slice(1)), native).toMatchObject({ unpacked: true })
    const outside = readdirSync(`${asar}.unpacked`, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(`${asar}.unpacked`, f)).isFile())
    expect(outside.map((f) => `/${f.split('\\').join('/')}`).sort()).toEqual(natives.sort())
  })

  it('stays small: no renderer library is carried twice', () => {
    const unpacked = readdirSync(`${asar}.unpacked`, { recursive: true, encoding: 'utf8' }).map((f) => statSync(join(`${asar}.unpacked`, f)))
    const size = statSync(asar).size + unpacked.filter((s) => s.isFile()).reduce((sum, s) => sum + s.size, 0)
    console.log(`app.asar ${(statSync(asar).size / 2 ** 20).toFixed(1)} MB + unpacked ${((size - statSync(asar).size) / 2 ** 20).toFixed(1)} MB`)
    expect(size).toBeLessThan(120 * 1024 * 1024)
  })
})

describe("each installer carries better-sqlite3's binary for its platform and arch", () => {
  it.each([
    ['win', 'x64', 'win32-x64'],
    ['mac', 'arm64', 'darwin-arm64'],
    ['linux', 'arm64', 'linux-arm64'],
  ] as const)('%s %s → %s.node', (platform, arch, prebuild) => {
    const sqlite = join(appDir, 'node_modules/better-sqlite3/prebuilds')
    const all = packagedFiles(appDir, config, platform, arch)
    const files = all.filter((f) => f.startsWith(sqlite) && f.endsWith('.node'))
    expect(files).toContain(join(sqlite, `${prebuild}.node`))
    expect(files).toHaveLength(3)
    expect(files.every((f) => f.endsWith(`-${arch}.node`) && !f.includes('linuxmusl'))).toBe(true)
    // The same choice of sources, whatever the platform: no catch-all pattern sneaks the repository in.
    expect(all.filter((f) => !f.startsWith(join(appDir, 'node_modules')) && !f.startsWith(join(appDir, 'out')))).toEqual(
      [join(appDir, 'package.json'), ...readdirSync(join(appDir, 'resources'), { recursive: true, encoding: 'utf8' }).map((f) => join(appDir, 'resources', f)).filter((f) => statSync(f).isFile())].sort(),
    )
  })
})
