import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import * as fake from './fake-electron'
import { installMenu, menuTemplate } from '../../src-main/electron/menu'

vi.mock('electron', () => import('./fake-electron'))

const items = (menu: MenuItemConstructorOptions) =>
  (menu.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator').map((item) => [item.label, item.role])

describe('application menu', () => {
  it('is in Chinese, with the standard roles behind each entry', () => {
    const [file, edit, view, help] = menuTemplate(() => undefined)
    expect([file.label, edit.label, view.label, help.label]).toEqual(['文件', '编辑', '视图', '帮助'])
    expect(items(file)).toEqual([['退出', 'quit']])
    expect(items(edit)).toEqual([
      ['撤销', 'undo'],
      ['重做', 'redo'],
      ['剪切', 'cut'],
      ['复制', 'copy'],
      ['粘贴', 'paste'],
      ['全选', 'selectAll'],
    ])
    expect(items(view)).toEqual([
      ['重新载入', 'reload'],
      ['实际大小', 'resetZoom'],
      ['放大', 'zoomIn'],
      ['缩小', 'zoomOut'],
      ['切换全屏', 'togglefullscreen'],
    ])
    expect(items(help)).toEqual([['关于现场评审', undefined]])
  })

  it('has no developer tools entry', () => {
    const roles = menuTemplate(() => undefined).flatMap((menu) => (menu.submenu as MenuItemConstructorOptions[]).map((item) => item.role))
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).not.toContain('forceReload')
  })

  it('installs the menu and shows the version under 关于现场评审', () => {
    installMenu()
    const template = fake.Menu.buildFromTemplate.mock.calls[0][0] as MenuItemConstructorOptions[]
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith({ template })
    const about = (template[3].submenu as MenuItemConstructorOptions[])[0]
    ;(about.click as () => void)()
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ title: '关于现场评审', detail: expect.stringContaining('版本 9.9.9-test') }))
  })
})
