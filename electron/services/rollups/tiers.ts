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
 * Power among one month's Core person-months: those whose actions per active day are at or above
 * the `powerQuantile` quantile of the month's Core people (so its busiest Core person is always
 * Power). Returns whether each is Power, in the order given.
 */
export function powerOf(core: readonly PersonMonth[], powerQuantile: number): boolean[] {
  if (core.length === 0) return []
  const threshold = quantile(
    core.map(actionsPerActiveDay).sort((a, b) => a - b),
    powerQuantile,
  )
  return core.map((m) => actionsPerActiveDay(m) >= threshold)
}

/** Every person-month's tier, in the order given (null for a month without active days). */
export function tiersOf(months: readonly PersonMonth[], t: TierThresholds): (Tier | null)[] {
  const tiers = months.map((m) => tierByActiveDays(m.activeDays, t))
  const coreByMonth = new Map<number, number[]>()
  tiers.forEach((tier, i) => {
    if (tier !== 'Core') return
    const month = (months[i] as PersonMonth).month
    const list = coreByMonth.get(month)
    if (list) list.push(i)
    else coreByMonth.set(month, [i])
  })
  for (const indexes of coreByMonth.values()) {
    const power = powerOf(
      indexes.map((i) => months[i] as PersonMonth),
      t.powerQuantile,
    )
    indexes.forEach((i, n) => {
      if (power[n]) tiers[i] = 'Power'
    })
  }
  return tiers
}

/**
 * Every person-month's tier (see tiersOf), keyed by `${userKey}:${month}`.
 */
export function monthlyTiers(
  months: readonly PersonMonth[],
  t: TierThresholds,
): Map<string, Tier | null> {
  const tiers = tiersOf(months, t)
  return new Map(months.map((m, i) => [`${m.userKey}:${m.month}`, tiers[i] ?? null]))
}
