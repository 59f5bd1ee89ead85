import { ElMessageBox } from 'element-plus'

/** Asks before an action that discards something; resolves to true only when the user chose `confirmText`. */
export async function confirmAction(message: string, title: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: confirmText, cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}

/** Asks before deleting; resolves to true only when the user chose 删除. */
export const confirmDelete = (message: string, title: string): Promise<boolean> => confirmAction(message, title, '删除')
