/**
 * electron-builder.config.ts as electron-builder itself loads and validates it: the installers a
 * reviewer's laptop needs, names a clerk can copy anywhere, and the fuse hook run on a synthetic
 * Electron (the real binary cannot be downloaded here).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, matchesGlob } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { Arch, type AfterPackContext, type Configuration, type TargetConfiguration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import builderConfig, { electronBinaryPath, hardenElectron } from '../../../electron-builder.config'
import { FUSE_DECISIONS } from '../../../scripts/fuses.mjs'
import { repoRoot } from '../../helpers/core'
import { loadBuilderConfig } from '../../helpers/packaged-files'

let config: Configuration
beforeAll(async () => {
  config = await loadBuilderConfig(repoRoot)
})
const dir = mkdtempSync(join(tmpdir(), 'onsite-builder-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const targets = (platform: 'win' | 'mac' | 'linux') =>
  (config[platform]!.target as TargetConfiguration[]).map(({ target, arch }) => `${target}:${[arch].flat().join('+')}`)

describe('installers', () => {
  it('names the app 现场评审 and is what electron-builder loads from the dist scripts', async () => {
    expect(config).toMatchObject({ appId: 'cn.onsite-review.app', productName: '现场评审', asar: true })
    const pkg = (await import('../../../package.json', { with: { type: 'json' } })).default as { scripts: Record<string, string> }
    for (const os of ['win', 'mac', 'linux']) {
      expect(pkg.scripts[`dist:${os}`]).toBe(`electron-vite build && electron-builder --config electron-builder.config.ts --${os}`)
    }
  })

  it('Windows x64: an installer for this user only, never asking for administrator rights, and a portable .exe', () => {
    expect(targets('win')).toEqual(['nsis:x64', 'portable:x64'])
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, packElevateHelper: false })
    expect(config.portable).toMatchObject({ requestExecutionLevel: 'user' })
  })

  it('macOS dmg for Intel and Apple silicon; Linux AppImage and deb for x64 and arm64 (统信UOS, 麒麟)', () => {
    expect(targets('mac')).toEqual(['dmg:x64+arm64'])
    expect(targets('linux')).toEqual(['AppImage:x64+arm64', 'deb:x64+arm64'])
    // deb refuses to build without a maintainer; a Chinese executable name breaks desktop launchers.
    expect(config.linux).toMatchObject({ executableName: 'onsite-review', maintainer: expect.any(String) })
  })

  it('gives every platform the app icon: one 512×512 PNG in resources/ (the window shows it too)', () => {
    for (const platform of ['win', 'mac', 'linux'] as const) expect(config[platform]).toMatchObject({ icon: 'resources/icon.png' })
    const png = readFileSync(join(repoRoot, 'resources/icon.png'))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    // IHDR: width and height, big-endian, right after the 8-byte signature and the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })

  it('every artifact has an ASCII name with the version and arch, and no two collide', () => {
    const expand = (template: string, arch: string, ext: string) =>
      template.replaceAll('${version}', '0.1.0').replaceAll('${arch}', arch).replaceAll('${ext}', ext)
    const names = [
      ...['x64'].flatMap((arch) => [expand(config.nsis!.artifactName!, arch, 'exe'), expand(config.portable!.artifactName!, arch, 'exe')]),
      ...['x64', 'arm64'].map((arch) => expand(config.dmg!.artifactName!, arch, 'dmg')),
      ...['x64', 'arm64'].flatMap((arch) => [expand(config.appImage!.artifactName!, arch, 'AppImage'), expand(config.deb!.artifactName!, arch, 'deb')]),
    ]
    expect(names).toHaveLength(8)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) {
      expect(name, name).toMatch(/^[A-Za-z0-9._-]+$/)
      expect(name, name).toContain('0.1.0')
      expect(name, name).toMatch(/-(x64|arm64)[-.]/)
    }
    expect(names).toContain('onsite-review-0.1.0-win-x64-portable.exe')
  })
})

describe('what goes into the app', () => {
  it("unpacks better-sqlite3's .node files for every platform, and nothing of its JavaScript", () => {
    const unpack = config.asarUnpack as string[]
    const unpacked = (path: string) => unpack.some((pattern) => matchesGlob(path, pattern))
    for (const prebuild of ['linux-x64', 'linux-arm64', 'win32-x64', 'darwin-x64', 'darwin-arm64']) {
      expect(unpacked(`node_modules/better-sqlite3/prebuilds/${prebuild}.node`), prebuild).toBe(true)
    }
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(false)
    expect(unpacked('out/main/index.js')).toBe(false)
    // No rebuild for Electron: the Node-API prebuilds load as they are, and build machines need no compiler.
    expect(config.npmRebuild).toBe(false)
  })

  it('takes the built app, resources and package.json; never sources, tests or docs', () => {
    const [{ filter }] = config.files as Array<{ filter: string[] }>
    const includes = filter.filter((p) => !p.startsWith('!'))
    expect(includes).toEqual(['out/**/*', 'resources/**/*', 'package.json'])
    const included = (path: string) => filter.reduce((inside, p) => (p.startsWith('!') ? inside && !matchesGlob(path, p.slice(1)) : inside || matchesGlob(path, p)), false)
    for (const path of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/demo/demo-meeting.json', 'package.json']) expect(included(path), path).toBe(true)
    for (const path of ['src-main/electron/main.ts', 'src-renderer/index.html', 'tests/e2e/global-setup.ts', 'docs/package-format.md', 'out/main/index.js.map', 'README.md']) expect(included(path), path).toBe(false)
  })
})

describe('fuses', () => {
  it('are flipped by our afterPack hook (scripts/fuses.mjs), not by electron-builder’s partial electronFuses', () => {
    expect(builderConfig.afterPack).toBe(hardenElectron)
    expect(config.electronFuses ?? null).toBeNull()
  })

  it('finds the Electron executable where electron-builder puts it on each platform', () => {
    const packager = { appInfo: { productFilename: '现场评审' }, executableName: 'onsite-review' } as unknown as AfterPackContext['packager']
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(join('/o', '现场评审.exe'))
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(join('/o', '现场评审.app'))
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(join('/o', 'onsite-review'))
  })

  it('after packing: no Node mode, no NODE_OPTIONS, no inspector; the asar checked and the only app loaded', async () => {
    // An Electron 45 layout: sentinel, schema version, wire length, one byte per fuse (RunAsNode, NodeOptions, inspect on).
    const appOutDir = join(dir, 'linux-unpacked')
    mkdirSync(appOutDir)
    const wire = '101100011'
    const block = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'ascii'), Buffer.from([1, wire.length]), Buffer.from(wire, 'ascii')])
    writeFileSync(join(appOutDir, 'onsite-review'), Buffer.concat([Buffer.alloc(4096, 7), block, Buffer.alloc(4096, 9)]))
    const context = { appOutDir, electronPlatformName: 'linux', arch: Arch.x64, packager: { executableName: 'onsite-review' } } as unknown as AfterPackContext

    await hardenElectron(context)

    const read = await getCurrentFuseWire(join(appOutDir, 'onsite-review'))
    const on = (fuse: FuseV1Options) => read[fuse] === FuseState.ENABLE
    expect(on(FuseV1Options.RunAsNode)).toBe(false)
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false)
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false)
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true)
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true)
    for (const { fuse, on: wanted } of FUSE_DECISIONS) expect(on(fuse), FuseV1Options[fuse]).toBe(wanted)
  })
})
