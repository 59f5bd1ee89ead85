/**
 * electron-builder: installers for the organizer's PC and the reviewers' laptops. Built where the
 * network is (Electron is downloaded then), with `npm run dist:win|dist:mac|dist:linux`; see README
 * 打包安装程序. A TypeScript file rather than electron-builder.yml or package.json `build`: the fuse
 * decisions have one home (scripts/fuses.mjs) and the list of node_modules the asar leaves out is
 * computed (scripts/bundled-modules.ts); tests/unit/build/ checks both against this file.
 */
import { join } from 'node:path'
import { Arch, type AfterPackContext, type Configuration, type LinuxPackager } from 'electron-builder'
import { applyFuses } from './scripts/fuses.mjs'
import { rendererOnlyModuleDirs } from './scripts/bundled-modules'

const root = import.meta.dirname

/** ASCII file names: USB sticks formatted FAT32 on old systems and some unzip tools mangle Chinese names. */
const artifact = (os: string, kind = '') => `onsite-review-\${version}-${os}-\${arch}${kind}.\${ext}`

/** Where electron-builder put the Electron executable it is packaging (as its own addElectronFuses finds it). */
export function electronBinaryPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context
  if (electronPlatformName === 'linux') return join(appOutDir, (packager as LinuxPackager).executableName)
  const ext = electronPlatformName === 'win32' ? '.exe' : '.app'
  return join(appOutDir, `${packager.appInfo.productFilename}${ext}`)
}

/**
 * Fuses are flipped here, after packing and before signing, with scripts/fuses.mjs rather than
 * electron-builder's `electronFuses`: that option cannot insist that every fuse is decided
 * (strictlyRequireAllFuses), does not set WasmTrapHandlers, and writes a fuse Electron has removed
 * without complaint; applyFuses refuses all three and reads the wire back.
 */
export async function hardenElectron(context: AfterPackContext): Promise<void> {
  // Flipping invalidates the ad-hoc signature an unsigned Apple-silicon build needs to start at all.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64
  await applyFuses(electronBinaryPath(context), { resetAdHocDarwinSignature })
}

const config: Configuration = {
  appId: 'cn.onsite-review.app',
  productName: '现场评审',
  copyright: 'Copyright © 现场评审',
  directories: { output: 'dist', buildResources: 'build' },
  // The electron-vite output, the shipped data and package.json (its `main` is out/main/index.js).
  // resources/ stays inside the asar: the app reads it with fs through app.getAppPath() (electron/paths.ts).
  files: [
    'out/**/*',
    '!out/**/*.map',
    'resources/**/*',
    'package.json',
    ...rendererOnlyModuleDirs(root).map((dir) => `!${dir}{,/**/*}`),
    // Sources and build files of the native module: only its prebuilt .node and lib/ are loaded.
    '!node_modules/better-sqlite3/{src,deps,binding.gyp}{,/**/*}',
    // Its prebuilds of the other arch and of musl systems. The platform cannot be told apart here:
    // `files` has no per-target macro but ${arch}, and a platform-level `files` (win.files…) makes
    // electron-builder add a catch-all `**/*` (tests/unit/build/app-asar.test.ts keeps it out).
    '!node_modules/better-sqlite3/prebuilds/!(*-${arch}).node',
    '!node_modules/better-sqlite3/prebuilds/linuxmusl-*.node',
    '!**/node_modules/**/*.{map,md,markdown}',
    // Browser and viewer builds of main-process libraries: Node loads exceljs from lib/, docx from its
    // .cjs/.mjs, pdf.js from legacy/build (core/materials/text/pdf-text.ts).
    '!node_modules/exceljs/dist{,/**/*}',
    '!node_modules/docx/dist/*.{iife.js,umd.cjs}',
    '!node_modules/pdfjs-dist/{build,web,image_decoders,types,legacy/web,legacy/image_decoders}{,/**/*}',
    // pdf.js' optional canvas (35 MB, the build machine's arch only) draws pages; the main process only
    // reads their text, which pdf.js does without it (checked from the packed files by app-asar.test.ts).
    '!node_modules/@napi-rs/canvas*{,/**/*}',
  ],
  asar: true,
  // A native module cannot be loaded from inside an archive: every .node file goes to
  // app.asar.unpacked, where Electron redirects the require.
  asarUnpack: ['**/*.node'],
  // better-sqlite3 13 ships Node-API prebuilds, which Electron loads as they are: no compiler needed.
  npmRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: null,
  afterPack: hardenElectron,
  // One 512×512 PNG: electron-builder makes the .ico and .icns from it; the window uses the same file.
  win: {
    icon: 'resources/icon.png',
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
  },
  // Government laptops allow no administrator rights: install for this user only, never ask for elevation.
  nsis: {
    oneClick: true,
    perMachine: false,
    packElevateHelper: false,
    artifactName: artifact('win', '-setup'),
    shortcutName: '现场评审',
    deleteAppDataOnUninstall: false,
  },
  // Runs from the USB stick without installing; keeps its data beside the .exe (electron/portable-data.ts).
  portable: {
    requestExecutionLevel: 'user',
    artifactName: artifact('win', '-portable'),
  },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.productivity',
    icon: 'resources/icon.png',
  },
  dmg: { artifactName: artifact('mac') },
  // 统信UOS and 麒麟 run on x64 and arm64 (Kunpeng, Phytium): both, as AppImage and deb.
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    executableName: 'onsite-review',
    icon: 'resources/icon.png',
    category: 'Office',
    maintainer: '现场评审 <onsite-review@localhost>',
    synopsis: '离线现场评审会：评分、汇总、纪要',
  },
  appImage: { artifactName: artifact('linux') },
  deb: { artifactName: artifact('linux') },
}

export default config
