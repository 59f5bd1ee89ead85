/**
 * The renderer's `zod`: electron.vite.config.ts points every bare `import … from 'zod'` of the page
 * (the shared schemas included) here, so zod is switched to interpreted parsing before any schema is
 * built, whatever order the bundler evaluates its chunks in. Otherwise zod compiles object parsers with
 * `new Function` after probing whether eval works, and under the app's CSP (script-src 'self', no
 * 'unsafe-eval') that probe is reported as a policy violation. Interpreted parsing is fast enough for forms.
 */
import { config } from 'zod/v4'

config({ jitless: true })

export * from 'zod/v4'
export { default } from 'zod/v4'
