import { dateKeyToIso, type DateKey } from '../../../shared/time'
import { HOUR_MS, addDays, dayRange, iso } from './clock'
import type { DemoContext, PersonRef } from './context'
import { clamp } from './random'
import { CLASS_TYPES, type Location } from './studio-schedule'

const MEMBERS = 300

export interface Member extends PersonRef {
  preferredLocation: string
  /** Classes a week they aim for while they are a member. */
  perWeek: number
  /** Liking per class-type code (relative). */
  affinity: Map<string, number>
  /** Last local day they still come; null while they keep coming. */
  lastDay: DateKey | null
  noShowRate: number
  cancelRate: number
}

/** Sign-ups peak in January and September. */
const signUpWeight = (key: DateKey) => {
  const month = Math.floor(key / 100) % 100
  return month === 1 ? 3 : month === 9 ? 2 : month === 12 ? 0.6 : 1
}

/**
 * About three hundred members: some from before the year shown, most signing up during it;
 * many stop coming after a few months, a loyal core stays.
 */
export function writeMembers(
  ctx: DemoContext,
  locations: readonly Location[],
  windowStart: DateKey,
): Member[] {
  const { rng, clock, identities } = ctx
  const days = dayRange(windowStart, ctx.today).map((key) => [key, signUpWeight(key)] as const)
  const signUps = Array.from({ length: MEMBERS }, () =>
    rng.chance(0.22) ? addDays(windowStart, -rng.int(1, 540)) : rng.weighted(days),
  ).sort((a, b) => a - b)
  const studioCity = rng.faker.location.city()
  return signUps.map((key, index) => {
    const createdMs = Math.min(ctx.nowMs, clock.at(key, rng.int(7, 21), rng.int(0, 59)))
    const loyal = rng.chance(0.25)
    const lastDay = loyal ? null : addDays(key, Math.round(14 + rng.exponential(150)))
    const gone = lastDay !== null && lastDay < ctx.today
    const deactivatedMs =
      gone && rng.chance(0.5) ? clock.at(addDays(lastDay, rng.int(20, 60)), 10) : null
    const deactivated = deactivatedMs !== null && deactivatedMs <= ctx.nowMs ? deactivatedMs : null
    const perWeek = clamp(Math.exp(rng.normal(0.45, 0.5)), 0.3, 5)
    const affinity = new Map(
      CLASS_TYPES.map((t) => [t.code, rng.float(0.2, 1.5) * (rng.chance(0.25) ? 3 : 1)]),
    )
    const name = identities.person()
    const userId = `M${String(index + 1).padStart(4, '0')}`
    const preferred = rng.weighted(locations.map((l, i) => [l.id, [45, 35, 20][i] ?? 10] as const))
    const id = ctx.writer.insert('users', {
      user_id: userId,
      ...identities.nameColumns(name),
      phone_number: identities.phone(),
      date_of_birth: identities.dateOfBirth(createdMs, 18, 66),
      city: rng.chance(0.8) ? studioCity : rng.faker.location.city(),
      preferred_location_id: preferred,
      account_id: null,
      role: 'member',
      is_active: deactivated === null ? 1 : 0,
      activated_at: iso(createdMs),
      deactivated_at: deactivated === null ? null : iso(deactivated),
      registration_date: dateKeyToIso(key),
      acquisition_channel: rng.weighted([
        ['walk_in', 25],
        ['referral', 25],
        ['instagram', 20],
        ['google', 20],
        ['classpass', 10],
      ]),
      user_segment: perWeek >= 2 ? 'unlimited' : perWeek >= 1 ? 'class_pack' : 'drop_in',
      device_type: rng.chance(0.75) ? 'mobile' : 'web',
      region: null,
      tdee: null,
      created_at: iso(createdMs),
      updated_at: iso(deactivated ?? createdMs),
    })
    return {
      id,
      userId,
      createdMs,
      preferredLocation: preferred,
      perWeek,
      affinity,
      lastDay,
      noShowRate: clamp(rng.normal(0.06, 0.04), 0, 0.25),
      cancelRate: clamp(rng.normal(0.1, 0.05), 0.01, 0.3),
    }
  })
}

export const isMemberOn = (m: Member, key: DateKey, startMs: number) =>
  m.createdMs < startMs - 2 * HOUR_MS && (m.lastDay === null || key <= m.lastDay)
