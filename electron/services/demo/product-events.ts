import { isoWeekday, type DateKey } from '../../../shared/time'
import { HOUR_MS, MINUTE_MS, dayRange, daysBetween, iso } from './clock'
import type { DemoContext } from './context'
import type { Engagement, ProductUser } from './product-users'
import { sourceFor, workSession, type Cursor } from './product-sitting'

/** Chance of using the product on a weekday, and how many work sessions such a day has. */
const HABITS: Record<Engagement, { weekday: number; weekend: number; extraSessions: number }> = {
  power: { weekday: 0.85, weekend: 0.28, extraSessions: 0.75 },
  regular: { weekday: 0.45, weekend: 0.09, extraSessions: 0.3 },
  casual: { weekday: 0.22, weekend: 0.045, extraSessions: 0 },
}
const WORK_HOURS: readonly [number, number][] = [
  [8, 5],
  [9, 10],
  [10, 12],
  [11, 10],
  [12, 4],
  [13, 8],
  [14, 10],
  [15, 9],
  [16, 7],
  [17, 4],
  [19, 2],
  [21, 2],
]
const WEEKEND_HOURS: readonly [number, number][] = [10, 11, 12, 14, 15, 16, 17, 20].map(
  (h) => [h, 1] as const,
)
/** Share of logged-in (app session) work sessions; their events carry page URLs. */
const LOGIN_SHARE = 0.25

/** The app login session a sitting happened in (seed 004's user_sessions). */
function writeLoginSession(
  ctx: DemoContext,
  c: Cursor,
  sessionId: string,
  loginMs: number,
  lastMs: number,
) {
  const { rng } = ctx
  const logoutMs = lastMs + rng.int(1, 25) * MINUTE_MS
  const stillOpen = logoutMs > ctx.nowMs || rng.chance(0.08)
  ctx.writer.insert('user_sessions', {
    user_id: c.user.id,
    session_id: sessionId,
    login_time: iso(loginMs),
    logout_time: stillOpen ? null : iso(logoutMs),
    ip_address: rng.faker.internet.ipv4(),
    user_agent:
      c.source === 'desktop' ? 'Logbook-Desktop/1.4 (Electron)' : rng.faker.internet.userAgent(),
    is_active: stillOpen && ctx.nowMs - loginMs < 12 * HOUR_MS ? 1 : 0,
  })
}

/** The log is calibrated to about this many events, whatever the seed. */
const TARGET_EVENTS = 50_000
/** Events in one sitting on average (measured over workSession). */
const EVENTS_PER_SITTING = 4.9
const MAX_DAY_CHANCE = 0.95

interface PlannedDay {
  key: DateKey
  weekend: boolean
  /** Chance of using the product that day, before calibration. */
  chance: number
}

/** The days a person could use the product, from activation to leaving (or today). */
function planDays(ctx: DemoContext, user: ProductUser, windowStart: DateKey): PlannedDay[] {
  if (user.firstDay === null) return []
  const from = user.firstDay > windowStart ? user.firstDay : windowStart
  const to = user.lastDay !== null && user.lastDay < ctx.today ? user.lastDay : ctx.today
  const habits = HABITS[user.engagement]
  const lifeDays = daysBetween(user.firstDay, user.lastDay ?? ctx.today) + 1
  return dayRange(from, to).map((key) => {
    const weekend = isoWeekday(key) >= 6
    const fading = user.lastDay !== null && daysBetween(key, user.lastDay) < lifeDays * 0.2
    const base = weekend ? habits.weekend : habits.weekday
    return { key, weekend, chance: base * user.pace * (fading ? 0.5 : 1) }
  })
}

/**
 * The factor on every day's chance that makes the expected size of the log TARGET_EVENTS, so
 * that who happened to sign up when (and stay how long) does not swing it by a third.
 */
function calibrate(plans: readonly { user: ProductUser; days: readonly PlannedDay[] }[]) {
  const expected = (scale: number) =>
    plans.reduce((sum, { user, days }) => {
      const sittings = 1 + HABITS[user.engagement].extraSessions
      const activeDays = days.reduce((s, d) => s + Math.min(MAX_DAY_CHANCE, d.chance * scale), 0)
      return sum + activeDays * sittings * EVENTS_PER_SITTING
    }, 0)
  let low = 0.2
  let high = 5
  for (let i = 0; i < 40; i += 1) {
    const mid = (low + high) / 2
    if (expected(mid) < TARGET_EVENTS) low = mid
    else high = mid
  }
  return (low + high) / 2
}

/**
 * The product's event log for the year up to now: each person's days of use follow their
 * habits (weekdays busier, fading before they leave), several work sessions a day for the
 * keenest; some sittings are logged-in app sessions (user_sessions) with page URLs.
 */
export function writeProductEvents(
  ctx: DemoContext,
  users: readonly ProductUser[],
  windowStart: DateKey,
) {
  const { rng, clock } = ctx
  const plans = users.map((user) => ({ user, days: planDays(ctx, user, windowStart) }))
  const scale = calibrate(plans)
  for (const { user, days } of plans) {
    const activatedMs = user.activatedMs
    if (activatedMs === null) continue
    const habits = HABITS[user.engagement]
    const cursor: Cursor = { user, source: 'desktop', appSessionId: null, t: 0, open: [], tasks: 0 }
    for (const { key, weekend, chance } of days) {
      if (!rng.chance(Math.min(MAX_DAY_CHANCE, chance * scale))) continue
      const sittings = 1 + rng.poisson(habits.extraSessions)
      const hours = new Set<number>()
      for (let n = 0; n < sittings; n += 1) {
        hours.add(rng.weighted(weekend ? WEEKEND_HOURS : WORK_HOURS))
      }
      for (const hour of [...hours].sort((a, b) => a - b)) {
        const start = clock.at(key, hour, rng.int(0, 59), rng.int(0, 59))
        if (start < activatedMs) continue
        cursor.source = sourceFor(ctx, user)
        const login = cursor.source !== 'mobile' && rng.chance(LOGIN_SHARE)
        const sessionId = `LS-${rng.uuidV7(start)}`
        cursor.appSessionId = login ? sessionId : null
        cursor.t = start
        workSession(ctx, cursor)
        if (login && start <= ctx.nowMs) {
          writeLoginSession(ctx, cursor, sessionId, start - rng.int(5, 60) * 1000, cursor.t)
        }
      }
    }
  }
}
