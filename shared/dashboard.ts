// The dashboard: this week across every module, a year of days, streaks and recent entries.

export type DashboardModule = 'fitness' | 'media' | 'studio' | 'analytics'

export interface WeekFigure {
  module: DashboardModule
  label: string
  unit: string
  /** This week so far (from its first day to today). */
  value: number
  /** The same days of last week, to compare with. */
  previous: number
}

export interface CalendarDay {
  date: string
  /** The person's own entries that day: workouts, films, media sessions, measurements. */
  entries: number
}

export interface RecentEntry {
  module: DashboardModule
  /** What it was ("Workout: Push day"). */
  label: string
  /** The local day it is about. */
  date: string
  /** Where it is listed in the window, as a route. */
  path: string
}

export interface DashboardSummary {
  today: string
  weekFrom: string
  week: WeekFigure[]
  /** A year of days ending today, oldest first, every day present. */
  calendar: CalendarDay[]
  /** Days in a row with an entry, ending today (or yesterday when today has none yet). */
  currentStreak: number
  longestStreak: number
  recent: RecentEntry[]
}
