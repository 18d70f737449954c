import type { ReportInfo } from '../../../shared/reports'
import { activeDays } from './data'
import { resolveFrame } from './frame'
import {
  dayOfIso,
  endOfOrdinal,
  labelOfOrdinal,
  monthLabelOfOrdinal,
  ordinalOf,
  startOfOrdinal,
} from './periods'
import { bump, ratio, tableOf, type Row } from './table'
import type { ReportDefinition } from './types'

// Cohort retention (ARCHITECTURE.md, "Metrics"). A cohort is the people whose first active day
// (or registration date) falls in one day, week or month; period k is the k-th period after it.
// `retention` counts the cohort's people active *on* period k; `retention_unbounded` those
// active *on or after* it (any later day up to now). A period that has not ended before today
// is marked complete = false: its figure can still grow, it is not a drop. The range chooses
// the cohorts (their periods overlap it) and the last period shown (the one holding `to`).

type Mode = 'on' | 'on_or_after'

function retentionReport(name: string, mode: Mode, description: string): ReportDefinition {
  const info: ReportInfo = {
    name,
    title: mode === 'on' ? 'Retention' : 'Retention (on or after)',
    description,
    module: 'product',
    columns: ['cohort', 'cohort_size', 'period', 'active', 'rate', 'complete'],
    accepts: ['range', 'interval', 'segment', 'filters', 'cohort'],
    intervals: ['week', 'day', 'month'],
  }
  return {
    ...info,
    run(ctx, params) {
      const frame = resolveFrame(ctx, info, params)
      const { interval } = frame
      const rows: Row[] = []
      if (frame.from > frame.to) return tableOf(info, frame, rows)
      const firstCohort = ordinalOf(frame.from, interval)
      const lastPeriod = ordinalOf(frame.to, interval)
      const cohorts = lastPeriod - firstCohort + 1
      const segments = frame.people.segments.length
      const size = new Int32Array(cohorts * segments)
      // Per cohort and segment, active people per period k (made when the cohort has someone).
      const counts = new Map<number, Int32Array>()
      const notes: string[] = []

      // Each counted person's runs of active days: pairs (first, last day), ascending.
      const days = new Map<number, { segment: number; days: Int32Array }>()
      const table = activeDays(ctx, frame)
      for (let p = 0; p < table.count; p++) {
        days.set(table.userKeys[p] ?? 0, {
          segment: table.segments[p] ?? 0,
          days: table.runs.subarray(2 * (table.start[p] ?? 0), 2 * (table.start[p + 1] ?? 0)),
        })
      }
      const members: { segment: number; cohort: number; days: Int32Array }[] = []
      if (frame.cohort === 'registration') {
        const registered = ctx.sqlite
          .prepare(`SELECT id, registration_date FROM users WHERE registration_date IS NOT NULL`)
          .raw()
          .all() as [number, string][]
        const seen = new Set<number>()
        for (const [userKey, date] of registered) {
          const segment = frame.people.segmentOf(userKey)
          const day = dayOfIso(date)
          if (segment < 0 || day === null) continue
          seen.add(userKey)
          const cohort = ordinalOf(day, interval)
          members.push({ segment, cohort, days: days.get(userKey)?.days ?? new Int32Array(0) })
        }
        let fallback = 0
        for (const [userKey, person] of days) {
          if (seen.has(userKey) || person.days[0] === undefined) continue
          fallback += 1
          members.push({ ...person, cohort: ordinalOf(person.days[0], interval) })
        }
        if (fallback > 0) {
          notes.push(
            `${fallback} active ${fallback === 1 ? 'person has' : 'people have'} no registration date: counted in the cohort of their first active day.`,
          )
        }
      } else {
        for (const person of days.values()) {
          if (person.days[0] === undefined) continue
          members.push({ ...person, cohort: ordinalOf(person.days[0], interval) })
        }
      }

      for (const member of members) {
        const c = member.cohort - firstCohort
        if (c < 0 || c >= cohorts) continue
        bump(size, c * segments + member.segment)
        let active = counts.get(c * segments + member.segment)
        if (!active) {
          active = new Int32Array(cohorts - c)
          counts.set(c * segments + member.segment, active)
        }
        const start = startOfOrdinal(member.cohort, interval)
        let previous = -1
        let latest = -1
        for (let j = 0; j < member.days.length; j += 2) {
          const a = Math.max(member.days[j] ?? 0, start)
          const b = member.days[j + 1] ?? 0
          if (a > b) continue
          const to = ordinalOf(b, interval) - member.cohort
          latest = to
          if (mode === 'on') {
            const from = Math.max(ordinalOf(a, interval) - member.cohort, previous + 1)
            for (let k = from; k <= to && k < active.length; k++) bump(active, k)
          }
          previous = to
        }
        if (mode === 'on_or_after') {
          for (let k = 0; k <= Math.min(latest, active.length - 1); k++) bump(active, k)
        }
      }

      for (let c = 0; c < cohorts; c++) {
        const cohort = firstCohort + c
        for (let s = 0; s < segments; s++) {
          const n = size[c * segments + s] ?? 0
          if (n === 0) continue
          for (let k = 0; cohort + k <= lastPeriod; k++) {
            const active = counts.get(c * segments + s)?.[k] ?? 0
            rows.push({
              first:
                interval === 'month'
                  ? monthLabelOfOrdinal(cohort)
                  : labelOfOrdinal(cohort, interval),
              segment: s,
              values: [
                n,
                k,
                active,
                ratio(active, n),
                endOfOrdinal(cohort + k, interval) < frame.today,
              ],
            })
          }
        }
      }
      return tableOf(info, frame, rows, notes)
    },
  }
}

export const retentionReportOn = retentionReport(
  'retention',
  'on',
  'Share of each cohort (first active day, or registration) active on period k after it.',
)

export const retentionReportOnOrAfter = retentionReport(
  'retention_unbounded',
  'on_or_after',
  'Share of each cohort active on period k or any later period (unbounded retention).',
)
