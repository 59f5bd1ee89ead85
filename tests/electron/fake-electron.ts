/**
 * A hand-made fake of exactly the parts of `electron` the shell uses, so the main-process code runs
 * under plain Node (the Electron binary cannot be downloaded on build machines). Use it with
 * `vi.mock('electron', () => import('./fake-electron'))`; read the recorded calls back through
 * `import * as electron from 'electron'` cast to this module's type.
 */
import { vi } from 'vitest'

type Listener = (...args: any[]) => unknown // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }
  once(name: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(name, wrapped)
      return listener(...args)
    }
    return this.on(name, wrapped)
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== listener))
    return this
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args)
  }
  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0
  }
}

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

/** An event object like Electron's navigation events: `url` plus preventDefault(). */
export function navigationEvent(url: string) {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
}

export class FakeWebContents extends FakeEmitter {
  mainFrame: FakeFrame = { url: 'app://onsite/index.html', parent: null }
  windowOpenHandler?: (details: { url: string }) => { action: string }
  readonly sent: Array<[string, unknown]> = []
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload])
  }
}

export class BrowserWindow extends FakeEmitter {
  static readonly instances: BrowserWindow[] = []
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => w.webContents === contents) ?? null
  }
  readonly webContents = new FakeWebContents()
  loadedUrl?: string
  visible = false
  focused = false
  minimized = false
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    BrowserWindow.instances.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show(): void {
    this.visible = true
  }
  focus(): void {
    this.focused = true
  }
  restore(): void {
    this.minimized = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

class FakeApp extends FakeEmitter {
  appPath = '/nonexistent-app'
  userData = '/nonexistent-user-data'
  gotLock = true
  isPackaged = false
  readonly quit = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock)
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  getAppPath(): string {
    return this.appPath
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`)
    return this.userData
  }
  getVersion(): string {
    return '9.9.9-test'
  }
}

export const app = new FakeApp()

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler)
  },
}

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcMain.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel)
  },
}

export const session = {
  defaultSession: {
    requestHandler: undefined as undefined | Listener,
    checkHandler: undefined as undefined | Listener,
    setPermissionRequestHandler(handler: Listener): void {
      session.defaultSession.requestHandler = handler
    },
    setPermissionCheckHandler(handler: Listener): void {
      session.defaultSession.checkHandler = handler
    },
  },
}

/** `showMessageBox` answers "cancel" (button 1) and `showSaveDialog` is cancelled unless a test says otherwise. */
export const dialog = {
  showErrorBox: vi.fn(),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true, filePath: '' })),
}

/** `openPath` resolves to '' (success) or to the error text, as Electron's does. */
export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
  openPath: vi.fn(async (_path: string) => ''),
  showItemInFolder: vi.fn((_path: string) => undefined),
}

export const Menu = {
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
}

// The preload side.
export const contextBridge = { exposed: new Map<string, unknown>(), exposeInMainWorld: (key: string, api: unknown) => contextBridge.exposed.set(key, api) }
export const ipcRenderer = Object.assign(new FakeEmitter(), { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'pong' })) })

export default { app, BrowserWindow, protocol, ipcMain, session, dialog, shell, Menu, contextBridge, ipcRenderer }

/** Back to a freshly started process: no windows, handlers, listeners or recorded calls. */
export function resetFakeElectron(): void {
  vi.clearAllMocks()
  BrowserWindow.instances.length = 0
  app.listeners.clear()
  Object.assign(app, { appPath: '/nonexistent-app', userData: '/nonexistent-user-data', gotLock: true, isPackaged: false })
  protocol.handlers.clear()
  ipcMain.handlers.clear()
  session.defaultSession.requestHandler = undefined
  session.defaultSession.checkHandler = undefined
  dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false })
  dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
  shell.openPath.mockResolvedValue('')
  contextBridge.exposed.clear()
  ipcRenderer.listeners.clear()
}
