/**
 * Element Plus is registered part by part (src-renderer/src/elementPlus.ts) to keep the first screen small.
 * A template using a part nobody registered would render an empty unknown <el-…> element: name it here.
 */
import { createApp } from 'vue'
import { describe, expect, it } from 'vitest'
import { useGlobalConfig, useLocale } from 'element-plus'
import { elementPlus } from '../../src-renderer/src/elementPlus'

const sources = import.meta.glob<string>('../../src-renderer/src/**/*.vue', { query: '?raw', import: 'default', eager: true })
const styleSources = import.meta.glob<string>('../../src-renderer/src/elementPlus{Styles,DatePicker}.ts', { query: '?raw', import: 'default', eager: true })

function templateTags(): Map<string, string> {
  const found = new Map<string, string>()
  for (const [file, text] of Object.entries(sources)) for (const [, tag] of text.matchAll(/<(el-[a-z-]+)/g)) found.set(tag, file)
  return found
}

const app = createApp({}).use(elementPlus)
const pascal = (tag: string) => tag.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())

describe('Element Plus parts', () => {
  it('every <el-…> in a template is registered, the date picker included (loaded on first use)', () => {
    const tags = templateTags()
    expect(tags.size).toBeGreaterThan(20)
    const missing = [...tags].filter(([tag]) => !app.component(pascal(tag))).map(([tag, file]) => `${tag} (${file})`)
    expect(missing).toEqual([])
  })

  it('every registered part has its CSS (a table without el-table.css is unusable)', () => {
    const styles = Object.values(styleSources).join('\n')
    expect(styles).toContain('date-picker/style/css')
    const kebab = (name: string) => name.replace(/^El/, '').replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())
    const unstyled = [...templateTags().keys()].map((tag) => kebab(pascal(tag))).filter((part) => !styles.includes(`components/${part}/style/css`))
    expect(unstyled).toEqual([])
  })

  it('gives components and ElMessageBox (rendered outside the app) the zh-CN texts', () => {
    expect(app.runWithContext(() => useLocale().t('el.messagebox.confirm'))).toBe('确定')
    // ElMessageBox.confirm renders outside any component: it reads the global config.
    expect(useGlobalConfig('locale').value?.name).toBe('zh-cn')
  })
})
