import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// import.meta.dirname works in every loader of this file: electron-vite, vitest and tsx (bench).
const root = import.meta.dirname

const shared = { '@shared': resolve(root, 'src-main/shared') }

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
    resolve: { alias: shared },
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified (2 MB first chunk); the window parses less when minified.
      minify: true,
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
})
