/**
 * The renderer's Content-Security-Policy: everything from our own app:// origin, nothing remote
 * (the app runs offline). Inline styles stay allowed because Element Plus sets style attributes;
 * inline scripts, eval, plugins, frames from elsewhere and form posts are all refused.
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
