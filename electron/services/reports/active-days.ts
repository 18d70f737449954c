import type { ReportInfo } from '../../../shared/reports'
import { activeDays } from './data'
import { resolveFrame, type Frame } from './frame'
import {
  endOfOrdinal,
  labelOfOrdinal,
  lengthOfOrdinal,
  ordinalLookup,
  ordinalOf,
  startOfOrdinal,
} from './periods'
import { tableOf, type Row } from './table'
import type { ReportContext, ReportDefinition } from './types'

// How many days of a week or month people were active: per whole period the range touches, the
// number of people with exactly N active days in it, N from 1 to the period's length.

export interface ActiveDayCounts {
  first: number
  last: number
  /** people[p][segment][n]: people active on exactly n days of period first + p. */
  people: Int32Array[][]
}

export function activeDayCounts(ctx: ReportContext, frame: Frame): ActiveDayCounts | null {
  if (frame.from > frame.to) return null
  const { interval } = frame
  const first = ordinalOf(frame.from, interval)
  const last = ordinalOf(frame.to, interval)
  const segments = frame.people.segments.length
  const people: Int32Array[][] = []
  for (let o = first; o <= last; o++) {
    const length = lengthOfOrdinal(o, interval)
    people.push(Array.from({ length: segments }, () => new Int32Array(length + 1)))
  }
  const start = startOfOrdinal(first, interval)
  const end = endOfOrdinal(last, interval)
  const ordinal = ordinalLookup(start, end, interval)
  const table = activeDays(ctx, frame)
  const { runs } = table
  const ends = people.map((_, p) => endOfOrdinal(first + p, interval))
  for (let person = 0; person < table.count; person++) {
    const segment = table.segments[person] ?? 0
    let period = -1
    let n = 0
    const flush = () => {
      const counts = people[period]?.[segment]
      if (counts && n > 0) counts[n] = (counts[n] ?? 0) + 1
    }
    const last = table.start[person + 1] ?? 0
    for (let j = table.start[person] ?? 0; j < last; j++) {
      // Split the run at period ends: its days in each period add to that period's count.
      let a = Math.max(runs[2 * j] ?? 0, start)
      const b = Math.min(runs[2 * j + 1] ?? 0, end)
      while (a <= b) {
        const p = ordinal(a) - first
        const until = Math.min(b, ends[p] ?? b)
        if (p !== period) {
          flush()
          period = p
          n = 0
        }
        n += until - a + 1
        a = until + 1
      }
    }
    flush()
  }
  return { first, last, people }
}

function notOver(frame: Frame, last: number) {
  return endOfOrdinal(last, frame.interval) >= frame.today
    ? [`The last period (${labelOfOrdinal(last, frame.interval)}) is not over.`]
    : []
}

const activeDaysInfo: ReportInfo = {
  name: 'active_days',
  title: 'Active days per month',
  description:
    'The distribution of active days: people active on exactly N days of each month (or week).',
  module: 'product',
  columns: ['period', 'days_active', 'users'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['month', 'week'],
}

export const activeDaysReport: ReportDefinition = {
  ...activeDaysInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, activeDaysInfo, params)
    const counts = activeDayCounts(ctx, frame)
    if (!counts) return tableOf(activeDaysInfo, frame, [])
    const rows: Row[] = []
    counts.people.forEach((bySegment, p) => {
      bySegment.forEach((n, s) => {
        for (let days = 1; days < n.length; days++) {
          rows.push({
            first: labelOfOrdinal(counts.first + p, frame.interval),
            segment: s,
            values: [days, n[days] ?? 0],
          })
        }
      })
    })
    return tableOf(activeDaysInfo, frame, rows, notOver(frame, counts.last))
  },
}

const histogramInfo: ReportInfo = {
  name: 'stickiness_histogram',
  title: 'Stickiness histogram',
  description:
    'People active on exactly N days of each week (or month), and on N or more days (cumulative).',
  module: 'product',
  columns: ['period', 'days', 'users', 'users_at_least'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['week', 'month'],
}

export const stickinessHistogramReport: ReportDefinition = {
  ...histogramInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, histogramInfo, params)
    const counts = activeDayCounts(ctx, frame)
    if (!counts) return tableOf(histogramInfo, frame, [])
    const rows: Row[] = []
    counts.people.forEach((bySegment, p) => {
      bySegment.forEach((n, s) => {
        const atLeast = new Int32Array(n.length + 1)
        for (let days = n.length - 1; days >= 1; days--) {
          atLeast[days] = (atLeast[days + 1] ?? 0) + (n[days] ?? 0)
        }
        for (let days = 1; days < n.length; days++) {
          rows.push({
            first: labelOfOrdinal(counts.first + p, frame.interval),
            segment: s,
            values: [days, n[days] ?? 0, atLeast[days] ?? 0],
          })
        }
      })
    })
    return tableOf(histogramInfo, frame, rows, notOver(frame, counts.last))
  },
}
