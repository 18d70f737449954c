import type { ReportInfo } from '../../../shared/reports'
import { zonedTimeToEpoch } from '../../../shared/time'
import { resolveFrame, type Frame } from './frame'
import { civilOfDay, endOfOrdinal, labelOfOrdinal, ordinalOf, startOfOrdinal } from './periods'
import { dayInZone } from './raw'
import { segmentIndexes, tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// Work time and outputs (seed 001): work time is the sum of timer_stop.duration_seconds (no
// session reconstruction, no double counting); outputs are task_completed events. Per local day
// of event_ts, events after `now` left out.

/** Epoch ms bounds that surely hold the local days [from, to] (a day of slack either side). */
export function instantBounds(frame: Pick<Frame, 'zone'>, from: number, to: number) {
  const at = (day: number) => {
    const c = civilOfDay(day)
    return zonedTimeToEpoch({ year: c.year, month: c.month, day: c.day }, frame.zone)
  }
  return [at(from - 1), at(to + 2)] as const
}

/**
 * `fct_event` for a read over [from, to]: through the time indexes for a short range, else in
 * table order (an index range over most of the table reads every row at random, many times
 * slower than a scan).
 */
export function eventsFor(from: number, to: number) {
  return to - from > 62 ? 'fct_event NOT INDEXED' : 'fct_event'
}

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
    const { interval } = frame
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(info, frame, rows)
    const first = ordinalOf(frame.from, interval)
    const last = ordinalOf(frame.to, interval)
    const start = startOfOrdinal(first, interval)
    const end = endOfOrdinal(last, interval)
    const segments = frame.people.segments.length
    const size = (last - first + 1) * segments
    const seconds = new Float64Array(size)
    const tasks = new Float64Array(size)
    const people = new Map<number, Set<string>>()
    const [lo, hi] = instantBounds(frame, start, end)
    const events = ctx.sqlite
      .prepare(
        `SELECT user_id, event_ts, event_name, duration_seconds FROM ${eventsFor(start, end)}
         WHERE event_name IN ('timer_stop', 'task_completed')
           AND event_ts >= ? AND event_ts < ? AND event_ts <= ?`,
      )
      .raw()
      .iterate(lo, hi, ctx.now) as Iterable<[string, number, string, number | null]>
    const dayOf = dayInZone(frame.zone)
    for (const [userId, ts, name, duration] of events) {
      const s = frame.people.segmentOfUserId(userId)
      if (s < 0) continue
      const day = dayOf(ts)
      if (day < start || day > end) continue
      const i = (ordinalOf(day, interval) - first) * segments + s
      if (name === 'timer_stop') seconds[i] = (seconds[i] ?? 0) + (duration ?? 0)
      else tasks[i] = (tasks[i] ?? 0) + 1
      let who = people.get(i)
      if (!who) {
        who = new Set()
        people.set(i, who)
      }
      who.add(userId)
    }
    for (let o = first; o <= last; o++) {
      for (const s of segmentIndexes(frame)) {
        const i = (o - first) * segments + s
        rows.push({
          first: labelOfOrdinal(o, interval),
          segment: s,
          values: [seconds[i] ?? 0, tasks[i] ?? 0, people.get(i)?.size ?? 0],
        })
      }
    }
    return tableOf(info, frame, rows, [
      'users: people with a timer_stop or task_completed event in the period.',
    ])
  },
}
