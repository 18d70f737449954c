import { dateKeyOf, dateKeyToIso } from '../../../shared/time'

/** How many automatic backups to keep; see docs/backups.md. */
export interface RotationPolicy {
  /** The newest this many from today (local calendar day). */
  today: number
  /** The newest of each of this many calendar days, today included. */
  days: number
  /** The newest of each of this many weeks (Monday to Sunday), this week included. */
  weeks: number
  /** Never more than this many automatic backups in all. */
  maxTotal: number
}

export const DEFAULT_ROTATION: RotationPolicy = { today: 4, days: 14, weeks: 8, maxTotal: 30 }

export interface RotatedBackup {
  path: string
  time: Date
  reason: string
}

/**
 * Backups the person made by hand are never rotated away: they chose to keep that state, and
 * they delete them themselves. Everything else (scheduled, before an import, a migration or a
 * restore) is automatic and rotated.
 */
export function isExemptFromRotation(backup: Pick<RotatedBackup, 'reason'>) {
  return backup.reason === 'manual'
}

function dayNumber(time: Date, timeZone: string) {
  return Math.round(Date.parse(dateKeyToIso(dateKeyOf(time.getTime(), timeZone))) / 86_400_000)
}

/** 1970-01-01 was a Thursday: shifting by 3 makes weeks run Monday to Sunday. */
function weekNumber(day: number) {
  return Math.floor((day + 3) / 7)
}

/**
 * Which backups to keep at `now`: a pure function of the backups' times, so it is the same
 * whichever order they come in. Calendar days are those of `timeZone`; backups from the future
 * (a clock set back) count as today's.
 */
export function backupsToKeep<T extends RotatedBackup>(
  backups: readonly T[],
  now: Date,
  timeZone: string,
  policy: RotationPolicy = DEFAULT_ROTATION,
): Set<T> {
  const keep = new Set<T>(backups.filter(isExemptFromRotation))
  const automatic = backups
    .filter((b) => !isExemptFromRotation(b))
    .sort((a, b) => b.time.getTime() - a.time.getTime() || b.path.localeCompare(a.path))
  const today = dayNumber(now, timeZone)
  const dayOf = (b: T) => Math.min(dayNumber(b.time, timeZone), today)

  const chosen: T[] = []
  const choose = (b: T | undefined) => {
    if (b && !chosen.includes(b)) chosen.push(b)
  }
  // In order of importance, so the cap drops the least important first.
  choose(automatic[0])
  automatic
    .filter((b) => dayOf(b) === today)
    .slice(0, policy.today)
    .forEach(choose)
  const seenDays = new Set<number>()
  for (const b of automatic) {
    const day = dayOf(b)
    if (today - day >= policy.days || seenDays.has(day)) continue
    seenDays.add(day)
    choose(b)
  }
  const seenWeeks = new Set<number>()
  for (const b of automatic) {
    const week = weekNumber(dayOf(b))
    if (weekNumber(today) - week >= policy.weeks || seenWeeks.has(week)) continue
    seenWeeks.add(week)
    choose(b)
  }
  chosen.slice(0, Math.max(1, policy.maxTotal)).forEach((b) => keep.add(b))
  return keep
}
