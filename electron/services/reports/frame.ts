import type { CohortBasis, ReportInfo, ReportInterval, ReportParams } from '../../../shared/reports'
import { dateKeyOf } from '../../../shared/time'
import { peopleMatching, type PeopleScope } from './people'
import { dayOfIso, dayOfKey, isoOfDay } from './periods'
import type { ReportContext } from './types'

// What every product report starts from: the zone, today, the days its rows cover, the people
// it counts, and the events it must leave out (stamped after `now`).

export interface FutureEvents {
  events: number
  firstTs: number | null
  lastTs: number | null
  /** users.id of the people with such events (their rollup rows include them). */
  userKeys: ReadonlySet<number>
}

export interface Frame {
  zone: string
  /** The rollups hold this zone's days: read them (else compute from the raw events). */
  rollups: boolean
  now: number
  /** The day number of `now` in the zone. */
  today: number
  /** First and last day (numbers) of the rows; empty when from > to. */
  from: number
  to: number
  interval: ReportInterval
  cohort: CohortBasis
  people: PeopleScope
  future: FutureEvents
  notes: string[]
}

export type SpanSource = 'events' | 'arrivals' | 'future'

function firstAndLast(ctx: ReportContext, source: SpanSource): [number, number] | null {
  const { sqlite, now } = ctx
  const pick = (sql: string) => sqlite.prepare(sql).pluck().get(now) as number | undefined
  const [first, last] =
    source === 'events'
      ? [
          pick(`SELECT event_ts FROM fct_event WHERE event_ts <= ? ORDER BY event_ts LIMIT 1`),
          pick(`SELECT event_ts FROM fct_event WHERE event_ts <= ? ORDER BY event_ts DESC LIMIT 1`),
        ]
      : source === 'future'
        ? [
            pick(`SELECT event_ts FROM fct_event WHERE event_ts > ? ORDER BY event_ts LIMIT 1`),
            pick(
              `SELECT event_ts FROM fct_event WHERE event_ts > ? ORDER BY event_ts DESC LIMIT 1`,
            ),
          ]
        : [
            pick(`SELECT ingested_at FROM fct_event WHERE ingested_at <= ?
              ORDER BY ingested_at LIMIT 1`),
            pick(`SELECT ingested_at FROM fct_event WHERE ingested_at <= ?
              ORDER BY ingested_at DESC LIMIT 1`),
          ]
  return first === undefined || last === undefined ? null : [first, last]
}

export function futureEvents(ctx: ReportContext): FutureEvents {
  const { sqlite, now } = ctx
  const summary = sqlite
    .prepare(`SELECT count(*), min(event_ts), max(event_ts) FROM fct_event WHERE event_ts > ?`)
    .raw()
    .get(now) as [number, number | null, number | null]
  const userKeys =
    summary[0] === 0
      ? new Set<number>()
      : new Set(
          sqlite
            .prepare(
              `SELECT DISTINCT u.id FROM fct_event e JOIN users u ON u.user_id = e.user_id
               WHERE e.event_ts > ?`,
            )
            .pluck()
            .all(now) as number[],
        )
  return { events: summary[0], firstTs: summary[1], lastTs: summary[2], userKeys }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * The frame of one run. Params are already checked (run.ts). `span` says which days "the data's
 * own span" means when from/to are absent; rows never go past today unless `span` is 'future'.
 */
export function resolveFrame(
  ctx: ReportContext,
  info: Pick<ReportInfo, 'intervals'>,
  params: ReportParams,
  span: SpanSource = 'events',
): Frame {
  const zone = params.timeZone ?? ctx.settings.timeZone
  const today = dayOfKey(dateKeyOf(ctx.now, zone))
  const notes: string[] = []
  const future = futureEvents(ctx)
  if (future.events > 0 && future.firstTs !== null && future.lastTs !== null) {
    notes.push(
      `${plural(future.events, 'event')} of ${plural(future.userKeys.size, 'person', 'people')} ` +
        `stamped after now (${new Date(future.firstTs).toISOString()} to ` +
        `${new Date(future.lastTs).toISOString()}) are left out; the future_events report lists them.`,
    )
  }
  const rollups = zone === ctx.settings.timeZone
  if (!rollups) {
    notes.push(
      `Computed from the raw events in ${zone}: the rollups hold days in ${ctx.settings.timeZone}, ` +
        `so this takes longer.`,
    )
  }

  const bounds = firstAndLast(ctx, span)
  const dayOf = (ts: number) => dayOfKey(dateKeyOf(ts, zone))
  const fromParam = params.from === undefined ? null : dayOfIso(params.from)
  const toParam = params.to === undefined ? null : dayOfIso(params.to)
  let from = fromParam ?? (bounds ? dayOf(bounds[0]) : today)
  let to = toParam ?? (bounds ? dayOf(bounds[1]) : today - 1)
  if (!bounds && fromParam === null && toParam === null) {
    notes.push(span === 'future' ? 'No events are stamped after now.' : 'No events yet.')
    from = today
    to = today - 1
  }
  if (span !== 'future' && to > today) {
    if (toParam !== null) notes.push(`Days after today (${isoOfDay(today)}) are not shown.`)
    to = today
  }
  if (span !== 'future' && to === today && from <= today) {
    notes.push(`${isoOfDay(today)} is today: its figures are not final.`)
  }

  return {
    zone,
    rollups,
    now: ctx.now,
    today,
    from,
    to,
    interval: params.interval ?? info.intervals?.[0] ?? 'day',
    cohort: params.cohort ?? 'first_activity',
    people: peopleMatching(ctx.sqlite, params),
    future,
    notes,
  }
}
