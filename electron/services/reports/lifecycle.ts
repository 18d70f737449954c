import type { ReportInfo } from '../../../shared/reports'
import { activeDays } from './data'
import { resolveFrame } from './frame'
import { endOfOrdinal, labelOfOrdinal, ordinalLookup, ordinalOf, startOfOrdinal } from './periods'
import { bump, segmentIndexes, tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// Lifecycle per period (ARCHITECTURE.md, "Metrics"): new = the person's first active day over
// all history falls in it; returning = active in it and in the one before; resurrecting = active
// in it, not in the one before, not new; dormant = active in the one before, not in it (a count
// here; charts draw it below zero). new + returning + resurrecting = the period's active people.

const info: ReportInfo = {
  name: 'lifecycle',
  title: 'Lifecycle',
  description:
    'Active people per period split into new, returning and resurrecting, and those gone dormant.',
  module: 'product',
  columns: ['period', 'new', 'returning', 'resurrecting', 'dormant'],
  accepts: ['range', 'interval', 'segment', 'filters'],
  intervals: ['week', 'day', 'month'],
}

export const lifecycleReport: ReportDefinition = {
  ...info,
  run(ctx, params) {
    const frame = resolveFrame(ctx, info, params)
    const { interval } = frame
    const rows: Row[] = []
    if (frame.from > frame.to) return tableOf(info, frame, rows)
    const first = ordinalOf(frame.from, interval)
    const last = ordinalOf(frame.to, interval)
    const periods = last - first + 1
    const segments = frame.people.segments.length
    // Per period and segment: new, returning, resurrecting, dormant.
    const counts = new Int32Array(periods * segments * 4)
    const start = startOfOrdinal(first - 1, interval)
    const end = endOfOrdinal(last, interval)
    const ordinal = ordinalLookup(start, end, interval)
    // active[p + 1]: active in period first + p (index 0 is the period before the first).
    const active = new Uint8Array(periods + 1)
    const people = activeDays(ctx, frame)
    const { runs } = people
    for (let person = 0; person < people.count; person++) {
      const from = people.start[person] ?? 0
      const to = people.start[person + 1] ?? 0
      const firstDay = runs[2 * from] ?? 0
      if (firstDay > end) continue
      const born = ordinalOf(firstDay, interval)
      const segment = people.segments[person] ?? 0
      active.fill(0)
      for (let j = from; j < to; j++) {
        const a = Math.max(runs[2 * j] ?? 0, start)
        const b = Math.min(runs[2 * j + 1] ?? 0, end)
        if (a > b) continue
        for (let o = ordinal(a); o <= ordinal(b); o++) active[o - first + 1] = 1
      }
      for (let p = 0; p < periods; p++) {
        const now = active[p + 1] === 1
        const before = active[p] === 1
        const base = (p * segments + segment) * 4
        if (now) bump(counts, base + (born === first + p ? 0 : before ? 1 : 2))
        else if (before) bump(counts, base + 3)
      }
    }
    for (let p = 0; p < periods; p++) {
      for (const s of segmentIndexes(frame)) {
        const base = (p * segments + s) * 4
        rows.push({
          first: labelOfOrdinal(first + p, interval),
          segment: s,
          values: [0, 1, 2, 3].map((k) => counts[base + k] ?? 0),
        })
      }
    }
    const notes: string[] = []
    if (endOfOrdinal(last, interval) >= frame.today) {
      notes.push(`The last period (${labelOfOrdinal(last, interval)}) is not over.`)
    }
    return tableOf(info, frame, rows, notes)
  },
}
