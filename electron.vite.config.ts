import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

// import.meta.dirname works in every loader of this file: electron-vite, vitest and tsx (bench).
const root = import.meta.dirname

const shared = { '@shared': resolve(root, 'src-main/shared') }

/** pdf.js data the viewer fetches at run time: Chinese CID fonts render blank without the CMaps. */
const PDFJS_DIRS = ['cmaps', 'standard_fonts', 'wasm']
const PDFJS_TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' }

/**
 * Serves node_modules/pdfjs-dist/{cmaps,standard_fonts,wasm} under /pdfjs/ in dev and copies them into
 * the build, so the app needs no network (see src-renderer/src/materials/viewer/pdfjs.ts).
 */
function pdfjsAssets(): Plugin {
  const source = resolve(root, 'node_modules/pdfjs-dist')
  return {
    name: 'onsite-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use('/pdfjs/', (req, res, next) => {
        const [dir, file] = (req.url ?? '').split('?')[0].replace(/^\/+/, '').split('/')
        const path = PDFJS_DIRS.includes(dir) && file ? join(source, dir, basename(file)) : ''
        if (!path || !existsSync(path)) return next()
        res.setHeader('content-type', PDFJS_TYPES[extname(path)] ?? 'application/octet-stream')
        createReadStream(path).pipe(res)
      })
    },
    generateBundle() {
      for (const dir of PDFJS_DIRS) {
        for (const file of readdirSync(join(source, dir))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${file}`, source: readFileSync(join(source, dir, file)) })
        }
      }
    },
  }
}

// Our folders are not electron-vite's defaults (src/main…), so every input is named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/electron/main.ts'),
          // A worker thread's module must be a file of its own: out/main/extract-worker.js (materials/text-in-worker.ts).
          'extract-worker': resolve(root, 'src-main/core/materials/extract-worker.ts'),
          // And the return packages' checks while many are merged (packages/merge-returns.ts).
          'return-worker': resolve(root, 'src-main/core/packages/return-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: emit CommonJS.
      rollupOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    // The page's `zod` is zod set to jitless before any schema exists (src-renderer/src/zod-jitless.ts).
    resolve: { alias: [...Object.entries(shared).map(([find, replacement]) => ({ find, replacement })), { find: /^zod$/, replacement: resolve(root, 'src-renderer/src/zod-jitless.ts') }] },
    plugins: [vue(), pdfjsAssets()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified (2 MB first chunk); the window parses less when minified.
      minify: true,
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
})
