import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron'

/** The Chinese application menu: only standard roles plus 关于. */
export function menuTemplate(showAbout: () => void): MenuItemConstructorOptions[] {
  return [
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '切换全屏', role: 'togglefullscreen' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于现场评审', click: showAbout }] },
  ]
}

export function installMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(showAbout)))
}

function showAbout(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: '关于现场评审',
    message: '现场评审',
    detail: `版本 ${app.getVersion()}\n离线现场评审会：评分、汇总、纪要。\n数据保存在本机：${app.getPath('userData')}`,
    buttons: ['确定'],
    noLink: true,
  })
}
