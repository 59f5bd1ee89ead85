import { z } from 'zod'

// zod compiles object parsers with `new Function` after probing whether eval works; under the app's
// CSP (script-src 'self', no 'unsafe-eval') that probe is reported as a policy violation on every
// load. Interpreted parsing is fast enough for forms, and keeps the console clean.
z.config({ jitless: true })
