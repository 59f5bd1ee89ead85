/** localStorage for renderer modules run under Node: a Map behind the Storage interface. */
export class MemoryStorage implements Storage {
  readonly items = new Map<string, string>()
  /** Makes setItem throw like a browser over its quota. */
  full = false
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.items.set(key, String(value))
  }
}
