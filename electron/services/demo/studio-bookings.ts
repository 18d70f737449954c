import { DAY_MS, HOUR_MS, MINUTE_MS, iso } from './clock'
import type { DemoContext } from './context'
import type { EventSource } from './events'
import { isMemberOn, type Member } from './studio-members'
import type { ClassSession } from './studio-schedule'

type Outcome = 'attended' | 'cancelled' | 'late_cancel' | 'no_show' | 'open'

interface Booking {
  member: Member
  bookedMs: number
  source: EventSource
}

/** Cancelling less than this long before the start is a late cancel. */
const LATE_CANCEL_MS = 12 * HOUR_MS
/** A class's bookings are settled (no-shows marked) this long after it ends. */
const SETTLE_MS = 15 * MINUTE_MS

/** Expected bookings per week for each member, spread over the timetable by their liking. */
function weeklyShare(members: readonly Member[], sessions: readonly ClassSession[]) {
  const first = sessions[0]?.startMs ?? 0
  const week = sessions.filter((s) => s.startMs < first + 7 * DAY_MS)
  return new Map(
    members.map((m) => {
      const weight = (s: ClassSession) =>
        (m.affinity.get(s.type.code) ?? 1) * (s.locationId === m.preferredLocation ? 3 : 0.4)
      const total = week.reduce((sum, s) => sum + weight(s), 0)
      return [m, (s: ClassSession) => Math.min(0.95, (m.perWeek * weight(s)) / total)] as const
    }),
  )
}

function bookingTime(ctx: DemoContext, session: ClassSession, member: Member): number {
  const { rng } = ctx
  const earliest = Math.max(session.releaseMs, member.createdMs + MINUTE_MS)
  const latest = session.startMs - 20 * MINUTE_MS
  const wanted = rng.chance(0.35)
    ? session.releaseMs + rng.exponential(3 * HOUR_MS)
    : session.startMs - HOUR_MS - rng.exponential(36 * HOUR_MS)
  return Math.round(Math.min(latest, Math.max(earliest, wanted)))
}

function outcomeOf(ctx: DemoContext, session: ClassSession, booking: Booking): Outcome {
  const { rng } = ctx
  const settled = session.endMs + SETTLE_MS <= ctx.nowMs
  const r = rng.next()
  const m = booking.member
  if (r < m.cancelRate) return 'cancelled'
  if (r < m.cancelRate + 0.05) return 'late_cancel'
  if (!settled) return 'open'
  if (r < m.cancelRate + 0.05 + m.noShowRate) return 'no_show'
  return 'attended'
}

/**
 * Bookings, check-ins (plus a few walk-ins) and the matching events for every class: members
 * book after release and before the start, up to capacity; a settled class has each booking
 * attended, cancelled, late-cancelled or a no-show; a future class has none attended.
 */
export function writeBookings(
  ctx: DemoContext,
  members: readonly Member[],
  sessions: readonly ClassSession[],
) {
  const { rng, writer, events } = ctx
  const share = weeklyShare(members, sessions)
  const counter = { booking: 0, attendance: 0 }
  for (const session of sessions) {
    if (session.releaseMs > ctx.nowMs) continue
    const booked: Booking[] = []
    for (const member of members) {
      if (!isMemberOn(member, session.key, session.startMs)) continue
      if (!rng.chance(share.get(member)?.(session) ?? 0)) continue
      const bookedMs = bookingTime(ctx, session, member)
      if (bookedMs > ctx.nowMs) continue
      const source = rng.weighted<EventSource>([
        ['mobile', 55],
        ['web', 40],
        ['desktop', 5],
      ])
      booked.push({ member, bookedMs, source })
    }
    // First come, first served: later requests found the class full.
    booked.sort((a, b) => a.bookedMs - b.bookedMs || a.member.id - b.member.id)
    const accepted = booked.slice(0, session.capacity)
    const present = new Set<Member>()
    const classFields = {
      classSessionId: session.id,
      locationId: session.locationId,
      classDatetime: session.datetime,
    }
    for (const booking of accepted) {
      const { member, bookedMs, source } = booking
      let outcome = outcomeOf(ctx, session, booking)
      let changedMs: number | null = null
      if (outcome === 'cancelled' && session.startMs - LATE_CANCEL_MS <= bookedMs + MINUTE_MS) {
        outcome = 'late_cancel'
      }
      if (outcome === 'cancelled') {
        changedMs = Math.round(rng.float(bookedMs + MINUTE_MS, session.startMs - LATE_CANCEL_MS))
      } else if (outcome === 'late_cancel') {
        const from = Math.max(bookedMs + MINUTE_MS, session.startMs - LATE_CANCEL_MS)
        changedMs = Math.round(rng.float(from, Math.max(from, session.startMs - 5 * MINUTE_MS)))
      } else if (outcome === 'no_show') {
        changedMs = session.endMs + rng.int(5, 14) * MINUTE_MS
      }
      if (changedMs !== null && changedMs > ctx.nowMs) {
        outcome = 'open'
        changedMs = null
      }
      counter.booking += 1
      const bookingId = `BK-${String(counter.booking).padStart(6, '0')}`
      writer.insert('class_bookings', {
        booking_id: bookingId,
        user_id: member.userId,
        session_id: session.id,
        booked_at: iso(bookedMs),
        status: outcome === 'attended' || outcome === 'open' ? 'booked' : outcome,
        status_changed_at: changedMs === null ? null : iso(changedMs),
        source,
      })
      const lag = () => rng.int(200, 3000)
      events.add({
        userId: member.userId,
        name: 'class_booked',
        ts: bookedMs,
        ingestedAt: Math.min(ctx.nowMs, bookedMs + lag()),
        source,
        ...classFields,
        properties: { booking_id: bookingId },
      })
      if (changedMs !== null && outcome !== 'attended') {
        events.add({
          userId: member.userId,
          name: outcome === 'no_show' ? 'class_no_show' : 'class_cancelled',
          ts: changedMs,
          ingestedAt: Math.min(ctx.nowMs, changedMs + lag()),
          source: outcome === 'no_show' ? 'desktop' : source,
          ...classFields,
          properties:
            outcome === 'no_show'
              ? { booking_id: bookingId }
              : { booking_id: bookingId, late: outcome === 'late_cancel' },
        })
      }
      if (outcome === 'attended') {
        present.add(member)
        checkIn(ctx, session, member, counter, rng.chance(0.6) ? 'mobile' : 'desktop', false)
      }
    }
    if (session.endMs + SETTLE_MS > ctx.nowMs) continue
    const walkIns = rng.poisson(0.4)
    const bookedMembers = new Set(booked.map((b) => b.member))
    for (let n = 0; n < walkIns && present.size < session.capacity; n += 1) {
      const member = rng.pick(members)
      if (bookedMembers.has(member) || present.has(member)) continue
      if (!isMemberOn(member, session.key, session.startMs)) continue
      present.add(member)
      checkIn(ctx, session, member, counter, 'desktop', true)
    }
  }
  return counter
}

function checkIn(
  ctx: DemoContext,
  session: ClassSession,
  member: Member,
  counter: { attendance: number },
  source: EventSource,
  walkIn: boolean,
) {
  const { rng } = ctx
  const atMs = session.startMs - rng.int(walkIn ? 1 : 3, walkIn ? 10 : 20) * MINUTE_MS
  const processedMs = atMs + rng.int(1, 90) * 1000
  counter.attendance += 1
  ctx.writer.insert('fact_class_attendance', {
    attendance_id: `AT-${String(counter.attendance).padStart(6, '0')}`,
    user_id: member.userId,
    session_id: session.id,
    location_id: session.locationId,
    class_datetime: session.datetime,
    source,
    processed_time: iso(processedMs),
  })
  ctx.events.add({
    userId: member.userId,
    name: 'class_checked_in',
    ts: atMs,
    ingestedAt: processedMs,
    source,
    classSessionId: session.id,
    locationId: session.locationId,
    classDatetime: session.datetime,
    properties: walkIn ? { walk_in: true } : null,
  })
}
