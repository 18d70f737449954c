import { dateKeyToIso, type DateKey } from '../../../shared/time'
import { HOUR_MS, addDays, dayRange, daysBetween, iso } from './clock'
import type { DemoContext, PersonRef } from './context'

const USERS = 500

/** How much a person uses the product; hidden, it only shapes their events. */
export type Engagement = 'power' | 'regular' | 'casual'

export interface Account {
  id: string
  plan: string
  region: string
  createdMs: number
}

export interface ProductUser extends PersonRef {
  accountId: string
  engagement: Engagement
  activatedMs: number | null
  /** Local day they start using it (activation); null when never activated. */
  firstDay: DateKey | null
  /** Last local day they use it; null while they keep using it. */
  lastDay: DateKey | null
  device: 'desktop' | 'web' | 'mobile'
  /** Personal multiplier on how often they show up. */
  pace: number
}

const ACCOUNTS: readonly [plan: string, region: string, share: number, active: boolean][] = [
  ['enterprise', 'NA', 35, true],
  ['team', 'EU', 25, true],
  ['team', 'APAC', 15, true],
  ['pro', 'NA', 10, false],
  ['free', 'EU', 15, true],
]

export function writeAccounts(ctx: DemoContext, windowStart: DateKey): Account[] {
  const { rng, clock } = ctx
  return ACCOUNTS.map(([plan, region, , active], i) => {
    const id = `ACC-${String(i + 1).padStart(3, '0')}`
    const createdMs = clock.at(addDays(windowStart, -rng.int(30, 400)), rng.int(8, 18))
    ctx.writer.insert('dim_account', {
      account_id: id,
      account_name: rng.faker.company.name(),
      plan_tier: plan,
      region,
      is_active: active ? 1 : 0,
      created_at: iso(createdMs),
    })
    return { id, plan, region, createdMs }
  })
}

/** Days from activation to the last use, or null for people still using it. */
function lifetimeDays(ctx: DemoContext, engagement: Engagement): number | null {
  const { rng } = ctx
  switch (engagement) {
    case 'power':
      return rng.chance(0.6) ? null : Math.round(150 + rng.exponential(300))
    case 'regular':
      return rng.chance(0.1) ? null : Math.round(20 + rng.exponential(120))
    case 'casual':
      return rng.chance(0.03) ? null : Math.round(3 + rng.exponential(30))
  }
}

/**
 * About five hundred people in the five accounts: some there before the year shown, most
 * signing up during it, a few never activating; most drift away, some are deactivated.
 */
export function writeProductUsers(
  ctx: DemoContext,
  accounts: readonly Account[],
  windowStart: DateKey,
): ProductUser[] {
  const { rng, clock, identities } = ctx
  const growth = dayRange(windowStart, ctx.today).map((key, i) => [key, 1 + i / 365] as const)
  const plans = ACCOUNTS.map(([, , share], i) => [accounts[i] as Account, share] as const)
  const signUps = Array.from({ length: USERS }, () => {
    const account = rng.weighted(plans)
    const earliest = Math.max(ctx.clock.dayOf(account.createdMs), addDays(windowStart, -365))
    const key = rng.chance(0.28)
      ? addDays(earliest, rng.int(0, Math.max(0, daysBetween(earliest, windowStart) - 1)))
      : rng.weighted(growth)
    return { account, key }
  }).sort((a, b) => a.key - b.key)
  // Fixed shares, so the size of the log varies little from seed to seed.
  const engagements = rng.faker.helpers.shuffle<Engagement>([
    ...Array<Engagement>(20).fill('power'),
    ...Array<Engagement>(110).fill('regular'),
    ...Array<Engagement>(USERS - 130).fill('casual'),
  ])
  return signUps.map(({ account, key }, index) => {
    const createdMs = Math.min(ctx.nowMs, clock.at(key, rng.int(7, 22), rng.int(0, 59)))
    const activatedMs = rng.chance(0.92)
      ? Math.min(ctx.nowMs, createdMs + Math.round(rng.exponential(6 * HOUR_MS)))
      : null
    const engagement = engagements[index] ?? 'casual'
    const firstDay = activatedMs === null ? null : clock.dayOf(activatedMs)
    const life = lifetimeDays(ctx, engagement)
    const lastDay = firstDay === null || life === null ? null : addDays(firstDay, life)
    const gone = lastDay !== null && lastDay < ctx.today
    const deactivatedMs =
      gone && activatedMs !== null && rng.chance(0.35)
        ? clock.at(addDays(lastDay, rng.int(30, 90)), 11)
        : null
    const deactivated = deactivatedMs !== null && deactivatedMs <= ctx.nowMs ? deactivatedMs : null
    const name = identities.person()
    const userId = `U${String(index + 1).padStart(5, '0')}`
    const device = rng.weighted<ProductUser['device']>([
      ['desktop', 60],
      ['web', 25],
      ['mobile', 15],
    ])
    const id = ctx.writer.insert('users', {
      user_id: userId,
      ...identities.nameColumns(name),
      phone_number: null,
      date_of_birth: null,
      city: null,
      preferred_location_id: null,
      account_id: account.id,
      role: index % 37 === 0 || rng.chance(0.05) ? 'admin' : rng.chance(0.16) ? 'viewer' : 'member',
      is_active: deactivated === null ? 1 : 0,
      activated_at: activatedMs === null ? null : iso(activatedMs),
      deactivated_at: deactivated === null ? null : iso(deactivated),
      registration_date: dateKeyToIso(key),
      acquisition_channel: rng.weighted([
        ['organic', 35],
        ['paid_search', 20],
        ['referral', 20],
        ['social', 10],
        ['partner', 10],
        ['event', 5],
      ]),
      user_segment:
        account.plan === 'enterprise'
          ? 'enterprise'
          : account.plan === 'free'
            ? 'self_serve'
            : 'smb',
      device_type: device,
      region: rng.chance(0.9) ? account.region : rng.pick(['NA', 'EU', 'APAC', 'LATAM']),
      tdee: null,
      created_at: iso(createdMs),
      updated_at: iso(deactivated ?? activatedMs ?? createdMs),
    })
    return {
      id,
      userId,
      createdMs,
      activatedMs,
      accountId: account.id,
      engagement,
      firstDay,
      lastDay,
      device,
      pace: Math.exp(rng.normal(0, 0.25)),
    }
  })
}
