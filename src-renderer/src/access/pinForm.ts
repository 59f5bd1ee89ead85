import { Pin } from '@shared/schemas/access'

/** A new PIN typed twice (masked, so a typo would otherwise lock someone out): the message to show, or null when fine. */
export function newPinProblem(pin: string, again: string): string | null {
  const checked = Pin.safeParse(pin)
  if (!checked.success) return checked.error.issues[0]?.message ?? 'PIN 应为 4–12 位数字'
  if (pin !== again) return '两次输入的 PIN 不一致，请重新输入'
  return null
}
