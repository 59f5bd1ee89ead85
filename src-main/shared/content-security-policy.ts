/**
 * The renderer's Content-Security-Policy, sent by Electron's app:// protocol and by the browser-mode
 * bridge: everything from our own origin, nothing remote (the app runs offline). Inline styles stay
 * allowed because Element Plus sets style attributes; inline scripts, eval, plugins, form posts and
 * being framed by any page are all refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
