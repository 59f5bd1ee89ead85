/**
 * The two sides an organizer weighs before an archive replaces a meeting that is already here: the
 * meeting on this computer (name, units, reviewers, last change) and the archive (its meeting, when
 * it was made, by which app version). Said in words, for the refusal and the confirm dialog.
 */
import type { Database } from 'better-sqlite3'
import { dataTableNames } from '../db/data-tables'
import type { PackageManifest } from './package-manifest'

const pad = (n: number) => String(n).padStart(2, '0')

/** "2025年3月7日 14:05" in this computer's local time. */
export function localTime(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  return `${at.getFullYear()}年${at.getMonth() + 1}月${at.getDate()}日 ${pad(at.getHours())}:${pad(at.getMinutes())}`
}

/** The latest change to any of the meeting's rows (every meeting table with an updated_at, and the score history). */
function lastChange(db: Database, meetingId: string): string | null {
  let latest: string | null = null
  for (const table of dataTableNames(db)) {
    const columns = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name)
    const key = table === 'meetings' ? 'id' : columns.includes('meeting_id') ? 'meeting_id' : null
    const stamp = columns.includes('updated_at') ? 'updated_at' : table === 'score_history' ? 'at' : null
    if (!key || !stamp) continue
    const row = db.prepare(`SELECT max("${stamp}") AS at FROM "${table}" WHERE "${key}" = ?`).get(meetingId) as { at: string | null }
    if (row.at && (!latest || row.at > latest)) latest = row.at
  }
  return latest
}

/** 青岚市…评审会（12 个参评单位、5 名评委，最后修改于 2025年3月7日 14:05）, or null when the meeting is not here. */
export function describeLocalMeeting(db: Database, meetingId: string): string | null {
  const meeting = db.prepare('SELECT title FROM meetings WHERE id = ?').get(meetingId) as { title: string } | undefined
  if (!meeting) return null
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE meeting_id = ?`).get(meetingId) as { n: number }).n
  const changed = lastChange(db, meetingId)
  return `${meeting.title}（${count('units')} 个参评单位、${count('reviewers')} 名评委${changed ? `，最后修改于 ${localTime(changed)}` : ''}）`
}

/** 青岚市…评审会（制作于 2025年3月7日 14:05，现场评审 0.4.0）. */
export function describeArchive(manifest: PackageManifest): string {
  return `${manifest.meeting.name}（制作于 ${localTime(manifest.createdAt)}，现场评审 ${manifest.appVersion}）`
}
