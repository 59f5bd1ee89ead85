import { dialog, shell, type BrowserWindow } from 'electron'
import { isHttpsUrl } from './app-origin'

/**
 * A link that would leave the app: only https, and only after the user confirms, is handed to the
 * system browser. Anything else (http, file, javascript…) is dropped silently.
 */
export async function offerExternalLink(url: string, parent?: BrowserWindow | null): Promise<boolean> {
  if (!isHttpsUrl(url)) return false
  const target = new URL(url).href
  const options = {
    type: 'question' as const,
    title: '打开外部链接',
    message: '要在系统浏览器中打开这个网址吗？',
    detail: `${target}\n\n它不属于现场评审；会场电脑可能没有网络。`,
    buttons: ['在浏览器中打开', '取消'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
  if (response !== 0) return false
  await shell.openExternal(target)
  return true
}
