import type { ReportInfo } from '../../../shared/reports'
import { activeDays } from './data'
import { resolveFrame } from './frame'
import { isoOfDay } from './periods'
import { ratio, segmentIndexes, tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// DAU(d): people active on d; WAU(d): active on a day of [d − 6, d]; MAU(d): of [d − 29, d] (a
// rolling window, not a calendar month); stickiness(d) = DAU(d) / MAU(d). From each person's
// runs of consecutive active days (the rollups' bitmaps): a run a … b adds one to DAU on a … b,
// and the part of a … b + 6 (a … b + 29) the person's earlier runs did not already cover adds
// one to WAU (MAU), each through a difference array, so the whole year costs one pass over the
// runs.

const info: ReportInfo = {
  name: 'activity',
  title: 'Active people',
  description: 'DAU, WAU and MAU (rolling 7 and 30 days) of every day, and stickiness = DAU / MAU.',
  module: 'product',
  columns: ['date', 'dau', 'wau', 'mau', 'stickiness'],
  accepts: ['range', 'segment', 'filters'],
}

export const activityReport: ReportDefinition = {
  ...info,
  run(ctx, params) {
    const frame = resolveFrame(ctx, info, params)
    const { from, to } = frame
    const n = Math.max(0, to - from + 1)
    const segments = frame.people.segments.length
    // Difference arrays: +1 where a person starts counting, −1 the day after they stop.
    const dau = new Int32Array(segments * (n + 1))
    const wau = new Int32Array(segments * (n + 1))
    const mau = new Int32Array(segments * (n + 1))
    if (n > 0) {
      const people = activeDays(ctx, frame)
      const { runs, start, segments: segmentOf } = people
      for (let p = 0; p < people.count; p++) {
        const base = (segmentOf[p] ?? 0) * (n + 1) - from
        // The last day each window already counts this person on.
        let weekCovered = from - 1
        let monthCovered = from - 1
        const end = start[p + 1] ?? 0
        for (let j = start[p] ?? 0; j < end; j++) {
          const a = runs[2 * j] ?? 0
          const b = runs[2 * j + 1] ?? 0
          if (a > to) break
          if (b < from - 29) continue
          // Active a … b: counted by DAU on those days, by WAU on a … b + 6, by MAU on
          // a … b + 29, less what the person's earlier runs already opened.
          const dayStart = a > from ? a : from
          const dayEnd = b < to ? b : to
          if (dayStart <= dayEnd) {
            dau[base + dayStart] = (dau[base + dayStart] ?? 0) + 1
            dau[base + dayEnd + 1] = (dau[base + dayEnd + 1] ?? 0) - 1
          }
          const weekStart = a > weekCovered ? a : weekCovered + 1
          const weekEnd = b + 6 < to ? b + 6 : to
          if (weekStart <= weekEnd) {
            wau[base + weekStart] = (wau[base + weekStart] ?? 0) + 1
            wau[base + weekEnd + 1] = (wau[base + weekEnd + 1] ?? 0) - 1
            weekCovered = weekEnd
          }
          const monthStart = a > monthCovered ? a : monthCovered + 1
          const monthEnd = b + 29 < to ? b + 29 : to
          if (monthStart <= monthEnd) {
            mau[base + monthStart] = (mau[base + monthStart] ?? 0) + 1
            mau[base + monthEnd + 1] = (mau[base + monthEnd + 1] ?? 0) - 1
            monthCovered = monthEnd
          }
        }
      }
    }
    const rows: Row[] = []
    const daily = new Int32Array(segments)
    const weekly = new Int32Array(segments)
    const monthly = new Int32Array(segments)
    for (let i = 0; i < n; i++) {
      const date = isoOfDay(from + i)
      for (const s of segmentIndexes(frame)) {
        const at = s * (n + 1) + i
        const d = (daily[s] = (daily[s] ?? 0) + (dau[at] ?? 0))
        const w = (weekly[s] = (weekly[s] ?? 0) + (wau[at] ?? 0))
        const m = (monthly[s] = (monthly[s] ?? 0) + (mau[at] ?? 0))
        rows.push({ first: date, segment: s, values: [d, w, m, ratio(d, m)] })
      }
    }
    return tableOf(info, frame, rows)
  },
}
