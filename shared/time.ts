// Calendar days in the reporting time zone. SQLite cannot convert time zones, so every local day
// is computed here, once per write, and stored as a YYYYMMDD integer (`date_key`).

export type DateKey = number

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Throws a RangeError for a zone name the runtime does not know. */
export function isValidTimeZone(timeZone: string) {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

export function systemTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Offset changes happen on quarter-hour boundaries, so days are cached per quarter hour. */
const QUARTER_HOUR_MS = 15 * 60 * 1000
const dayCache = new Map<string, Map<number, number>>()

/** The local calendar day of an instant, as YYYYMMDD. */
export function dateKeyOf(epochMs: number, timeZone: string): DateKey {
  let cache = dayCache.get(timeZone)
  if (!cache) {
    cache = new Map()
    dayCache.set(timeZone, cache)
  }
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS)
  const cached = cache.get(bucket)
  if (cached !== undefined) return cached
  const parts = formatterFor(timeZone).formatToParts(new Date(bucket * QUARTER_HOUR_MS))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const key = part('year') * 10000 + part('month') * 100 + part('day')
  if (cache.size > 200_000) cache.clear()
  cache.set(bucket, key)
  return key
}

/** Local wall-clock parts of an instant. */
export function localParts(epochMs: number, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs))
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  }
}

const offsetCache = new Map<string, Map<number, number>>()

/** The local wall-clock hour (0–23) of an instant; offsets are cached per quarter hour. */
export function localHourOf(epochMs: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone)
  if (!cache) {
    cache = new Map()
    offsetCache.set(timeZone, cache)
  }
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS)
  let offset = cache.get(bucket)
  if (offset === undefined) {
    offset = offsetAt(bucket * QUARTER_HOUR_MS, timeZone)
    if (cache.size > 200_000) cache.clear()
    cache.set(bucket, offset)
  }
  return new Date(epochMs + offset).getUTCHours()
}

function offsetAt(epochMs: number, timeZone: string) {
  const p = localParts(epochMs, timeZone)
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(epochMs / 60_000) * 60_000
  )
}

/**
 * The instant at which a local wall-clock time happens in a zone. Like Temporal's "compatible"
 * choice: a time that happens twice (clocks going back) is the earlier instant; a time skipped
 * by clocks going forward is moved forward by the length of the jump.
 */
export function zonedTimeToEpoch(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0)
  const offsetBefore = offsetAt(wall - 86_400_000, timeZone)
  const offsetAfter = offsetAt(wall + 86_400_000, timeZone)
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, timeZone) === wall,
  )
  return candidates.length > 0 ? Math.min(...candidates) : wall - offsetBefore
}

export function dateKeyToIso(key: DateKey) {
  const y = Math.floor(key / 10000)
  const m = Math.floor(key / 100) % 100
  const d = key % 100
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function isoToDateKey(isoDate: string): DateKey {
  return Number(isoDate.slice(0, 10).replaceAll('-', ''))
}

/** The next calendar day (pure calendar arithmetic, no zone involved). */
export function nextDateKey(key: DateKey): DateKey {
  const d = new Date(
    Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, (key % 100) + 1),
  )
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
}

/** ISO weekday of a calendar day: Monday = 1 … Sunday = 7. */
export function isoWeekday(key: DateKey) {
  const day = new Date(
    Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100),
  ).getUTCDay()
  return day === 0 ? 7 : day
}

/** ISO-8601 week number (1–53) of a calendar day. */
export function isoWeekNumber(key: DateKey) {
  const date = new Date(
    Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100),
  )
  date.setUTCDate(date.getUTCDate() + 4 - isoWeekday(key))
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7)
}
