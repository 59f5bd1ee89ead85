import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// Two projects: `unit` (plain Node: core, db, contract, electron with electron mocked, documents)
// and `e2e` (the built renderer in Chromium through the bridge; builds the renderer first).
// Run one with `npx vitest run --project unit`.
export default defineConfig({
  // Renderer modules import shared code as @shared/… (tests/renderer runs them under Node).
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-main/shared') } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // UI waits cover a 400 ms debounce plus a save on a loaded 2-core machine: 1 s (the default) flakes.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    pool: 'forks',
    // Two cores: Chromium and LibreOffice tests are heavy, keep the pool small.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/{unit,db,contract,electron,documents,renderer}/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', globalSetup: ['tests/e2e/global-setup.ts'], fileParallelism: false },
      },
    ],
  },
})
