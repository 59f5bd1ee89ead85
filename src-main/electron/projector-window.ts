/**
 * The projector window (host.openProjector): one per app, on the external display when there is one
 * (the room's projector), full screen there, showing the meeting's projector page. A second call
 * brings the open window forward (and switches it to the meeting asked for).
 */
import { screen, type BrowserWindow, type Display } from 'electron'
import { APP_ENTRY_URL } from './app-origin'
import type { AppPaths } from './paths'
import { createProjectorWindow } from './window'

export type OpenProjector = (meetingId: string) => void

export interface ProjectorWindows {
  open: OpenProjector
  /** Closes the projector window, if open (the main window closed: nothing left to drive it). */
  close(): void
}

/** The display to project on: the first one that is not the primary (the laptop's own screen). */
export function projectorDisplay(): Display {
  const primary = screen.getPrimaryDisplay()
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? primary
}

/** `onCreated` is told about each new window (to push core events to it; it returns the unsubscribe). */
export function projectorOpener(paths: Pick<AppPaths, 'preloadPath' | 'resourcesDir'>, onCreated: (window: BrowserWindow) => () => void): ProjectorWindows {
  let open: { window: BrowserWindow; meetingId: string } | undefined
  const close = () => {
    if (open && !open.window.isDestroyed()) open.window.close()
  }
  const show: OpenProjector = (meetingId) => {
    if (open && !open.window.isDestroyed()) {
      const { window } = open
      if (open.meetingId !== meetingId) void window.loadURL(`${APP_ENTRY_URL}#/projector/${encodeURIComponent(meetingId)}`)
      open.meetingId = meetingId
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
      return
    }
    const window = createProjectorWindow(paths, meetingId, projectorDisplay().bounds)
    const stop = onCreated(window)
    open = { window, meetingId }
    window.on('closed', () => {
      stop()
      if (open?.window === window) open = undefined
    })
  }
  return { open: show, close }
}
