/**
 * The fuses the packaging step writes into Electron. The Electron binary cannot be downloaded here,
 * so the fuses are flipped in a synthetic file laid out as Electron's is (…bytes | sentinel | schema
 * version | wire length | one byte per fuse | bytes…) and read back with @electron/fuses.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { FUSE_CONFIG, applyFuses } from '../../scripts/fuses.mjs'
import { repoRoot } from '../helpers/core'

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** The wire Electron 45 ships: RunAsNode, NodeOptions, inspect, file:// privileges and Wasm traps on. */
const ELECTRON_DEFAULT_WIRE = '101100011'
const fuseNames = Object.values(FuseV1Options).filter((v): v is string => typeof v === 'string')

const dir = mkdtempSync(join(tmpdir(), 'onsite-fuses-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A fake executable: filler bytes around the fuse block, which sits `offset` bytes in. */
function syntheticElectron(name: string, wire: string, offset = 3 << 20): { path: string; wireAt: number } {
  const filler = Buffer.alloc(offset + 4096)
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 131 + 7) & 0xff
  const block = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, wire.length]), Buffer.from(wire, 'ascii')])
  block.copy(filler, offset)
  const path = join(dir, name)
  writeFileSync(path, filler)
  return { path, wireAt: offset + SENTINEL.length + 2 }
}

const on = (state: FuseState | undefined) => state === FuseState.ENABLE

describe('fuse configuration', () => {
  it('closes the doors to running the app as Node, NODE_OPTIONS and the inspector; loads only a verified app.asar', () => {
    expect(FUSE_CONFIG.version).toBe(FuseVersion.V1)
    expect(FUSE_CONFIG[FuseV1Options.RunAsNode]).toBe(false)
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(FUSE_CONFIG[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(FUSE_CONFIG[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(FUSE_CONFIG[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    expect(FUSE_CONFIG[FuseV1Options.EnableCookieEncryption]).toBe(false) // no cookies; see scripts/fuses.mjs
  })

  it('decides every fuse this @electron/fuses knows, and insists the binary has no undecided one', () => {
    for (const name of fuseNames) expect(typeof FUSE_CONFIG[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe('boolean')
    expect(FUSE_CONFIG.strictlyRequireAllFuses).toBe(true)
  })
})

describe('applyFuses', () => {
  it('flips the fuses in the binary, read back by @electron/fuses, and changes no other byte', async () => {
    const { path, wireAt } = syntheticElectron('electron', ELECTRON_DEFAULT_WIRE)
    const before = readFileSync(path)
    const wire = await applyFuses(path)

    const read = await getCurrentFuseWire(path)
    expect(read).toEqual(wire)
    expect(on(read[FuseV1Options.RunAsNode])).toBe(false)
    expect(on(read[FuseV1Options.EnableNodeOptionsEnvironmentVariable])).toBe(false)
    expect(on(read[FuseV1Options.EnableNodeCliInspectArguments])).toBe(false)
    expect(on(read[FuseV1Options.EnableEmbeddedAsarIntegrityValidation])).toBe(true)
    expect(on(read[FuseV1Options.OnlyLoadAppFromAsar])).toBe(true)
    expect(on(read[FuseV1Options.GrantFileProtocolExtraPrivileges])).toBe(false)
    for (const name of fuseNames) {
      const fuse = FuseV1Options[name as keyof typeof FuseV1Options]
      expect(on(read[fuse]), name).toBe(FUSE_CONFIG[fuse])
    }

    const after = readFileSync(path)
    expect(after.length).toBe(before.length)
    expect(after.subarray(0, wireAt).equals(before.subarray(0, wireAt))).toBe(true)
    expect(after.subarray(wireAt + ELECTRON_DEFAULT_WIRE.length).equals(before.subarray(wireAt + ELECTRON_DEFAULT_WIRE.length))).toBe(true)
    expect(after.subarray(wireAt, wireAt + ELECTRON_DEFAULT_WIRE.length).toString('ascii')).toBe('000011001')
  })

  it('works from the command line, as a packaging script would call it', () => {
    const { path } = syntheticElectron('electron-cli', ELECTRON_DEFAULT_WIRE)
    const out = execFileSync(process.execPath, [join(repoRoot, 'scripts/fuses.mjs'), path], { encoding: 'utf8' })
    expect(out).toContain('RunAsNode: 关')
    expect(out).toContain('OnlyLoadAppFromAsar: 开')
  })

  it('refuses an Electron with a fuse nobody has decided about, leaving the binary untouched', async () => {
    const { path } = syntheticElectron('electron-newer', `${ELECTRON_DEFAULT_WIRE}1`)
    const before = readFileSync(path)
    await expect(applyFuses(path)).rejects.toThrow(/strictlyRequireAllFuses/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('refuses an Electron that has removed a protection we turn on, leaving the binary untouched', async () => {
    const wire = ELECTRON_DEFAULT_WIRE.split('')
    wire[FuseV1Options.OnlyLoadAppFromAsar] = 'r'
    const { path } = syntheticElectron('electron-removed', wire.join(''))
    const before = readFileSync(path)
    await expect(applyFuses(path)).rejects.toThrow('此版本 Electron 已移除保险丝 OnlyLoadAppFromAsar，无法开启')
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('accepts a removed fuse that we turn off anyway (the feature is gone)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { path } = syntheticElectron('electron-no-run-as-node', `r${ELECTRON_DEFAULT_WIRE.slice(1)}`)
    const read = await applyFuses(path)
    expect(on(read[FuseV1Options.OnlyLoadAppFromAsar])).toBe(true)
    warn.mockRestore()
  })

  it('refuses a file that is not Electron', async () => {
    const path = join(dir, 'not-electron')
    writeFileSync(path, Buffer.alloc(1024, 0x41))
    await expect(applyFuses(path)).rejects.toThrow(/Could not find sentinel/)
  })
})
