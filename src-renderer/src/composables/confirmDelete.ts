import { ElMessageBox } from 'element-plus'

/** Asks before deleting; resolves to true only when the user chose 删除. */
export async function confirmDelete(message: string, title: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: '删除', cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}
