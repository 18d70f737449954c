import type { DateKey } from '../../../shared/time'

// A person's active days as a bitmap (rollup_user_days.days): bit i, in byte i >> 3 at bit
// i & 7, means the day `firstDay + i`. A day is a count of calendar days since 1970-01-01, so
// consecutive days differ by one whatever the month or the time zone's DST changes.

const MS_PER_DAY = 86_400_000

/** Calendar days since 1970-01-01 of a YYYYMMDD key. */
export function dayNumberOf(key: DateKey): number {
  const year = Math.floor(key / 10000)
  const month = Math.floor(key / 100) % 100
  return Math.round(Date.UTC(year, month - 1, key % 100) / MS_PER_DAY)
}

/** The YYYYMMDD key of a day number. */
export function dateKeyOfDay(day: number): DateKey {
  const date = new Date(day * MS_PER_DAY)
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate()
}

export interface DayBits {
  firstDay: number
  lastDay: number
  activeDays: number
  bits: Uint8Array
}

/** The bitmap of these day numbers (any order, repeats allowed); null for none. */
export function encodeDays(days: Iterable<number>): DayBits | null {
  let firstDay = Infinity
  let lastDay = -Infinity
  const list: number[] = []
  for (const day of days) {
    list.push(day)
    if (day < firstDay) firstDay = day
    if (day > lastDay) lastDay = day
  }
  if (list.length === 0) return null
  const bits = new Uint8Array(((lastDay - firstDay) >> 3) + 1)
  let activeDays = 0
  for (const day of list) {
    const i = day - firstDay
    const mask = 1 << (i & 7)
    const byte = bits[i >> 3] ?? 0
    if ((byte & mask) === 0) {
      bits[i >> 3] = byte | mask
      activeDays += 1
    }
  }
  return { firstDay, lastDay, activeDays, bits }
}

/** Whether `day` is set. */
export function hasDay(b: Pick<DayBits, 'firstDay' | 'lastDay' | 'bits'>, day: number): boolean {
  if (day < b.firstDay || day > b.lastDay) return false
  const i = day - b.firstDay
  return ((b.bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0
}

/** Every set day, ascending. */
export function decodeDays(b: Pick<DayBits, 'firstDay' | 'bits'>): number[] {
  const days: number[] = []
  for (let byte = 0; byte < b.bits.length; byte++) {
    let v = b.bits[byte] ?? 0
    while (v !== 0) {
      const bit = 31 - Math.clz32(v & -v)
      days.push(b.firstDay + byte * 8 + bit)
      v &= v - 1
    }
  }
  return days
}
