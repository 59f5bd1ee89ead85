/**
 * The host contract: operations only the desktop shell can do (show a file in its folder, open it in
 * Word or WPS, save a copy to a USB stick). Same shape as the core contract but kept apart, because
 * the core never touches the desktop: the Electron layer implements these, the bridge refuses them
 * (HOST_UNAVAILABLE) and browser mode offers a download instead.
 */
import { z } from 'zod'
import { op, type OperationDef } from './contract'
import { Id, Ok } from './schemas/common'

/** A file in the data folder's exports/, named as an export operation returned it. */
export const ExportFileRef = z.object({ fileName: z.string().trim().min(1, '文件名不能为空').max(255, '文件名过长') })

export const SavedCopy = z.object({
  /** False when the user closed the save dialog. */
  saved: z.boolean(),
  path: z.string().optional(),
})
export type SavedCopy = z.infer<typeof SavedCopy>

export const hostContract = {
  'host.revealExport': op(ExportFileRef, Ok, '（仅桌面版）在文件夹中显示导出的文件'),
  'host.openExport': op(ExportFileRef, Ok, '（仅桌面版）用本机的默认程序（Word、WPS、Excel…）打开导出的文件'),
  'host.saveExportAs': op(ExportFileRef, SavedCopy, '（仅桌面版）把导出的文件另存到用户选择的位置，例如 U 盘'),
  'host.pickMaterials': op(
    z.object({ folders: z.boolean().default(false) }),
    z.object({ paths: z.array(z.string()) }),
    '（仅桌面版）打开系统对话框选择要导入的材料文件（或文件夹）；取消时 paths 为空',
  ),
  'host.openMaterial': op(
    z.object({ meetingId: Id, id: Id }),
    Ok,
    '（仅桌面版）用系统程序打开一份材料（.doc、.wps、.ofd 等程序内无法显示的格式）：复制到临时文件夹，按原文件名打开',
  ),
  'host.openProjector': op(
    z.object({ meetingId: Id }),
    Ok,
    '（仅桌面版）打开投影窗口：有第二块屏幕时在其上全屏显示；已打开时移到前面',
  ),
  'host.pickFolder': op(
    z.object({ title: z.string().max(100).default('选择文件夹') }),
    z.object({ path: z.string().nullable() }),
    '（仅桌面版）选择一个文件夹（如 U 盘），用来写入评审包、评审结果或归档；取消时 path 为 null',
  ),
  'host.pickPackage': op(
    z.object({ title: z.string().max(100).default('选择评审包') }),
    z.object({ paths: z.array(z.string()) }),
    '（仅桌面版）选择一个或多个 .zip 包（评审包、评审结果包或归档包）；取消时 paths 为空',
  ),
  'host.revealPackage': op(
    z.object({ folder: z.string().min(1, '路径不能为空').max(4096, '路径过长'), fileName: ExportFileRef.shape.fileName }),
    Ok,
    '（仅桌面版）在文件夹中显示本机写出的评审包或评审结果包（只限本机记录过的包）',
  ),
} as const satisfies Record<string, OperationDef>

export type HostContract = typeof hostContract
export type HostOperationName = keyof HostContract
export const hostOperationNames = Object.keys(hostContract) as HostOperationName[]
export const isHostOperationName = (name: string): name is HostOperationName => Object.hasOwn(hostContract, name)
