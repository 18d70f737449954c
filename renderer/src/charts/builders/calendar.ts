import type { CalendarDay } from '../../../../shared/dashboard'
import type { MatrixCell } from '../MatrixChart'
import type { ChartTable } from '../types'

const WEEKDAYS_FROM_MONDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export interface CalendarCell extends MatrixCell {
  date: string
}

/** Weekday of a YYYY-MM-DD: 0 = the week's first day. */
function weekdayIndex(date: string, weekStart: 'monday' | 'sunday') {
  const utcDay = new Date(`${date}T00:00:00Z`).getUTCDay() // Sunday 0
  return weekStart === 'monday' ? (utcDay + 6) % 7 : utcDay
}

/**
 * A year of days as a GitHub-style grid: a column per week (labelled by its first day), a row
 * per weekday in the person's week order.
 */
export function activityCalendar(days: readonly CalendarDay[], weekStart: 'monday' | 'sunday') {
  const weekdays =
    weekStart === 'monday' ? WEEKDAYS_FROM_MONDAY : ['Sun', ...WEEKDAYS_FROM_MONDAY.slice(0, 6)]
  const weeks: string[] = []
  const cells: CalendarCell[] = []
  let week = ''
  days.forEach((day, i) => {
    const weekday = weekdayIndex(day.date, weekStart)
    if (i === 0 || weekday === 0) {
      week = day.date
      weeks.push(week)
    }
    cells.push({ x: week, y: weekdays[weekday] ?? '', v: day.entries, date: day.date })
  })
  const table: ChartTable = {
    columns: ['date', 'entries'],
    rows: days.map((d) => [d.date, d.entries]),
  }
  const logged = days.some((d) => d.entries > 0)
  return { weeks, weekdays, cells, table: logged ? table : { ...table, rows: [] } }
}

/** The month a week column starts, as its axis label, only where a new month begins. */
export function weekLabel(weeks: readonly string[], index: number, format: (d: Date) => string) {
  const week = weeks[index]
  if (!week) return ''
  const previous = weeks[index - 1]
  if (previous !== undefined && previous.slice(0, 7) === week.slice(0, 7)) return ''
  return format(new Date(`${week}T00:00:00Z`))
}
