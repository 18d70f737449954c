import type { Settings } from '../../../shared/settings'

// Engagement tiers of person-months (ARCHITECTURE.md, "Metrics"): by active days in the calendar
// month, Casual below `regularMinDays`, Regular below `coreMinDays`, Core from there; Power =
// Core whose actions per active day (events on active days ÷ active days) reach the
// `powerQuantile` quantile of that month's Core people (linear interpolation, type 7).

export const TIERS = ['Casual', 'Regular', 'Core', 'Power'] as const
export type Tier = (typeof TIERS)[number]

export type TierSettings = Pick<Settings, 'regularMinDays' | 'coreMinDays' | 'powerQuantile'>

export interface MonthActivity {
  userKey: number
  /** YYYYMM */
  month: number
  activeDays: number
  actionsOnActiveDays: number
}

/** Type-7 quantile of ascending values. */
export function quantile7(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q
  const low = Math.floor(h)
  const lower = sorted[low] ?? 0
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower
  return lower + (h - low) * (upper - lower)
}

/** The tier of every person-month with active days (months without any get none). */
export function assignTiers(
  months: readonly MonthActivity[],
  t: TierSettings,
): Map<MonthActivity, Tier> {
  const tiers = new Map<MonthActivity, Tier>()
  const coreByMonth = new Map<number, MonthActivity[]>()
  for (const m of months) {
    if (m.activeDays <= 0) continue
    if (m.activeDays >= t.coreMinDays) {
      tiers.set(m, 'Core')
      const list = coreByMonth.get(m.month)
      if (list) list.push(m)
      else coreByMonth.set(m.month, [m])
    } else tiers.set(m, m.activeDays >= t.regularMinDays ? 'Regular' : 'Casual')
  }
  const perDay = (m: MonthActivity) => m.actionsOnActiveDays / m.activeDays
  for (const core of coreByMonth.values()) {
    const threshold = quantile7(
      core.map(perDay).sort((a, b) => a - b),
      t.powerQuantile,
    )
    for (const m of core) if (perDay(m) >= threshold) tiers.set(m, 'Power')
  }
  return tiers
}
