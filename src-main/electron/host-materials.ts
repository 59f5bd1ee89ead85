/**
 * The desktop host's material operations: pick files or folders to import with the system dialog,
 * and open a stored material with the system's program (.doc, .wps, .ofd cannot be shown inside the
 * app). The page only ever names a material by id; the copy handed to the shell is made here.
 */
import { chmod, copyFile, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { CoreContext } from '../core/context'
import { getMaterial } from '../core/materials/material-rows'
import { materialPath } from '../core/materials/material-store'
import { avoidReservedName } from '../shared/file-names'

/** The dialog's filters; the first is the one Windows preselects, so it takes every kind we import. */
export const MATERIAL_FILTERS: OpenDialogOptions['filters'] = [
  { name: '全部材料', extensions: ['pdf', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'et', 'jpg', 'jpeg', 'png', 'txt', 'ofd', 'zip'] },
  { name: 'PDF', extensions: ['pdf'] },
  { name: 'Word 文档', extensions: ['docx', 'doc', 'wps'] },
  { name: 'Excel 表格', extensions: ['xlsx', 'xls', 'et'] },
  { name: '图片', extensions: ['jpg', 'jpeg', 'png'] },
  { name: '文本', extensions: ['txt'] },
  { name: '压缩包', extensions: ['zip'] },
  { name: '全部文件', extensions: ['*'] },
]

export async function pickMaterials(folders: boolean, parent: BrowserWindow | undefined): Promise<{ paths: string[] }> {
  // Windows and Linux cannot offer files and folders in one dialog: the page asks for one or the other.
  const options: OpenDialogOptions = folders
    ? { title: '选择材料文件夹', buttonLabel: '导入', properties: ['openDirectory', 'multiSelections'] }
    : { title: '选择材料', buttonLabel: '导入', properties: ['openFile', 'multiSelections'], filters: MATERIAL_FILTERS }
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  return { paths: choice.canceled ? [] : choice.filePaths }
}

/**
 * Copies the material to `<openDir>/<id>/<its own name>` and opens that with the system's program,
 * so Word or WPS shows the name the unit gave it. The copy is read-only: edits there would be lost
 * and would never reach the stored material, whose content under an id never changes — so a copy
 * already there is reused (it may be open in Word, which locks it on Windows).
 */
export async function openMaterialCopy(context: Pick<CoreContext, 'db' | 'dataDir'>, meetingId: string, id: string, openDir: string): Promise<void> {
  const material = getMaterial(context.db, meetingId, id)
  const name = windowsSafeName(material.name.split('/').pop() ?? '')
  const folder = join(openDir, material.id)
  const target = join(folder, name)
  if (!(await exists(target))) {
    await mkdir(folder, { recursive: true })
    // Copied beside, then renamed: an interrupted copy never sits under the real name.
    const temp = join(folder, `.${crypto.randomUUID()}.tmp`)
    try {
      await copyFile(materialPath(context.dataDir, material.sha256), temp)
      await chmod(temp, 0o444)
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      throw new OpenMaterialError(`无法准备“${name}”以便打开：${reasonOf(error)}`)
    }
  }
  // openPath answers with an error text instead of throwing (no program for .ofd, say).
  const problem = await shell.openPath(target)
  if (problem) throw new OpenMaterialError(`无法打开“${name}”：${problem}。请确认本机装有能打开这种文件的程序（如 WPS、Word 或 OFD 阅读器）。`)
}

export class OpenMaterialError extends Error {}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Removes what openMaterialCopy left in `openDir` more than a day ago (run at start): the system never
 * empties it on Windows. A folder's time is when its copy was made; one still open in Word is locked
 * there and stays until a later start. Nothing here is the only copy of anything.
 */
export async function sweepOpenCopies(openDir: string, maxAgeMs = DAY_MS): Promise<void> {
  const names = await readdir(openDir).catch(() => [] as string[])
  const before = Date.now() - maxAgeMs
  for (const name of names) {
    const path = join(openDir, name)
    try {
      if ((await lstat(path)).mtimeMs < before) await rm(path, { recursive: true, force: true })
    } catch {
      // Locked (open in a program) or already gone: the next start tries again.
    }
  }
}

/**
 * A name every file system accepts, kept as close to the unit's own as possible: Windows' reserved
 * characters become _, reserved device names (CON, NUL, COM1…) get a _ in front, trailing dots and
 * spaces go, and a very long name is cut before its extension.
 */
export function windowsSafeName(name: string): string {
  let safe = name.replace(/[<>:"/\\|?*]|\p{Cc}/gu, '_').replace(/[. ]+$/, '').trim()
  if (safe === '' || /^\.+$/.test(safe)) return '材料'
  safe = avoidReservedName(safe)
  if (safe.length > 150) {
    const dot = safe.lastIndexOf('.')
    const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : ''
    safe = safe.slice(0, 150 - extension.length) + extension
  }
  return safe
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code
  const reasons: Record<string, string> = {
    ENOENT: '材料文件已不在数据目录中（可能被删除），请重新导入',
    ENOSPC: '临时文件夹所在的磁盘空间不足',
    EACCES: '没有写入临时文件夹的权限',
    EPERM: '没有写入临时文件夹的权限',
  }
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error))
}
