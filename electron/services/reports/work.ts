import type { ReportInfo } from '../../../shared/reports'
import { resolveFrame } from './frame'
import { addPerson, periodGrid } from './period-grid'
import { instantBounds, weekByWeek } from './event-reads'
import { dayInZone } from './raw'
import { tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// Work time and outputs (seed 001): work time is the sum of timer_stop.duration_seconds (no
// session reconstruction, no double counting); outputs are task_completed events. Per local day
// of event_ts, events after `now` left out.

const info: ReportInfo = {
  name: 'work',
  title: 'Work time and outputs',
  description:
    'Work time (sum of timer_stop durations) and outputs (task_completed events) per period.',
  module: 'product',
  columns: ['period', 'work_seconds', 'tasks_completed', 'users'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['day', 'week', 'month'],
}

export const workReport: ReportDefinition = {
  ...info,
  run(ctx, params) {
    const frame = resolveFrame(ctx, info, params)
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(info, frame, rows)
    const grid = periodGrid(frame)
    const seconds = new Float64Array(grid.size)
    const tasks = new Float64Array(grid.size)
    const people = new Map<number, Set<string>>()
    const [lo, hi] = instantBounds(frame, grid.start, grid.end)
    // Read from the partial index alone: it holds these two events with what is read here.
    const workEvents = ctx.sqlite
      .prepare(
        `SELECT user_id, event_ts, event_name, duration_seconds FROM fct_event INDEXED BY event_work
         WHERE event_ts >= ? AND event_ts < ? AND event_ts <= ?
           AND event_name IN ('timer_stop', 'task_completed')`,
      )
      .raw()
    const events = weekByWeek<[string, number, string, number | null]>(workEvents, lo, hi, ctx.now)
    const dayOf = dayInZone(frame.zone)
    for (const [userId, ts, name, duration] of events) {
      const s = frame.people.segmentOfUserId(userId)
      if (s < 0) continue
      const day = dayOf(ts)
      if (day < grid.start || day > grid.end) continue
      const i = grid.cellOf(day, s)
      if (name === 'timer_stop') seconds[i] = (seconds[i] ?? 0) + (duration ?? 0)
      else tasks[i] = (tasks[i] ?? 0) + 1
      addPerson(people, i, userId)
    }
    for (const { label, segment, index } of grid.cells())
      rows.push({
        first: label,
        segment,
        values: [seconds[index] ?? 0, tasks[index] ?? 0, people.get(index)?.size ?? 0],
      })
    return tableOf(info, frame, rows, [
      'users: people with a timer_stop or task_completed event in the period.',
    ])
  },
}
