import { ElMessage } from 'element-plus'
import { ApiCallError } from '../api'

/** The Chinese sentence to show for any failure (API errors carry one; anything else gets a generic one). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message
  if (error instanceof Error && error.message) return `操作失败：${error.message}`
  return '操作失败，请重试'
}

/** Shows the failure as a message toast; returns the API's per-row details, if any. */
export function showApiError(error: unknown): string[] {
  ElMessage.error({ message: errorMessage(error), duration: 6000, showClose: true })
  return error instanceof ApiCallError ? (error.details ?? []) : []
}
