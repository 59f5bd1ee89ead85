/**
 * Where a worker thread's module is: `<name>.ts` beside the calling module in source (vitest, tsx);
 * `<name>.js` beside or above the bundle's chunk in the built app, where each worker is an entry of its
 * own (electron.vite.config.ts).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const found = new Map<string, URL>()

/** `here`: the caller's `import.meta.url`; `what`: the module's purpose in words, for the error. */
export function workerModuleUrl(here: string, name: string, what: string): URL {
  const key = `${here}|${name}`
  const known = found.get(key)
  if (known) return known
  const fromSource = /\.[cm]?ts$/.test(new URL(here).pathname)
  const candidates = fromSource ? [`./${name}.ts`] : [`./${name}.js`, `../${name}.js`]
  // A variable base keeps Vite from treating `new URL('…', import.meta.url)` as an asset to bundle.
  const url = candidates.map((c) => new URL(c, here)).find((u) => existsSync(fileURLToPath(u)))
  if (!url) throw new Error(`找不到${what}模块（${candidates.join('、')}），请重新构建程序`)
  found.set(key, url)
  return url
}
