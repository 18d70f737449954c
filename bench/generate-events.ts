// A synthetic product event log for bench/import-events.ts: one year of events by 10,000 people,
// in time order, written as CSV a chunk at a time (the whole file is never in memory). The same
// options give the same bytes on every machine (a seeded generator, no clock, no locale).
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

export interface EventLogOptions {
  rows: number
  users?: number
  /** Epoch ms of the first event (default 2025-01-01T00:00:00Z); the log spans 365 days. */
  start?: number
  /** How event_ts is written: ISO-8601 UTC with milliseconds, or epoch milliseconds. */
  timeFormat?: 'iso' | 'epoch-ms'
  seed?: number
}

export const EVENT_LOG_HEADER = [
  'event_id',
  'user_id',
  'event_name',
  'event_ts',
  'source',
  'session_id',
  'duration_seconds',
  'page_url',
]

/** Seed 001's taxonomy plus a few product actions, weighted the way product logs look. */
const NAMES: readonly [string, number][] = [
  ['app_open', 12],
  ['dashboard_view', 20],
  ['timer_start', 10],
  ['timer_stop', 10],
  ['idle_detected', 4],
  ['manual_time_added', 3],
  ['task_created', 8],
  ['task_completed', 7],
  ['page_view', 18],
  ['search', 5],
  ['export_csv', 1],
  ['settings_changed', 2],
]
const SOURCES = ['desktop', 'web', 'mobile', 'api'] as const
const PAGES = ['/dashboard', '/tasks', '/reports/weekly', '/settings/profile', '/timer', '/search']
const YEAR_MS = 365 * 86_400_000

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function weightedPicker(entries: readonly [string, number][], next: () => number) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  return () => {
    let r = next() * total
    for (const [name, weight] of entries) {
      r -= weight
      if (r < 0) return name
    }
    return entries[entries.length - 1]?.[0] ?? ''
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/** Writes the log to `path`; resolves once it is on disk. Returns the number of data rows. */
export async function writeEventLog(path: string, options: EventLogOptions) {
  const users = options.users ?? 10_000
  const start = options.start ?? Date.UTC(2025, 0, 1)
  const next = random(options.seed ?? 20250101)
  const pickName = weightedPicker(NAMES, next)
  // Some people are far keener than others: a skewed pick over the user ids.
  const pickUser = () => Math.floor(users * next() ** 2)
  const userSource = Array.from({ length: users }, () => SOURCES[Math.floor(next() * 3.2)] ?? 'api')
  const step = YEAR_MS / options.rows
  const out = createWriteStream(path)
  let chunk = `${EVENT_LOG_HEADER.join(',')}\n`
  for (let i = 0; i < options.rows; i++) {
    const ts = start + Math.floor((i + next()) * step)
    const user = pickUser()
    const name = pickName()
    const source = next() < 0.9 ? (userSource[user] ?? 'web') : (SOURCES[i % 4] ?? 'web')
    const eventId = `${hex((next() * 2 ** 32) >>> 0, 8)}-${hex((next() * 2 ** 16) >>> 0, 4)}-4${hex((next() * 2 ** 12) >>> 0, 3)}-${hex((next() * 2 ** 16) >>> 0, 4)}-${hex((next() * 2 ** 32) >>> 0, 8)}${hex(i & 0xffff, 4)}`
    const time = options.timeFormat === 'epoch-ms' ? String(ts) : new Date(ts).toISOString()
    const session = `S${user}-${Math.floor(ts / 1_800_000)}`
    const duration = name === 'timer_stop' ? String(60 + Math.floor(next() * 7140)) : ''
    const page =
      source === 'web' ? `https://app.example.com${PAGES[Math.floor(next() * PAGES.length)]}` : ''
    chunk += `${eventId},user-${user},${name},${time},${source},${session},${duration},${page}\n`
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
  return options.rows
}
