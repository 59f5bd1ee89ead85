/**
 * The desktop host's package dialogs: the folder to write packages into (the USB stick; a new folder
 * may be made there), and the .zip packages to open or merge (several at once: a clerk merges a whole
 * stick of 评审结果包 in one go).
 */
import { statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import { readMode } from '../core/access/access-mode'
import { DomainError } from '../core/errors'

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

/**
 * Shows a package this machine wrote (package_exports names it) in its folder — the USB stick the
 * clerk picked. A reviewer's workspace shows only its own 评审结果包; any other path is refused.
 */
export function revealPackage(db: Database, folder: string, fileName: string): void {
  const mode = readMode(db)
  const recorded = mode
    ? db.prepare("SELECT 1 FROM package_exports WHERE file_name = ? AND kind = 'return' AND reviewer_id = ?").get(fileName, mode.reviewerId)
    : db.prepare('SELECT 1 FROM package_exports WHERE file_name = ?').get(fileName)
  const path = join(folder, fileName)
  if (fileName !== basename(fileName) || !fileName.toLowerCase().endsWith('.zip') || !recorded || !isFile(path))
    throw new DomainError('NOT_FOUND', `“${fileName}”不在该文件夹中（U 盘是否已拔出？），请重新生成`)
  shell.showItemInFolder(path)
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
