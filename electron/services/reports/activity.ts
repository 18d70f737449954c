import type { ReportInfo } from '../../../shared/reports'
import { activeDays } from './data'
import { resolveFrame } from './frame'
import { isoOfDay } from './periods'
import { ratio, segmentIndexes, tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// DAU(d): people active on d; WAU(d): active on a day of [d − 6, d]; MAU(d): of [d − 29, d] (a
// rolling window, not a calendar month); stickiness(d) = DAU(d) / MAU(d). From each person's
// active days (the rollups' bitmaps): a day adds one to DAU, and the union of the windows it
// opens ([a, a + 6], [a, a + 29]) adds one to WAU and MAU through difference arrays, so the
// whole year costs one pass over the active days.

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
    const dau = new Int32Array(segments * n)
    const wau = new Int32Array(segments * (n + 1))
    const mau = new Int32Array(segments * (n + 1))
    if (n > 0) {
      const people = activeDays(ctx, frame)
      const { days, start, segments: segmentOf } = people
      for (let p = 0; p < people.count; p++) {
        const segment = segmentOf[p] ?? 0
        const base = segment * n - from
        const diffBase = segment * (n + 1) - from
        // The last day each window already counts this person on.
        let weekCovered = from - 1
        let monthCovered = from - 1
        const end = start[p + 1] ?? 0
        for (let i = start[p] ?? 0; i < end; i++) {
          const day = days[i] ?? 0
          if (day > to) break
          if (day < from - 29) continue
          if (day >= from) dau[base + day] = (dau[base + day] ?? 0) + 1
          // The windows this day opens ([day, day + 6], [day, day + 29]), minus what the
          // person's earlier days already opened: +1 where the new part starts, −1 after it.
          const weekEnd = day + 6 < to ? day + 6 : to
          const weekStart = day > weekCovered ? day : weekCovered + 1
          if (weekStart <= weekEnd) {
            wau[diffBase + weekStart] = (wau[diffBase + weekStart] ?? 0) + 1
            wau[diffBase + weekEnd + 1] = (wau[diffBase + weekEnd + 1] ?? 0) - 1
            weekCovered = weekEnd
          }
          const monthEnd = day + 29 < to ? day + 29 : to
          const monthStart = day > monthCovered ? day : monthCovered + 1
          if (monthStart <= monthEnd) {
            mau[diffBase + monthStart] = (mau[diffBase + monthStart] ?? 0) + 1
            mau[diffBase + monthEnd + 1] = (mau[diffBase + monthEnd + 1] ?? 0) - 1
            monthCovered = monthEnd
          }
        }
      }
    }
    const rows: Row[] = []
    const weekly = new Int32Array(segments)
    const monthly = new Int32Array(segments)
    for (let i = 0; i < n; i++) {
      const date = isoOfDay(from + i)
      for (const s of segmentIndexes(frame)) {
        weekly[s] = (weekly[s] ?? 0) + (wau[s * (n + 1) + i] ?? 0)
        monthly[s] = (monthly[s] ?? 0) + (mau[s * (n + 1) + i] ?? 0)
        const daily = dau[s * n + i] ?? 0
        const m = monthly[s] ?? 0
        rows.push({ first: date, segment: s, values: [daily, weekly[s] ?? 0, m, ratio(daily, m)] })
      }
    }
    return tableOf(info, frame, rows)
  },
}
