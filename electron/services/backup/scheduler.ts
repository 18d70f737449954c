import { existsSync, statSync } from 'node:fs'
import type { BackupInfo } from '../../../shared/backup'
import { changeMarker } from '../db/change-marker'
import type { DatabaseHandle } from '../db/open'
import { readSettingsSync } from '../settings/store'
import { createBackup, listBackups, rotateBackups } from './store'

const HOUR_MS = 3_600_000
/** How often the scheduler looks whether a backup is due; the interval itself is a setting. */
export const CHECK_EVERY_MS = 10 * 60_000

export type TickResult =
  | { action: 'off' }
  | { action: 'not-due'; nextDueAt: string }
  | { action: 'unchanged' }
  | { action: 'backed-up'; backup: BackupInfo; removed: string[] }

/**
 * Before this process has taken a backup of the file it cannot compare markers, so it looks at
 * the file itself: nothing in the write-ahead log and the file not modified since the newest
 * backup means the backup still holds this state.
 */
function unchangedOnDiskSince(path: string, time: Date) {
  const wal = `${path}-wal`
  const walEmpty = !existsSync(wal) || statSync(wal).size === 0
  return walEmpty && statSync(path).mtimeMs <= time.getTime()
}

/**
 * Automatic backups every `backupEveryHours` while a database is open. A tick backs up only
 * when the newest backup is at least that old and something changed since, then rotates.
 */
export class BackupScheduler {
  private last: { handle: DatabaseHandle; marker: string } | null = null
  private running: Promise<TickResult> | null = null
  private timer: ReturnType<typeof setInterval> | null = null

  /** `current` gives the open database, or null when none should be backed up (the demo). */
  constructor(private readonly current: () => DatabaseHandle | null) {}

  /** One look; overlapping calls share the one in progress. */
  tick(now = new Date()): Promise<TickResult> {
    this.running ??= this.run(now).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run(now: Date): Promise<TickResult> {
    const handle = this.current()
    if (!handle) return { action: 'off' }
    const { backupEveryHours, timeZone } = readSettingsSync(handle.sqlite)
    if (backupEveryHours === 0) return { action: 'off' }
    const newest = listBackups(handle.path).backups[0]
    if (newest) {
      const dueAt = new Date(Date.parse(newest.takenAt) + backupEveryHours * HOUR_MS)
      if (now < dueAt) return { action: 'not-due', nextDueAt: dueAt.toISOString() }
    }
    const marker = changeMarker(handle.sqlite)
    const known = this.last?.handle === handle ? this.last.marker : null
    if (known === marker) return { action: 'unchanged' }
    if (known === null && newest && unchangedOnDiskSince(handle.path, new Date(newest.takenAt))) {
      this.last = { handle, marker }
      return { action: 'unchanged' }
    }
    const backup = await createBackup(handle.sqlite, handle.path, 'scheduled', now)
    this.last = { handle, marker }
    const removed = rotateBackups(handle.path, now, timeZone)
    return { action: 'backed-up', backup, removed }
  }

  /** Looks every `checkEveryMs` until stopped; never keeps the process alive by itself. */
  start(checkEveryMs = CHECK_EVERY_MS, onError: (error: unknown) => void = console.error) {
    this.stop()
    this.timer = setInterval(() => {
      this.tick().catch(onError)
    }, checkEveryMs)
    this.timer.unref()
    return () => this.stop()
  }

  stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
