import { Faker, base, en } from '@faker-js/faker'

/**
 * The generator's only source of randomness: one seeded Faker, so a seed and a `now` give the
 * same database every time. Faker's own date helpers default to a fixed reference date too.
 */
export class DemoRandom {
  readonly faker: Faker

  constructor(seed: number, now: Date) {
    const refMs = now.getTime()
    this.faker = new Faker({
      locale: [en, base],
      seed,
      config: { defaultRefDate: () => new Date(refMs) },
    })
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.faker.number.float()
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from no items')
    return items[Math.floor(this.next() * items.length)] as T
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0)
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0) return item
    }
    return (items[items.length - 1] as readonly [T, number])[0]
  }

  /**
   * A time-ordered (version 7) UUID for an instant: log ids sorted like their events, which
   * also keeps the unique index append-mostly and the bulk insert fast.
   */
  uuidV7(ms: number): string {
    const hex = (digits: number) =>
      Math.floor(this.next() * 16 ** digits)
        .toString(16)
        .padStart(digits, '0')
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12)
    const variant = (8 + Math.floor(this.next() * 4)).toString(16)
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`
  }

  /** Normally distributed (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k += 1
      p *= this.next()
    }
    return k
  }
}

export const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x))
export const round1 = (x: number) => Math.round(x * 10) / 10
