/**
 * The Electron security baseline (ARCHITECTURE.md): every web contents stays on app://, opens no
 * windows, attaches no <webview>, and the session grants no permission at all.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron'
import { isAppUrl } from './app-origin'
import { offerExternalLink } from './external-links'

/** Called for every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return
    event.preventDefault()
    // A plain <a href="https://…"> click lands here: offer it to the system browser instead.
    void offerExternalLink(event.url, BrowserWindow.fromWebContents(contents)).catch(logFailure)
  })
  // Sub-frames and redirects never leave app:// either (will-navigate covers only the main frame).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void offerExternalLink(url, BrowserWindow.fromWebContents(contents)).catch(logFailure)
    return { action: 'deny' }
  })
}

/** No camera, microphone, geolocation, notifications, clipboard reads… for anyone. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

function logFailure(error: unknown): void {
  console.error('[security] 打开外部链接失败', error)
}
