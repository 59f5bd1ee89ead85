/**
 * Checks run inside the page (plain browser JS, passed as a string so no bundler helpers leak in):
 * what a clerk at 1280×720 and a keyboard or screen-reader user relies on. Each returns a list of problems.
 */
import type { Page } from 'playwright-core'

export interface PageProblems {
  /** Wider than the window: the page or its scrolling main area scrolls sideways. */
  overflow: string[]
  /** Buttons whose text does not fit inside them. */
  clippedButtons: string[]
  /** aria-label without a Chinese character. */
  nonChineseLabels: string[]
  /** <el-…> left in the DOM: a component nobody registered. */
  unknownElements: string[]
  /** Required fields (asterisk in the label) whose control does not say aria-required. */
  unmarkedRequired: string[]
  /** Text or placeholder below 4.5:1 (3:1 for large text) against its background. */
  lowContrast: string[]
}

const SCRIPT = String.raw`(() => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' }
  const describe = (el) => (el.getAttribute('data-test') || el.textContent || el.getAttribute('placeholder') || el.className || el.tagName).toString().trim().slice(0, 40)
  const overflow = []
  const W = window.innerWidth
  if (document.documentElement.scrollWidth > W) overflow.push('页面宽 ' + document.documentElement.scrollWidth + 'px')
  const main = document.querySelector('.app-main')
  if (main && main.scrollWidth > main.clientWidth + 1) overflow.push('主区域宽 ' + main.scrollWidth + 'px > ' + main.clientWidth + 'px')
  const clippedButtons = [...document.querySelectorAll('button, .el-button')].filter(visible)
    .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 2).map((b) => describe(b) + ' (' + b.scrollWidth + '>' + b.clientWidth + ')')
  const nonChineseLabels = [...document.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') || '')
    .filter((label) => !/[\u4e00-\u9fa5]/.test(label))
  const unknownElements = [...new Set([...document.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()).filter((t) => t.startsWith('el-')))]
  const unmarkedRequired = [...document.querySelectorAll('.el-form-item.is-required')].filter(visible).flatMap((item) => {
    const controls = [...item.querySelectorAll('input:not([type=hidden]):not([type=radio]), textarea, [role=radiogroup]')]
    const label = item.querySelector('.el-form-item__label')?.textContent?.trim() || '?'
    return controls.length && controls.every((c) => c.getAttribute('aria-required') === 'true') ? [] : [label]
  })
  const rgba = (s) => { const m = s.match(/[\d.]+/g) || ['0', '0', '0', '0']; return [+m[0], +m[1], +m[2], m[3] === undefined ? 1 : +m[3]] }
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1)
  const background = (el) => {
    const layers = []
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break } }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1])
  }
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 }); return 0.2126 * r + 0.7152 * g + 0.0722 * b }
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05) }
  const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')
  const lowContrast = []
  const check = (el, color, what) => {
    if (el.closest(':disabled, .is-disabled, [aria-disabled=true], canvas, svg')) return
    const style = getComputedStyle(el)
    const size = parseFloat(style.fontSize)
    const large = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700)
    const bg = background(el)
    const fg = over(rgba(color), bg)
    const r = ratio(fg, bg)
    if (r < (large ? 3 : 4.5)) lowContrast.push(what + '：' + hex(fg) + ' 于 ' + hex(bg) + ' ' + r.toFixed(2) + ':1')
  }
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el)) continue
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim()
    if (text) check(el, getComputedStyle(el).color, text.slice(0, 30))
    if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.placeholder && !el.value) check(el, getComputedStyle(el, '::placeholder').color, '占位提示“' + el.placeholder.slice(0, 20) + '”')
  }
  return { overflow, clippedButtons, nonChineseLabels, unknownElements, unmarkedRequired, lowContrast: [...new Set(lowContrast)] }
})()`

export function pageProblems(page: Page): Promise<PageProblems> {
  return page.evaluate(SCRIPT) as Promise<PageProblems>
}
