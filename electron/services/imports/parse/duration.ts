import type { Parsed } from './dates'

export interface DurationOptions {
  /**
   * What a bare number means: seconds (a `Duration (sec)` column) or minutes. Unset: a bare
   * number is refused, since a free-text column that drops its unit cannot be read safely.
   */
  bare?: 'seconds' | 'minutes'
  /**
   * What one colon means: `12:30` is minutes and seconds (a set's time, the default) or hours and
   * minutes (a workout's length). Two colons are always hours, minutes and seconds.
   */
  colon?: 'minutes:seconds' | 'hours:minutes'
}

const HOURS = new Set(['h', 'hr', 'hrs', 'hour', 'hours', 'std', 'stunde', 'stunden'])
const MINUTES = new Set(['m', 'min', 'mins', 'minute', 'minutes', 'minuten'])
const SECONDS = new Set(['s', 'sec', 'secs', 'second', 'seconds', 'sek', 'sekunde', 'sekunden'])

const UNIT_SECONDS: readonly [ReadonlySet<string>, number, string][] = [
  [HOURS, 3600, 'hours'],
  [MINUTES, 60, 'minutes'],
  [SECONDS, 1, 'seconds'],
]

const BARE = /^\d+(?:[.,]\d+)?$/
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/
/** One `<number><unit>` part, the unit a run of letters, a dot after it allowed (`Min.`). */
const PART = /\s*(\d+(?:[.,]\d+)?)\s*([a-zäöü]+)\.?\s*,?/y

const ok = (value: number | null): Parsed<number | null> => ({ ok: true, value })
const fail = (reason: string): Parsed<number | null> => ({ ok: false, reason })

const decimal = (text: string) => Number(text.replace(',', '.'))

function clock(text: string, colon: NonNullable<DurationOptions['colon']>) {
  const match = CLOCK.exec(text)
  if (!match) return undefined
  const [, a = '0', b = '0', c] = match
  if (c !== undefined) {
    if (Number(b) > 59 || Number(c) > 59) return fail(`"${text}" is not a time (h:mm:ss)`)
    return ok(Number(a) * 3600 + Number(b) * 60 + Number(c))
  }
  if (Number(b) > 59) {
    return fail(`"${text}" is not a time (${colon === 'hours:minutes' ? 'h:mm' : 'm:ss'})`)
  }
  return ok(
    colon === 'hours:minutes' ? Number(a) * 3600 + Number(b) * 60 : Number(a) * 60 + Number(b),
  )
}

/** `1h 20min`, `56m`, `38min`, `1 Std. 5 Min.`, `45s`: each unit at most once, largest first. */
function withUnits(text: string) {
  let total = 0
  let lastRank = -1
  PART.lastIndex = 0
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text)
    if (!match) return undefined
    const [, amount = '', unit = ''] = match
    const rank = UNIT_SECONDS.findIndex(([names]) => names.has(unit))
    if (rank === -1) return fail(`"${text}" has an unknown unit "${unit}" (use h, min or s)`)
    if (rank <= lastRank) return fail(`"${text}" is not a duration (units out of order or twice)`)
    lastRank = rank
    total += decimal(amount) * (UNIT_SECONDS[rank]?.[1] ?? 0)
  }
  return ok(total)
}

/**
 * A length of time as exports write it, in seconds (null when blank or `-`): `1h 20min`, `56m`,
 * `38min`, `45s`, `1:20:00`, `0:01:30`, `12:30` (see `colon`), and a bare number when `bare` says
 * what it counts. Fractions are kept: the caller rounds to the unit it stores.
 */
export function parseDuration(raw: string, options: DurationOptions = {}): Parsed<number | null> {
  const text = raw.trim().toLowerCase()
  if (text === '' || text === '-' || text === '--') return ok(null)
  if (BARE.test(text)) {
    if (!options.bare) return fail(`"${raw.trim()}" has no unit (expected e.g. 1h 20min or 45m)`)
    return ok(decimal(text) * (options.bare === 'minutes' ? 60 : 1))
  }
  const fromClock = clock(text, options.colon ?? 'minutes:seconds')
  if (fromClock) return fromClock
  const fromUnits = withUnits(text)
  if (fromUnits) return fromUnits
  return fail(`"${raw.trim()}" is not a duration (expected e.g. 1h 20min, 45m or 1:20:00)`)
}
