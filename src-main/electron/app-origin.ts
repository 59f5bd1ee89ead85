/**
 * The renderer's one and only origin. It is a privileged custom scheme (see protocol.ts), so
 * `new URL(...).origin` is "null" for it in Node: compare scheme and host explicitly.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'onsite'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** True only for URLs served by our own app:// handler. */
export function isAppUrl(url: string): boolean {
  const parsed = tryParse(url)
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
}

/** External links may only ever leave the app as https. */
export function isHttpsUrl(url: string): boolean {
  const parsed = tryParse(url)
  return parsed !== null && parsed.protocol === 'https:' && parsed.host !== ''
}

function tryParse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}
