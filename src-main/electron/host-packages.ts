/**
 * The desktop host's package dialogs: the folder to write packages into (the USB stick; a new folder
 * may be made there), and the .zip packages to open or merge (several at once: a clerk merges a whole
 * stick of 评审结果包 in one go).
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'

export const PACKAGE_FILTERS: OpenDialogOptions['filters'] = [
  { name: '评审包（.zip）', extensions: ['zip'] },
  { name: '全部文件', extensions: ['*'] },
]

export async function pickFolder(title: string, parent: BrowserWindow | undefined): Promise<{ path: string | null }> {
  const options: OpenDialogOptions = { title, buttonLabel: '选择此文件夹', properties: ['openDirectory', 'createDirectory'] }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return { path: choice.canceled ? null : (choice.filePaths[0] ?? null) }
}

export async function pickPackages(title: string, parent: BrowserWindow | undefined): Promise<{ paths: string[] }> {
  const options: OpenDialogOptions = { title, buttonLabel: '打开', properties: ['openFile', 'multiSelections'], filters: PACKAGE_FILTERS }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return { paths: choice.canceled ? [] : choice.filePaths }
}
