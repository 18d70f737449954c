// How fast the product reports answer on a year of events (1M by default; BENCH_REPORT_EVENTS
// for another size, e.g. 10000000), against naive SQL over the raw events measured in the same
// run: DAU/WAU/MAU as COUNT(DISTINCT) per day over event_ts windows, sessions with window
// functions. The events go straight into a migrated file (one transaction, one prepared
// statement), the rollups are rebuilt once, then each report runs in process, best of several.
import type BetterSqlite3 from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../electron/services/db/open'
import { runReport } from '../electron/services/reports/run'
import { rebuildRollups } from '../electron/services/rollups/rebuild'
import { writeSettings } from '../electron/services/settings/store'
import { dateKeyOf, zonedTimeToEpoch } from '../shared/time'

const ZONE = 'Europe/Berlin'
const DAY_MS = 86_400_000
const START = Date.UTC(2025, 0, 1)
const NOW = START + 366 * DAY_MS

/** The taxonomy of bench/generate-events.ts, with seed 001's core actions. */
const ACTIONS: readonly [name: string, weight: number, core: boolean][] = [
  ['app_open', 12, false],
  ['dashboard_view', 20, false],
  ['timer_start', 10, true],
  ['timer_stop', 10, true],
  ['idle_detected', 4, false],
  ['manual_time_added', 3, true],
  ['task_created', 8, true],
  ['task_completed', 7, true],
  ['page_view', 18, false],
  ['search', 5, true],
  ['export_csv', 1, true],
  ['settings_changed', 2, false],
]
const PLANS = ['free', 'pro', 'team', 'enterprise']
const REGIONS = ['EU', 'NA', 'APAC', 'LATAM']
const DEVICES = ['desktop', 'web', 'mobile']

/** mulberry32 */
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

/** Writes a year of `events` events by `users` people (skewed, in time order) into a migrated file. */
export function fillReportData(sqlite: BetterSqlite3.Database, events: number, users: number) {
  const next = random(20250101)
  sqlite.transaction(() => {
    const action = sqlite.prepare(
      `INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`,
    )
    for (const [name, , core] of ACTIONS) action.run(name, core ? 1 : 0)
    const account = sqlite.prepare(
      `INSERT INTO dim_account (account_id, plan_tier, region) VALUES (?, ?, ?)`,
    )
    for (let a = 0; a < 200; a++) account.run(`A${a}`, PLANS[a % 4], REGIONS[a % 4])
    const user = sqlite.prepare(
      `INSERT INTO users (user_id, username, account_id, device_type, acquisition_channel)
           VALUES (?, ?, ?, ?, ?)`,
    )
    for (let u = 0; u < users; u++) {
      user.run(`user-${u}`, `user-${u}`, `A${u % 200}`, DEVICES[u % 3], u % 5 ? 'organic' : 'paid')
    }
    const total = ACTIONS.reduce((sum, [, w]) => sum + w, 0)
    const pickName = () => {
      let r = next() * total
      for (const [name, weight] of ACTIONS) {
        r -= weight
        if (r < 0) return name
      }
      return 'app_open'
    }
    const insert = sqlite.prepare(
      `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key,
             duration_seconds, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const step = (365 * DAY_MS) / events
    for (let i = 0; i < events; i++) {
      const ts = START + Math.floor((i + next()) * step)
      const name = pickName()
      insert.run(
        `e${String(i).padStart(9, '0')}`,
        `user-${Math.floor(users * next() ** 2)}`,
        name,
        ts,
        ts + Math.floor(next() * 600_000),
        dateKeyOf(ts, ZONE),
        name === 'timer_stop' ? 60 + Math.floor(next() * 7140) : null,
        DEVICES[i % 3],
      )
    }
  })()
}

/**
 * Fastest and median of `repeats` runs (wall time, ms), and the fastest in CPU time: on a shared
 * machine the wall time also counts waiting for a core, the CPU time does not.
 */
function best(run: () => unknown, repeats: number) {
  const samples: number[] = []
  let cpu = Infinity
  for (let i = 0; i < repeats; i++) {
    const usage = process.cpuUsage()
    const started = performance.now()
    run()
    samples.push(performance.now() - started)
    const used = process.cpuUsage(usage)
    cpu = Math.min(cpu, (used.user + used.system) / 1000)
  }
  samples.sort((a, b) => a - b)
  return { min: samples[0] ?? 0, median: samples[Math.floor(samples.length / 2)] ?? 0, cpu }
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now()
  const value = run()
  return [value, performance.now() - started]
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`)

export async function runReportsBench() {
  const events = Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000)
  const users = Number(process.env.BENCH_REPORT_USERS ?? 10_000)
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-reports-'))
  const handle = await openDatabase(join(dir, 'reports.db'))
  const { sqlite } = handle
  try {
    const settings = await writeSettings(handle.db, { timeZone: ZONE })

    const [, generateMs] = timed(() => fillReportData(sqlite, events, users))
    const [, rollupMs] = timed(() => rebuildRollups(sqlite, settings))
    // As the app's file would be by the time someone opens a report.
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const fileMb = statSync(join(dir, 'reports.db')).size / 1e6
    const [load] = loadavg()
    console.log(
      `reports on ${events.toLocaleString('en')} events, ${users.toLocaleString('en')} people, one year ` +
        `(${ZONE}; ${fileMb.toFixed(0)} MB file): generated in ${fmt(generateMs)}, ` +
        `rollups rebuilt in ${fmt(rollupMs)}; load average ${(load ?? 0).toFixed(1)} on ${cpus().length} cores`,
    )

    const ctx = { sqlite, settings, now: NOW }
    const run = (name: string, params = {}) => runReport(ctx, name, params).result

    // Naive baselines, once each: they take seconds.
    const core = ACTIONS.filter(([, , c]) => c).map(([name]) => `'${name}'`)
    const distinct = sqlite.prepare(
      `SELECT count(DISTINCT user_id) FROM fct_event
       WHERE event_ts >= ? AND event_ts < ? AND event_name IN (${core.join(', ')})`,
    )
    // The reports first, while the process is as the app's would be; the baselines after.
    const activity = run('activity')
    const activityTimes = best(() => run('activity'), 15)
    const sessionsTimes = best(() => run('sessions'), 15)
    const midnight = (iso: string, plus = 0) => {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
      const date = new Date(Date.UTC(y, m - 1, d + plus))
      return zonedTimeToEpoch(
        { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
        ZONE,
      )
    }
    // Above two million events the naive queries run on every 7th day only, scaled up.
    const every = events > 2_000_000 ? 7 : 1
    const sampled = activity.rows.filter((_, i) => i % every === 0)
    const [naiveActivity, sampledMs] = timed(() =>
      sampled.map(([date]) => {
        const end = midnight(String(date), 1)
        return [1, 7, 30].map((days) => distinct.pluck().get(midnight(String(date), 1 - days), end))
      }),
    )
    const naiveActivityMs = (sampledMs * activity.rows.length) / sampled.length
    const agrees = sampled.every((row, i) =>
      [1, 2, 3].every((c) => row[c] === naiveActivity[i]?.[c - 1]),
    )
    const naiveSessions = sqlite.prepare(
      `WITH gaps AS (
         SELECT user_id, event_ts, date_key,
           CASE WHEN event_ts - lag(event_ts) OVER w > 1800000 OR lag(event_ts) OVER w IS NULL
             THEN 1 ELSE 0 END AS starts
         FROM fct_event WINDOW w AS (PARTITION BY user_id ORDER BY event_ts, event_key)),
       numbered AS (
         SELECT user_id, event_ts, date_key,
           sum(starts) OVER (PARTITION BY user_id ORDER BY event_ts ROWS UNBOUNDED PRECEDING) AS sid
         FROM gaps),
       sessions AS (
         SELECT user_id, min(date_key) AS day, (max(event_ts) - min(event_ts)) / 1000.0 AS seconds
         FROM numbered GROUP BY user_id, sid)
       SELECT day, count(*), avg(seconds), count(DISTINCT user_id) FROM sessions GROUP BY day`,
    )
    const [naiveSessionRows, naiveSessionsMs] = timed(
      () => naiveSessions.raw().all() as [number, number, number, number][],
    )
    const sessions = run('sessions')
    const reportSessions = sessions.rows.reduce((sum, row) => sum + Number(row[1]), 0)
    const naiveSessionCount = naiveSessionRows.reduce((sum, row) => sum + row[1], 0)

    const activityMs = activityTimes.min
    const sessionsMs = sessionsTimes.min
    const ratio = (ms: number, base: number) =>
      `${(ms / base).toFixed(4)}× (${(base / ms).toFixed(0)}× faster)`
    console.log(
      `  activity (${activity.rows.length} days of DAU, WAU, MAU, stickiness)  ${fmt(activityMs).padStart(9)} ` +
        `(median ${fmt(activityTimes.median)}, CPU ${fmt(activityTimes.cpu)})  ` +
        `${ratio(activityMs, naiveActivityMs)} naive COUNT(DISTINCT) per day over raw events ` +
        `(${fmt(naiveActivityMs)}${every > 1 ? `, measured on every ${every}th day and scaled` : ''}; ` +
        `same figures: ${agrees ? 'yes' : 'NO'})`,
    )
    console.log(
      `  sessions (${sessions.rows.length} days)                          ${fmt(sessionsMs).padStart(9)} ` +
        `(median ${fmt(sessionsTimes.median)}, CPU ${fmt(sessionsTimes.cpu)})  ` +
        `${ratio(sessionsMs, naiveSessionsMs)} naive window-function sessions over raw events (${fmt(naiveSessionsMs)}; ` +
        `${reportSessions.toLocaleString('en')} vs ${naiveSessionCount.toLocaleString('en')} sessions: the naive query has no 24-hour cap)`,
    )
    const others: [string, Record<string, unknown>][] = [
      ['activity', { segment: 'plan_tier' }],
      ['activity', { filters: { region: ['EU'] } }],
      ['sessions', { interval: 'week' }],
      ['sessions', { segment: 'device' }],
      ['session_lengths', {}],
      ['tiers', {}],
      ['tier_transitions', {}],
      ['active_days', {}],
      ['stickiness_histogram', {}],
      ['retention', {}],
      ['retention_unbounded', { interval: 'month' }],
      ['lifecycle', {}],
      ['work', {}],
      ['freshness', {}],
    ]
    for (const [name, params] of others) {
      const ms = best(() => run(name, params), 3).min
      console.log(`  ${`${name} ${JSON.stringify(params)}`.padEnd(48)} ${fmt(ms).padStart(9)}`)
    }
    const [, otherZoneMs] = timed(() => run('activity', { timeZone: 'America/New_York' }))
    console.log(
      `  ${'activity {"timeZone":"America/New_York"} (raw)'.padEnd(48)} ${fmt(otherZoneMs).padStart(9)}`,
    )
  } finally {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
