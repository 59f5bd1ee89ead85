import { readdirSync, readlinkSync } from 'node:fs'

/** This process's open handles on `path` (Linux: /proc/self/fd): a handle left open would block ejecting the stick. */
export function handlesOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path
    } catch {
      return false // closed while listed
    }
  }).length
}
