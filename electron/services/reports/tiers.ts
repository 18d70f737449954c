import type { ReportInfo } from '../../../shared/reports'
import { tierCounts, tieredMonths } from './data'
import { resolveFrame, type Frame } from './frame'
import { endOfOrdinal, isoOfDay, monthLabelOfOrdinal, ordinalOf } from './periods'
import { bump, segmentIndexes, tableOf, type Row } from './table'
import { TIERS, type Tier } from './tier-rules'
import type { ReportDefinition } from './types'

// Engagement tiers per calendar month (tier-rules.ts), and how people move between them from one
// month to the next. A tier is a fact about a whole month of a person, so the months shown are
// those the range touches, each whole; Power compares a person with all of that month's Core
// people, whatever the filter.

const monthOfOrdinal = (o: number) => Math.floor(o / 12) * 100 + (o % 12) + 1

function monthsOf(frame: Frame) {
  const first = ordinalOf(frame.from, 'month')
  const last = ordinalOf(frame.to, 'month')
  const notes: string[] = []
  if (frame.from <= frame.to && endOfOrdinal(last, 'month') >= frame.today) {
    notes.push(
      `${monthLabelOfOrdinal(last)} is not over (today is ${isoOfDay(frame.today)}): its tiers can still change.`,
    )
  }
  return { first, last, notes }
}

const tiersInfo: ReportInfo = {
  name: 'tiers',
  title: 'Engagement tiers',
  description: 'People per engagement tier (Casual, Regular, Core, Power) in each calendar month.',
  module: 'product',
  columns: ['month', 'tier', 'users'],
  accepts: ['range', 'segment', 'filters'],
}

export const tiersReport: ReportDefinition = {
  ...tiersInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, tiersInfo, params)
    const { first, last, notes } = monthsOf(frame)
    const segments = frame.people.segments.length
    const counts =
      frame.from <= frame.to
        ? tierCounts(ctx, frame, monthOfOrdinal(first), monthOfOrdinal(last))
        : new Map<string, number>()
    const rows: Row[] = []
    for (let o = first; o <= last && frame.from <= frame.to; o++) {
      for (let s = 0; s < segments; s++) {
        for (const tier of TIERS) {
          rows.push({
            first: monthLabelOfOrdinal(o),
            segment: s,
            values: [tier, counts.get(`${monthOfOrdinal(o)}:${s}:${tier}`) ?? 0],
          })
        }
      }
    }
    return tableOf(tiersInfo, frame, rows, notes)
  },
}

export const NO_TIER = 'Inactive'
const ORDER = [NO_TIER, ...TIERS]

const transitionsInfo: ReportInfo = {
  name: 'tier_transitions',
  title: 'Tier transitions',
  description:
    'People moving from their tier last month to their tier this month (Inactive: no active day).',
  module: 'product',
  columns: ['month', 'from_tier', 'to_tier', 'users'],
  accepts: ['range', 'segment', 'filters'],
}

export const tierTransitionsReport: ReportDefinition = {
  ...transitionsInfo,
  run(ctx, params) {
    const frame = resolveFrame(ctx, transitionsInfo, params)
    const { first, last, notes } = monthsOf(frame)
    const months =
      frame.from > frame.to
        ? []
        : tieredMonths(ctx, frame, monthOfOrdinal(first - 1), monthOfOrdinal(last))
    // Each counted person's tier code (index in ORDER, 0 = Inactive) per month first − 1 … last.
    const span = last - first + 2
    const segments = frame.people.segments.length
    const code = new Map<Tier, number>(TIERS.map((tier, i) => [tier, i + 1]))
    const byPerson = new Map<number, Uint8Array>()
    for (const m of months) {
      if (frame.people.segmentOf(m.userKey) < 0) continue
      let tiers = byPerson.get(m.userKey)
      if (!tiers) {
        tiers = new Uint8Array(span)
        byPerson.set(m.userKey, tiers)
      }
      const month = Math.floor(m.month / 100) * 12 + (m.month % 100) - 1
      tiers[month - first + 1] = code.get(m.tier) ?? 0
    }
    const width = ORDER.length
    const counts = new Int32Array((span - 1) * segments * width * width)
    for (const [userKey, tiers] of byPerson) {
      const s = frame.people.segmentOf(userKey)
      for (let p = 0; p < span - 1; p++) {
        const before = tiers[p] ?? 0
        const now = tiers[p + 1] ?? 0
        if (before === 0 && now === 0) continue
        bump(counts, ((p * segments + s) * width + before) * width + now)
      }
    }
    const rows: Row[] = []
    for (let p = 0; p < span - 1 && frame.from <= frame.to; p++) {
      for (const s of segmentIndexes(frame)) {
        ORDER.forEach((before, b) => {
          ORDER.forEach((now, n) => {
            const users = counts[((p * segments + s) * width + b) * width + n] ?? 0
            if (users > 0) {
              rows.push({
                first: monthLabelOfOrdinal(first + p),
                segment: s,
                values: [before, now, users],
              })
            }
          })
        })
      }
    }
    return tableOf(transitionsInfo, frame, rows, notes)
  },
}
