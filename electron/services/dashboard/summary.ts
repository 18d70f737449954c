import type BetterSqlite3 from 'better-sqlite3'
import type {
  CalendarDay,
  DashboardSummary,
  RecentEntry,
  WeekFigure,
} from '../../../shared/dashboard'
import type { Settings } from '../../../shared/settings'
import { dateKeyOf, dateKeyToIso, isoToDateKey, isoWeekday } from '../../../shared/time'
import { dateKeyOfDay, dayNumberOf } from '../rollups/day-bits'
import { readEntries, type Entry } from './entries'

const CALENDAR_DAYS = 365
const RECENT = 8

const dayOf = (iso: string) => dayNumberOf(isoToDateKey(iso))
const isoOf = (day: number) => dateKeyToIso(dateKeyOfDay(day))

/** Longest run of consecutive days in an ascending list of day numbers. */
export function longestRun(days: readonly number[]): number {
  let longest = 0
  let run = 0
  let previous = Number.NaN
  for (const day of days) {
    run = day === previous + 1 ? run + 1 : 1
    if (run > longest) longest = run
    previous = day
  }
  return longest
}

/** Days in a row ending today, or yesterday while today has nothing yet. */
export function currentRun(logged: ReadonlySet<number>, today: number): number {
  let end = logged.has(today) ? today : today - 1
  let run = 0
  while (logged.has(end)) {
    run += 1
    end -= 1
  }
  return run
}

function weekFigures(
  sqlite: BetterSqlite3.Database,
  entries: readonly Entry[],
  weekFrom: number,
  today: number,
): WeekFigure[] {
  const span = today - weekFrom
  const thisWeek = [isoOf(weekFrom), isoOf(today)] as const
  const lastWeek = [isoOf(weekFrom - 7), isoOf(weekFrom - 7 + span)] as const
  const count = (kind: Entry['kind'], [from, to]: readonly [string, string]) =>
    entries.filter((e) => e.kind === kind && e.date >= from && e.date <= to).length
  const scalar = (sql: string, [from, to]: readonly [string, string]) =>
    Number(sqlite.prepare(sql).pluck().get(from, to) ?? 0)
  const sets = `SELECT count(*) FROM fitness_exercise_logs l
    JOIN fitness_workouts w ON w.id = l.workout_id WHERE w.workout_date BETWEEN ? AND ?`
  const mediaHours = `SELECT coalesce(sum(duration_minutes), 0) / 60.0 FROM media_consumption
    WHERE substr(consumption_date, 1, 10) BETWEEN ? AND ?`
  const activePeople = `SELECT count(DISTINCT user_key) FROM fact_daily_user_activity
    WHERE is_active_day = 1 AND date_key BETWEEN CAST(replace(?, '-', '') AS INTEGER)
      AND CAST(replace(?, '-', '') AS INTEGER)`
  const figure = (
    module: WeekFigure['module'],
    label: string,
    unit: string,
    of: (range: readonly [string, string]) => number,
  ): WeekFigure => ({
    module,
    label,
    unit,
    value: Math.round(of(thisWeek) * 10) / 10,
    previous: Math.round(of(lastWeek) * 10) / 10,
  })
  return [
    figure('fitness', 'Workouts', 'workouts', (r) => count('workout', r)),
    figure('fitness', 'Sets', 'sets', (r) => scalar(sets, r)),
    figure('media', 'Films', 'films', (r) => count('film', r)),
    figure('media', 'Media', 'hours', (r) => scalar(mediaHours, r)),
    figure('studio', 'Check-ins', 'check-ins', (r) => count('check-in', r)),
    figure('analytics', 'Active people', 'people', (r) => scalar(activePeople, r)),
  ]
}

/** The dashboard's numbers, as of `nowMs`, in the settings' zone and week. */
export function readDashboard(
  sqlite: BetterSqlite3.Database,
  settings: Pick<Settings, 'timeZone' | 'weekStart'>,
  nowMs: number,
): DashboardSummary {
  const todayIso = dateKeyToIso(dateKeyOf(nowMs, settings.timeZone))
  const today = dayOf(todayIso)
  const weekday = isoWeekday(isoToDateKey(todayIso)) // Monday 1 … Sunday 7
  const weekFrom = today - (settings.weekStart === 'sunday' ? weekday % 7 : weekday - 1)
  const first = Math.min(today - (CALENDAR_DAYS - 1), weekFrom - 7)
  const entries = readEntries(sqlite, isoOf(first), todayIso, settings.timeZone)

  // The calendar, streaks and recent list are the person's own logging; a studio's check-ins
  // are its members' visits, counted in the week's figures instead.
  const own = entries.filter((e) => e.kind !== 'check-in')
  const perDay = new Map<number, number>()
  for (const entry of own) {
    const day = dayOf(entry.date)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  const calendar: CalendarDay[] = []
  for (let day = today - (CALENDAR_DAYS - 1); day <= today; day++) {
    calendar.push({ date: isoOf(day), entries: perDay.get(day) ?? 0 })
  }
  const logged = [...perDay.keys()].sort((a, b) => a - b)
  const recent: RecentEntry[] = [...own]
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, RECENT)
    .map(({ module, label, date, path }) => ({ module, label, date, path }))

  return {
    today: todayIso,
    weekFrom: isoOf(weekFrom),
    week: weekFigures(sqlite, entries, weekFrom, today),
    calendar,
    currentStreak: currentRun(new Set(logged), today),
    longestStreak: longestRun(logged),
    recent,
  }
}
