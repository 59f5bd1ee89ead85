/**
 * A hand-made fake of exactly the parts of `electron` the shell uses, so the main-process code runs
 * under plain Node (the Electron binary cannot be downloaded on build machines). Use it with
 * `vi.mock('electron', () => import('./fake-electron'))`; read the recorded calls back through
 * `import * as electron from 'electron'` cast to this module's type.
 *
 * It is as strict as Electron about *when* things may be called, because the fake is what the
 * startup order is tested against: before `ready` there is no BrowserWindow, no session and no
 * protocol.handle; after it, protocol.registerSchemesAsPrivileged throws. Like Electron, the fake
 * becomes ready only after the main module's synchronous top level has run: on the tick after
 * someone first waits for `app.whenReady()`. Every BrowserWindow's web contents is announced with
 * app 'web-contents-created' while the window is being constructed, as Electron does.
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
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    super()
    BrowserWindow.instances.push(this)
    app.emit('web-contents-created', electronEvent(), this.webContents)
    app.emit('browser-window-created', electronEvent(), this)
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
  close(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('closed')
  }
}

/** The event object Electron passes first to app events. */
function electronEvent() {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
}

class FakeApp extends FakeEmitter {
  appPath = '/nonexistent-app'
  userData = '/nonexistent-user-data'
  gotLock = true
  isPackaged = false
  private ready = false
  private readying: Promise<void> | undefined
  private lockRequested = false
  readonly quit = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => {
    this.lockRequested = true
    return this.gotLock
  })
  isReady(): boolean {
    return this.ready
  }
  whenReady(): Promise<void> {
    this.readying ??= new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true
        this.emit('ready', electronEvent(), {})
        resolve()
      }),
    )
    return this.readying
  }
  getAppPath(): string {
    return this.appPath
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`)
    return this.userData
  }
  /**
   * Electron takes the profile folder at `ready` and the single-instance lock inside userData:
   * moving userData later is silently half-applied there, so the fake refuses it loudly.
   */
  setPath(name: string, path: string): void {
    if (name !== 'userData') throw new Error(`fake app.setPath: ${name} not faked`)
    if (this.ready) throw new Error("app.setPath('userData') after ready: Chromium already uses the old folder")
    if (this.lockRequested) throw new Error("app.setPath('userData') after requestSingleInstanceLock: the lock stays in the old folder")
    this.userData = path
  }
  /** Back to a process that has just started. */
  restart(): void {
    this.ready = false
    this.readying = undefined
    this.lockRequested = false
  }
  getVersion(): string {
    return '9.9.9-test'
  }
}

export const app = new FakeApp()

type ProtocolHandler = (request: Request) => Promise<Response>
const handlers = new Map<string, ProtocolHandler>()

let privilegedRegistered = false
export const protocol = {
  /** Electron silently keeps only the last call's schemes; the fake refuses a second call instead. */
  registerSchemesAsPrivileged: vi.fn((_schemes: unknown[]) => {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    if (privilegedRegistered) throw new Error('protocol.registerSchemesAsPrivileged called twice: Electron would drop the first call\'s schemes')
    privilegedRegistered = true
  }),
  handlers,
  /** Electron's protocol forwards to the default session's, which exists only once ready. */
  get handle(): ((scheme: string, handler: ProtocolHandler) => void) | undefined {
    if (!app.isReady()) return undefined
    return (scheme, handler) => {
      handlers.set(scheme, handler)
    }
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

const defaultSession = {
  requestHandler: undefined as undefined | Listener,
  checkHandler: undefined as undefined | Listener,
  setPermissionRequestHandler(handler: Listener): void {
    defaultSession.requestHandler = handler
  },
  setPermissionCheckHandler(handler: Listener): void {
    defaultSession.checkHandler = handler
  },
}

export const session = {
  get defaultSession(): typeof defaultSession {
    if (!app.isReady()) throw new TypeError('Session can only be received when app is ready')
    return defaultSession
  },
}

/** `showMessageBox` answers "cancel" (button 1), `showSaveDialog` and `showOpenDialog` are cancelled unless a test says otherwise. */
export const dialog = {
  showErrorBox: vi.fn(),
  showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
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
/** Electron answers the dropped file's path, or '' for a File the page built itself. */
export const webUtils = { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') }

export interface FakeDisplay {
  id: number
  bounds: { x: number; y: number; width: number; height: number }
}
const LAPTOP: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
/** The screens: the laptop's own (primary) unless a test plugs in a projector. */
export const screen = {
  displays: [LAPTOP] as FakeDisplay[],
  getAllDisplays: () => screen.displays,
  getPrimaryDisplay: () => screen.displays[0],
}

export default { app, BrowserWindow, protocol, ipcMain, session, dialog, shell, Menu, contextBridge, ipcRenderer, webUtils, screen }

/** Back to a freshly started process (not ready yet): no windows, handlers, listeners or recorded calls. */
export function resetFakeElectron(): void {
  vi.clearAllMocks()
  BrowserWindow.instances.length = 0
  screen.displays = [LAPTOP]
  app.listeners.clear()
  app.restart()
  Object.assign(app, { appPath: '/nonexistent-app', userData: '/nonexistent-user-data', gotLock: true, isPackaged: false })
  handlers.clear()
  privilegedRegistered = false
  ipcMain.handlers.clear()
  defaultSession.requestHandler = undefined
  defaultSession.checkHandler = undefined
  dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false })
  dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
  dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] })
  shell.openPath.mockResolvedValue('')
  contextBridge.exposed.clear()
  ipcRenderer.listeners.clear()
}
