/** Builds the renderer once per test run, so the end-to-end tests exercise the real bundle. */
import { resolve } from 'node:path'
import { build } from 'vite'
import config from '../../electron.vite.config'

export default async function setup(): Promise<void> {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer
  await build({ ...renderer, configFile: false, logLevel: 'warn', build: { ...(renderer.build as object), outDir: resolve(import.meta.dirname, '../../out/renderer'), emptyOutDir: true } })
}
