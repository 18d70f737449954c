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

let systemZone: { name: string; readAt: number } | null = null

/** The computer's time zone, read again at most once a minute (asking Intl costs milliseconds). */
export function systemTimeZone() {
  const now = Date.now()
  if (systemZone === null || now - systemZone.readAt > 60_000) {
    systemZone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone, readAt: now }
  }
  return systemZone.name
}

/** The local calendar day of an instant, as YYYYMMDD. */
export function dateKeyOf(epochMs: number, timeZone: string): DateKey {
  const day = Math.floor((epochMs + offsetOf(epochMs, timeZone)) / DAY_MS)
  if (day !== lastLocalDay) {
    lastLocalDay = day
    lastDateKey = keyOfLocalDay(day)
  }
  return lastDateKey
}

// Instants mostly come in runs of the same day: the last answers are kept at hand.
let lastLocalDay = Number.NaN
let lastDateKey = 0

const DAY_MS = 86_400_000
const dayKeys = new Map<number, DateKey>()

/** YYYYMMDD of a day counted from 1970-01-01. */
function keyOfLocalDay(day: number): DateKey {
  let key = dayKeys.get(day)
  if (key === undefined) {
    const d = new Date(day * DAY_MS)
    key = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
    if (dayKeys.size > 200_000) dayKeys.clear()
    dayKeys.set(day, key)
  }
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

/** The local wall-clock hour (0–23) of an instant. */
export function localHourOf(epochMs: number, timeZone: string): number {
  return new Date(epochMs + offsetOf(epochMs, timeZone)).getUTCHours()
}

// Asking Intl for an offset costs microseconds and reports read events by the hundred thousand,
// so offsets are cached. Most UTC days have one offset all day: checked at their start, middle
// and end, that offset serves every instant of the day. A day with a change in it is cached per
// quarter hour, since offsets change on quarter-hour boundaries.
const QUARTER_HOUR_MS = 15 * 60 * 1000
const steadyOffsets = new Map<string, Map<number, number>>()
let lastZone = ''
let lastUtcDay = Number.NaN
let lastOffset = 0
const quarterOffsets = new Map<string, Map<number, number>>()

function cacheOf(caches: Map<string, Map<number, number>>, timeZone: string) {
  let cache = caches.get(timeZone)
  if (!cache) {
    cache = new Map()
    caches.set(timeZone, cache)
  }
  if (cache.size > 200_000) cache.clear()
  return cache
}

/** Milliseconds to add to an instant to get its local wall-clock time in the zone. */
function offsetOf(epochMs: number, timeZone: string): number {
  const utcDay = Math.floor(epochMs / DAY_MS)
  if (utcDay === lastUtcDay && timeZone === lastZone) return lastOffset
  const steady = cacheOf(steadyOffsets, timeZone)
  let offset = steady.get(utcDay)
  if (offset === undefined) {
    const start = utcDay * DAY_MS
    const first = offsetAt(start, timeZone)
    const unchanged =
      offsetAt(start + DAY_MS / 2, timeZone) === first &&
      offsetAt(start + DAY_MS - 1, timeZone) === first
    offset = unchanged ? first : Number.NaN
    steady.set(utcDay, offset)
  }
  if (!Number.isNaN(offset)) {
    lastZone = timeZone
    lastUtcDay = utcDay
    lastOffset = offset
    return offset
  }
  const quarters = cacheOf(quarterOffsets, timeZone)
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS)
  let quarter = quarters.get(bucket)
  if (quarter === undefined) {
    quarter = offsetAt(bucket * QUARTER_HOUR_MS, timeZone)
    quarters.set(bucket, quarter)
  }
  return quarter
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
