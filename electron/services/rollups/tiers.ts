export type Tier = 'Casual' | 'Regular' | 'Core' | 'Power'

export interface TierThresholds {
  regularMinDays: number
  coreMinDays: number
  powerQuantile: number
}

/** One person's calendar month. */
export interface PersonMonth {
  userKey: number
  /** YYYYMM */
  month: number
  activeDays: number
  /** Events on the person's active days of that month. */
  actionsOnActiveDays: number
}

/**
 * The q-quantile of ascending `sorted` values by linear interpolation between closest ranks
 * (Hyndman–Fan type 7, the default of R, NumPy and spreadsheets' PERCENTILE.INC):
 * h = (n − 1)·q, quantile = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values')
  const h = (sorted.length - 1) * q
  const low = Math.floor(h)
  const lower = sorted[low] as number
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] as number
  return lower + (h - low) * (upper - lower)
}

/** The tier by active days alone; null for a month without active days. */
export function tierByActiveDays(activeDays: number, t: TierThresholds): Tier | null {
  if (activeDays <= 0) return null
  if (activeDays >= t.coreMinDays) return 'Core'
  if (activeDays >= t.regularMinDays) return 'Regular'
  return 'Casual'
}

export const actionsPerActiveDay = (m: PersonMonth) =>
  m.activeDays === 0 ? 0 : m.actionsOnActiveDays / m.activeDays

/**
 * Every person-month's tier. Power = a Core person-month whose actions per active day are at or
 * above the `powerQuantile` quantile of the same month's Core people (so the month's busiest
 * Core person is always Power). Keyed by `${userKey}:${month}`.
 */
export function monthlyTiers(
  months: readonly PersonMonth[],
  t: TierThresholds,
): Map<string, Tier | null> {
  const tiers = new Map<string, Tier | null>()
  const coreByMonth = new Map<number, PersonMonth[]>()
  for (const m of months) {
    const tier = tierByActiveDays(m.activeDays, t)
    tiers.set(`${m.userKey}:${m.month}`, tier)
    if (tier === 'Core') {
      const list = coreByMonth.get(m.month) ?? []
      list.push(m)
      coreByMonth.set(m.month, list)
    }
  }
  for (const core of coreByMonth.values()) {
    const threshold = quantile(
      core.map(actionsPerActiveDay).sort((a, b) => a - b),
      t.powerQuantile,
    )
    for (const m of core) {
      if (actionsPerActiveDay(m) >= threshold) tiers.set(`${m.userKey}:${m.month}`, 'Power')
    }
  }
  return tiers
}
