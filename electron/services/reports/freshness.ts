import type { ReportInfo } from '../../../shared/reports'
import { resolveFrame } from './frame'
import { addPerson, periodGrid } from './period-grid'
import { dayInZone } from './raw'
import { round, tableOf, type Row } from './table'
import { quantile7 } from './tier-rules'
import type { ReportDefinition } from './types'
import { instantBounds, orderedDays, weekByWeek } from './event-reads'

// Late data and freshness (seed 001): metrics use event_ts; ingested_at is when Logbook received
// the event. Per period of arrival (local day of ingested_at): events received, how many were
// late (received on a later local day than the one they happened on, after their day's figures
// were first shown), and the lag ingested_at − event_ts (median and 95th percentile by linear
// interpolation, maximum). Events stamped after now are not in the lags: they are counted apart.

const freshnessInfo: ReportInfo = {
  name: 'freshness',
  title: 'Freshness and late data',
  description:
    'Events received per day: how many arrived late, the lag from event_ts to ingested_at, future stamps.',
  module: 'product',
  columns: [
    'date',
    'events',
    'late_events',
    'median_lag_s',
    'p95_lag_s',
    'max_lag_s',
    'future_events',
  ],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['day', 'week', 'month'],
}

export const freshnessReport: ReportDefinition = {
  ...freshnessInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, freshnessInfo, params, 'arrivals')
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(freshnessInfo, frame, rows)
    const grid = periodGrid(frame)
    const late = new Float64Array(grid.size)
    const future = new Float64Array(grid.size)
    const lags: number[][] = Array.from({ length: grid.size }, () => [])
    const [lo, hi] = instantBounds(frame, grid.start, grid.end)
    // Read from the index alone, in order of arrival: it holds (ingested_at, event_ts, user_id).
    const arrivals = ctx.sqlite
      .prepare(
        `SELECT user_id, event_ts, ingested_at FROM fct_event INDEXED BY event_ingested
         WHERE ingested_at >= ? AND ingested_at < ?`,
      )
      .raw()
    const events = weekByWeek<[string, number, number]>(arrivals, lo, hi)
    const arrivalDays = orderedDays(frame.zone)
    for (const [userId, ts, ingested] of events) {
      const s = frame.people.segmentOfUserId(userId)
      if (s < 0) continue
      const arrival = arrivalDays.dayOf(ingested)
      if (arrival < grid.start || arrival > grid.end) continue
      const i = grid.cellOf(arrival, s)
      if (ts > ctx.now) {
        future[i] = (future[i] ?? 0) + 1
        continue
      }
      lags[i]?.push(ingested - ts)
      // Happened on an earlier local day than the one it arrived on.
      if (ts < arrivalDays.start) late[i] = (late[i] ?? 0) + 1
    }
    const seconds = (ms: number) => round(ms / 1000, 1)
    for (const { label, segment, index } of grid.cells()) {
      const sorted = Float64Array.from(lags[index] ?? []).sort()
      const n = sorted.length
      rows.push({
        first: label,
        segment,
        values: [
          n,
          late[index] ?? 0,
          n === 0 ? null : seconds(quantile7(sorted, 0.5)),
          n === 0 ? null : seconds(quantile7(sorted, 0.95)),
          n === 0 ? null : seconds(sorted[n - 1] ?? 0),
          future[index] ?? 0,
        ],
      })
    }
    const newest = ctx.sqlite
      .prepare(
        `SELECT (SELECT max(event_ts) FROM fct_event WHERE event_ts <= ?),
           (SELECT max(ingested_at) FROM fct_event)`,
      )
      .raw()
      .get(ctx.now) as [number | null, number | null]
    const notes: string[] = []
    if (newest[0] !== null && newest[1] !== null) {
      notes.push(
        `Newest event ${new Date(newest[0]).toISOString()}, newest arrival ${new Date(newest[1]).toISOString()}, now ${new Date(ctx.now).toISOString()}.`,
      )
    }
    notes.push(
      'Rows are days of arrival (ingested_at); late = arrived on a later day than it happened.',
    )
    return tableOf(freshnessInfo, frame, rows, notes)
  },
}

const futureInfo: ReportInfo = {
  name: 'future_events',
  title: 'Future-stamped events',
  description:
    'Events stamped after now, by the day they claim (periods with some only): left out of every other report.',
  module: 'product',
  columns: ['date', 'events', 'users'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['day', 'week', 'month'],
}

export const futureEventsReport: ReportDefinition = {
  ...futureInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, futureInfo, params, 'future')
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(futureInfo, frame, rows)
    const grid = periodGrid(frame)
    const counts = new Float64Array(grid.size)
    const people = new Map<number, Set<string>>()
    const events = ctx.sqlite
      .prepare(`SELECT user_id, event_ts FROM fct_event WHERE event_ts > ?`)
      .raw()
      .iterate(ctx.now) as Iterable<[string, number]>
    const dayOf = dayInZone(frame.zone)
    for (const [userId, ts] of events) {
      const s = frame.people.segmentOfUserId(userId)
      const day = dayOf(ts)
      if (s < 0 || day < grid.start || day > grid.end) continue
      const i = grid.cellOf(day, s)
      counts[i] = (counts[i] ?? 0) + 1
      addPerson(people, i, userId)
    }
    for (const { label, segment, index } of grid.cells()) {
      // Only the periods that have some: a stamp in 2099 must not make 27,000 empty rows.
      if (!counts[index]) continue
      rows.push({
        first: label,
        segment,
        values: [counts[index] ?? 0, people.get(index)?.size ?? 0],
      })
    }
    return tableOf(futureInfo, frame, rows)
  },
}
