/**
 * The renderer's Content-Security-Policy, sent by Electron's app:// protocol and by the browser-mode
 * bridge: everything from our own origin, nothing remote (the app runs offline). Inline styles stay
 * allowed because Element Plus sets style attributes; inline scripts, eval, plugins, form posts and
 * being framed by any page are all refused.
 *
 * What the material viewer adds, and why (browser mode reads /material/<id>, which 'self' covers):
 * - `material:` in img-src (images) and connect-src (pdf.js and docx-preview fetch the bytes; pdf.js
 *   reads the bundled CMaps, standard fonts and wasm decoders from 'self' the same way).
 * - 'wasm-unsafe-eval' in script-src: pdf.js decodes JPEG 2000, JBIG2 (typical of scans) and ICC
 *   colours with bundled WebAssembly (and, since 5.7, compiles PDF PostScript functions to it
 *   instead of new Function). It permits compiling WebAssembly only — never eval() or
 *   new Function() — and the modules can only come from 'self'; pdf.js' own viewer.html policy
 *   does the same. Its worker is a module from 'self' (worker-src falls back to script-src) and,
 *   as a worker takes the policy of its own response, is served with this same policy.
 * - blob: in font-src: docx-preview hands a document's embedded fonts to @font-face as blob: URLs
 *   (pdf.js passes font bytes to FontFace directly, which CSP does not govern).
 * No frame-src/media-src: nothing is shown in a frame (PDFs are drawn by pdf.js, never Chromium's
 * viewer) and materials hold no audio or video.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: material:",
  "font-src 'self' data: blob:",
  "connect-src 'self' material:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
