#!/usr/bin/env node
/**
 * Electron fuses of the packaged app: feature switches baked into the Electron binary at packaging
 * time, before code signing, so that nobody on the reviewer's machine can turn the app into a Node
 * runtime or a debugger target. The packaging step calls `applyFuses(<electron binary>)` on its copy
 * of Electron (never on node_modules/electron); `node scripts/fuses.mjs <binary>` does the same.
 *
 * Every fuse is set explicitly (strictlyRequireAllFuses): an Electron upgrade that adds a fuse makes
 * packaging fail until someone decides about it here.
 */
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Why each fuse is set as it is; `on` is the state written into the binary. */
export const FUSE_DECISIONS = [
  // ELECTRON_RUN_AS_NODE=1 would make our signed binary a general Node runtime ("living off the land").
  // The app never forks itself (no child_process.fork; long work uses worker_threads).
  { fuse: FuseV1Options.RunAsNode, on: false },
  // The app keeps no cookies (app:// and IPC, no server, no login). On macOS (unsigned builds) and on
  // Linux desktops (UOS/Kylin keyrings) the fuse asks the user for keychain access at first start,
  // a dialog our reviewers could not explain. Turning it on later is safe (Chromium encrypts on
  // write); turning it off after it was on corrupts the cookie store, so off keeps both ways open.
  { fuse: FuseV1Options.EnableCookieEncryption, on: false },
  // NODE_OPTIONS=--require evil.js would run code inside the app.
  { fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable, on: false },
  // --inspect / SIGUSR1 would open a debugger on the main process, which holds the database.
  { fuse: FuseV1Options.EnableNodeCliInspectArguments, on: false },
  // app.asar is checked against the hash recorded by the packager (macOS, Windows).
  { fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation, on: true },
  // Only app.asar is loaded, never a loose resources/app folder someone drops next to it.
  { fuse: FuseV1Options.OnlyLoadAppFromAsar, on: true },
  // We ship no custom V8 snapshot.
  { fuse: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, on: false },
  // The UI is served from app://, never file://: file pages need no privileges beyond Chrome's.
  { fuse: FuseV1Options.GrantFileProtocolExtraPrivileges, on: false },
  // Electron's default (V8 bounds-checks WebAssembly with guard pages); nothing here needs it off.
  { fuse: FuseV1Options.WasmTrapHandlers, on: true },
]

/** The @electron/fuses configuration, as flipFuses and electron-builder's `electronFuses` take it. */
export const FUSE_CONFIG = Object.freeze({
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  ...Object.fromEntries(FUSE_DECISIONS.map(({ fuse, on }) => [fuse, on])),
})

/**
 * Flips the fuses in an Electron binary (a file, or a macOS .app) and reads them back. Resolves to
 * the wire as read back; rejects if a fuse did not take. `resetAdHocDarwinSignature` must be true
 * for unsigned arm64 macOS builds (flipping invalidates their ad-hoc signature).
 */
export async function applyFuses(electronBinary, { resetAdHocDarwinSignature = false } = {}) {
  // A fuse Electron has removed ("r") ignores its byte: @electron/fuses only warns and writes it
  // anyway, so a protection we count on would silently be missing.
  const shipped = await getCurrentFuseWire(electronBinary)
  const removed = FUSE_DECISIONS.filter(({ fuse, on }) => on && shipped[fuse] === FuseState.REMOVED)
  if (removed.length) {
    throw new Error(`此版本 Electron 已移除保险丝 ${removed.map(({ fuse }) => FuseV1Options[fuse]).join('、')}，无法开启（${electronBinary}）`)
  }
  await flipFuses(electronBinary, { ...FUSE_CONFIG, resetAdHocDarwinSignature })
  const wire = await getCurrentFuseWire(electronBinary)
  const wrong = FUSE_DECISIONS.filter(({ fuse, on }) => wire[fuse] !== (on ? FuseState.ENABLE : FuseState.DISABLE))
  if (wrong.length) {
    throw new Error(`Electron 保险丝未能写入：${wrong.map(({ fuse }) => FuseV1Options[fuse]).join('、')}（${electronBinary}）`)
  }
  return wire
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = process.argv[2]
  if (!binary) {
    console.error('用法：node scripts/fuses.mjs <Electron 可执行文件或 .app>')
    process.exit(2)
  }
  try {
    const wire = await applyFuses(binary, { resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64' })
    for (const { fuse } of FUSE_DECISIONS) console.log(`${FuseV1Options[fuse]}: ${wire[fuse] === FuseState.ENABLE ? '开' : '关'}`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
