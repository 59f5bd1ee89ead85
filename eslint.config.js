// Lint, including the layering rule of ARCHITECTURE.md: the folder shows the layer, and imports
// may only point down the layers (renderer → shared; core → shared; electron/bridge → core).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'util', 'stream', 'zlib']
const pattern = (group, message) => ({ group, message })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }, globals: globals.browser },
  },
  {
    files: ['**/*.{ts,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // shared: pure TypeScript, importable from the renderer — nothing of node, electron or the core.
  {
    files: ['src-main/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, 'src-main/shared 不能依赖 Node 模块（渲染进程也要用它）'),
            pattern(['electron', 'better-sqlite3', '**/core/**', '**/electron/**', '**/bridge/**', '**/preload/**'], 'src-main/shared 只能依赖自身与 zod'),
          ],
        },
      ],
    },
  },
  // core: plain Node, never electron (it is tested without it).
  {
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [pattern(['electron', '**/electron/**', '**/bridge/**', '**/preload/**'], 'core 不能依赖 electron、bridge 或 preload')] },
      ],
    },
  },
  // documents and results are pure (a meeting's data in, numbers or bytes out): services load and call them.
  // Repeats the core patterns, because a later entry's options replace an earlier one's for the same rule.
  {
    files: ['src-main/core/documents/**', 'src-main/core/results/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', '**/electron/**', '**/bridge/**', '**/preload/**'], 'core 不能依赖 electron、bridge 或 preload'),
            pattern(['better-sqlite3', '**/services/**', '**/db/**', '**/services', '**/db'], 'documents 与 results 是纯函数：不能读数据库或调用 services（由 services 加载后传入）'),
          ],
        },
      ],
    },
  },
  // bridge: the core over HTTP, no electron.
  {
    files: ['src-main/bridge/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['electron', '**/electron/**', '**/preload/**'], 'bridge 不能依赖 electron')] }],
    },
  },
  // preload: electron's contextBridge and the shared contract only.
  {
    files: ['src-main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pattern(['**/core/**', '**/bridge/**', '**/electron/**', 'better-sqlite3'], 'preload 只能依赖 electron 与 shared')] }],
    },
  },
  // renderer: only shared, never node, electron or the core.
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(nodeBuiltins, '渲染进程不能使用 Node 模块'),
            pattern(['electron', 'better-sqlite3', '**/src-main/core/**', '**/src-main/electron/**', '**/src-main/bridge/**', '**/src-main/preload/**'], '渲染进程只能依赖 @shared'),
          ],
        },
      ],
    },
  },
)
