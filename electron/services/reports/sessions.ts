import type { ReportInfo } from '../../../shared/reports'
import { LENGTH_BUCKETS, periodSessions, sessionLengthCounts, type PeriodSessions } from './data'
import { resolveFrame, type Frame } from './frame'
import { dayOfKey, keyOfDay, labelOfOrdinal, ordinalOf } from './periods'
import { bump, ratio, segmentIndexes, tableOf, type Row } from './table'
import type { ReportContext, ReportDefinition } from './types'

// Sessions (ARCHITECTURE.md, "Metrics"): a person's events by time, a new one after a gap over
// the session gap or 24 hours after the start; a session belongs to the local day it starts on.
// Counts per period, the average length, and the people with at least one session.

/** Everyone's sessions per day, from the rollups' day totals (rollup_days). */
function dayTotals(ctx: ReportContext, frame: Frame): PeriodSessions {
  const n = frame.to - frame.from + 1
  const out = {
    sessions: new Float64Array(n),
    seconds: new Float64Array(n),
    users: new Float64Array(n),
  }
  const totals = ctx.sqlite
    .prepare(
      `SELECT date_key, sessions, session_seconds, session_users FROM rollup_days
       WHERE date_key BETWEEN ? AND ?`,
    )
    .raw()
    .all(keyOfDay(frame.from), keyOfDay(frame.to)) as [number, number, number, number][]
  for (const [dateKey, count, seconds, people] of totals) {
    const i = dayOfKey(dateKey) - frame.from
    out.sessions[i] = count
    out.seconds[i] = seconds
    out.users[i] = people
  }
  return out
}

const sessionsInfo: ReportInfo = {
  name: 'sessions',
  title: 'Sessions',
  description: 'Sessions started per day, week or month, their average length and who had one.',
  module: 'product',
  columns: ['date', 'sessions', 'avg_duration_s', 'users'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['day', 'week', 'month'],
}

export const sessionsReport: ReportDefinition = {
  ...sessionsInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, sessionsInfo, params)
    const { interval } = frame
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(sessionsInfo, frame, rows)
    const first = ordinalOf(frame.from, interval)
    const last = ordinalOf(frame.to, interval)
    const periods = last - first + 1
    const segments = frame.people.segments.length
    const everyone = frame.people.segment === null && frame.people.keys === null
    const { sessions, seconds, users } =
      frame.rollups && everyone && interval === 'day' && frame.future.userKeys.size === 0
        ? dayTotals(ctx, frame)
        : periodSessions(ctx, frame, interval, first, last)
    for (let p = 0; p < periods; p++) {
      for (const s of segmentIndexes(frame)) {
        const i = p * segments + s
        const count = sessions[i] ?? 0
        rows.push({
          first: labelOfOrdinal(first + p, interval),
          segment: s,
          values: [count, ratio(seconds[i] ?? 0, count, 1), users[i] ?? 0],
        })
      }
    }
    return tableOf(sessionsInfo, frame, rows)
  },
}

const lengthsInfo: ReportInfo = {
  name: 'session_lengths',
  title: 'Session lengths',
  description:
    'How long sessions started in the range last: sessions per length bucket and their share.',
  module: 'product',
  columns: ['duration', 'sessions', 'share'],
  accepts: ['range', 'segment', 'filters'],
}

export const sessionLengthsReport: ReportDefinition = {
  ...lengthsInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, lengthsInfo, params)
    const segments = frame.people.segments.length
    if (frame.from > frame.to) return tableOf(lengthsInfo, frame, [])
    const counts = sessionLengthCounts(ctx, frame, frame.from, frame.to)
    const totals = new Float64Array(segments)
    counts.forEach((n, i) => bump(totals, i % segments, n))
    const rows: Row[] = []
    LENGTH_BUCKETS.forEach(([label], b) => {
      for (const s of segmentIndexes(frame)) {
        const count = counts[b * segments + s] ?? 0
        rows.push({ first: label, segment: s, values: [count, ratio(count, totals[s] ?? 0)] })
      }
    })
    const note = `Lengths run from a session's first event to its last (one event: 0s).`
    return tableOf(lengthsInfo, frame, rows, [note])
  },
}
