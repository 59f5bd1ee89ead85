/**
 * The host contract's desktop side. Exports: show an exported file in its folder, open it in
 * Word/WPS/Excel, save a copy where the user chooses (a USB stick) — only files inside
 * `<dataDir>/exports` that an export wrote (.docx/.xlsx, resolved by the core's `findExport`) are
 * ever touched. Materials (host-materials.ts): the open dialog for imports, and opening a stored
 * material by id. The page can never make the shell open or copy an arbitrary path.
 */
import { copyFile, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { z } from 'zod'
import { dialog, shell, type BrowserWindow } from 'electron'
import { describeZodError } from '../core/api/zod-messages'
import type { CoreContext } from '../core/context'
import { DomainError } from '../core/errors'
import { findExport, type ExportDownload } from '../core/services/exports'
import type { ApiError, ApiResult } from '../shared/errors'
import { hostContract, isHostOperationName, type HostContract, type HostOperationName, type SavedCopy } from '../shared/host-contract'
import { OpenMaterialError, openMaterialCopy, pickMaterials, sweepOpenCopies } from './host-materials'
import { guardHostOperation } from '../core/access/reviewer-policy'
import { assertMeeting } from '../core/services/meetings'
import type { OpenProjector } from './projector-window'
import { pickFolder, pickPackages, revealPackage } from './host-packages'

export type HostDispatch = (name: string, input: unknown) => Promise<ApiResult<unknown>>

/** Each operation gets its own input, already checked against its own schema. */
type HostHandlers = { [K in HostOperationName]: (input: z.infer<HostContract[K]['input']>) => Promise<unknown> }

export interface HostOptions {
  /** Where materials are copied to be opened with the system's program; `<tmp>/onsite-open` by default. */
  openDir?: string
  /** Opens (or brings forward) the projector window; main.ts wires it to the window module. */
  openProjector?: OpenProjector
}

export function createHostDispatcher(
  context: Pick<CoreContext, 'db' | 'dataDir'>,
  window: () => BrowserWindow | undefined,
  options: HostOptions = {},
): HostDispatch {
  const openDir = options.openDir ?? join(tmpdir(), 'onsite-open')
  // Made once per app start: yesterday's copies of opened materials go now.
  void sweepOpenCopies(openDir)
  /** Export operations resolve the name to a file an export wrote, or answer NOT_FOUND. */
  const onExport =
    (work: (file: ExportDownload) => Promise<unknown>) =>
    async ({ fileName }: { fileName: string }): Promise<unknown> => {
      const file = findExport(context.dataDir, encodeURIComponent(fileName))
      if (!file) throw hostError('NOT_FOUND', `导出文件“${fileName}”不存在或已被删除，请重新导出`)
      return work(file)
    }
  const handlers: HostHandlers = {
    'host.revealExport': onExport(async (file) => {
      shell.showItemInFolder(file.path)
      return { ok: true }
    }),
    'host.openExport': onExport(async (file) => {
      // openPath answers with an error text instead of throwing (e.g. no program for .docx).
      const problem = await shell.openPath(file.path)
      if (problem) throw hostError('INTERNAL', `无法打开“${file.fileName}”：${problem}。请确认本机装有 Word、WPS 或 Excel，或用“在文件夹中显示”找到文件。`)
      return { ok: true }
    }),
    'host.saveExportAs': onExport(async (file) => saveCopy(file, window())),
    'host.pickMaterials': async ({ folders }) => pickMaterials(folders, window()),
    'host.openMaterial': async ({ meetingId, id }) => {
      await openMaterialCopy(context, meetingId, id, openDir)
      return { ok: true }
    },
    'host.pickFolder': async ({ title }) => pickFolder(title, window()),
    'host.pickPackage': async ({ title }) => pickPackages(title, window()),
    'host.revealPackage': async ({ folder, fileName }) => (revealPackage(context.db, folder, fileName), { ok: true }),
    'host.openProjector': async ({ meetingId }) => {
      assertMeeting(context.db, meetingId)
      if (!options.openProjector) throw hostError('INTERNAL', '本窗口不能打开投影窗口')
      options.openProjector(meetingId)
      return { ok: true }
    },
  }

  return async (name, input) => {
    if (!isHostOperationName(name)) return fail({ code: 'UNKNOWN_OPERATION', message: `没有名为“${name}”的操作` })
    const parsed = hostContract[name].input.safeParse(input ?? {})
    if (!parsed.success) return fail({ code: 'VALIDATION', ...describeZodError(parsed.error) })
    try {
      // Reviewer mode: the same rules as the API (only their units' materials; no exports).
      guardHostOperation(context.db, name, parsed.data)
      const handler = handlers[name] as (input: unknown) => Promise<unknown>
      return { ok: true, data: hostContract[name].output.parse(await handler(parsed.data)) }
    } catch (error) {
      if (error instanceof HostError) return fail(error.apiError)
      if (error instanceof DomainError) return fail({ code: error.code, message: error.message })
      if (error instanceof OpenMaterialError) return fail({ code: 'INTERNAL', message: error.message })
      console.error(`[host] ${name} failed`, error)
      return fail({ code: 'INTERNAL', message: `操作失败：${error instanceof Error ? error.message : String(error)}` })
    }
  }
}

const KIND_NAMES: Record<string, string> = { xlsx: 'Excel 工作簿', docx: 'Word 文档', zip: '评审包' }

async function saveCopy(file: ExportDownload, parent: BrowserWindow | undefined): Promise<SavedCopy> {
  const options = {
    title: '另存为',
    defaultPath: file.fileName,
    buttonLabel: '保存',
    filters: [{ name: KIND_NAMES[file.fileName.split('.').pop()!] ?? '文件', extensions: [file.fileName.split('.').pop()!] }],
  }
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { saved: false }
  const target = resolve(choice.filePath)
  if (target === file.path) return { saved: true, path: target }
  // Copy beside the target, then rename: a stick pulled out mid-copy leaves no half file under the real name.
  const temp = join(dirname(target), `.${crypto.randomUUID()}.tmp`)
  try {
    await copyFile(file.path, temp)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw hostError('INTERNAL', `无法保存到“${target}”：${reasonOf(error)}`)
  }
  return { saved: true, path: target }
}

/** The file-system failures a user can fix, in their words. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code
  const reasons: Record<string, string> = {
    EACCES: '没有写入该位置的权限，请换一个文件夹',
    EPERM: '没有写入该位置的权限（文件可能正被 Word 或 WPS 打开），请关闭后重试或换一个文件名',
    EBUSY: '目标文件正被其他程序使用，请关闭后重试',
    EROFS: '该磁盘或 U 盘是只读的',
    ENOSPC: '磁盘或 U 盘空间不足',
    ENOENT: '目标文件夹不存在（U 盘是否已拔出？）',
  }
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error))
}

class HostError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message)
  }
}
const hostError = (code: ApiError['code'], message: string) => new HostError({ code, message })
const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error })
