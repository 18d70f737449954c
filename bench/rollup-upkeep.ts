// The rollups' full rebuild against their incremental upkeep, on a year of events by 10,000
// people: the full rebuild of a million events, then 10,000 late events (event_ts anywhere in
// the past year, written now) and the upkeep that takes them in (the goal: at most 5% of the
// rebuild), then 10,000 events of the last day and theirs. Wall and CPU time both: on a busy
// machine the CPU time is the steadier. BENCH_ROLLUP_ROWS=10000000 measures ten million events.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../electron/services/db/open'
import { rebuildRollups, type RollupSettings } from '../electron/services/rollups/rebuild'
import { dumpDifferences, dumpRollups } from '../electron/services/rollups/dump'
import { rebuildBeside } from '../electron/services/rollups/shadow'
import { keepRollupsCurrent } from '../electron/services/rollups/upkeep'
import { writeSettings } from '../electron/services/settings/store'
import { defaultSettings } from '../shared/settings'
import { dateKeyOf } from '../shared/time'

const ZONE = 'Europe/Berlin'
const USERS = 10_000
const LATE = 10_000
const YEAR_MS = 365 * 86_400_000
const START = Date.UTC(2025, 0, 1)

/** Seed 001's taxonomy and a few product actions, weighted the way product logs look. */
const ACTIONS: readonly [string, number, 0 | 1][] = [
  ['app_open', 12, 1],
  ['dashboard_view', 20, 1],
  ['timer_start', 10, 1],
  ['timer_stop', 10, 1],
  ['idle_detected', 4, 0],
  ['manual_time_added', 3, 1],
  ['task_created', 8, 1],
  ['task_completed', 7, 1],
  ['page_view', 18, 1],
  ['search', 5, 1],
  ['export_csv', 1, 1],
  ['settings_changed', 2, 0],
]
const SOURCES = ['desktop', 'web', 'mobile', 'api'] as const
const PAGES = ['/dashboard', '/tasks', '/reports/weekly', '/settings/profile', '/timer', '/search']

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

export function eventWriter(sqlite: BetterSqlite3.Database, next: () => number) {
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
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source,
       page_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let n = 0
  return (user: number, ts: number, ingestedAt: number) => {
    n += 1
    const source = SOURCES[Math.floor(next() * 4)] ?? 'web'
    const page = source === 'web' ? PAGES[Math.floor(next() * PAGES.length)] : null
    insert.run(
      `ev-${n}-${Math.floor(next() * 1e9)}`,
      `user-${user}`,
      pickName(),
      ts,
      ingestedAt,
      dateKeyOf(ts, ZONE),
      source,
      page ?? null,
    )
  }
}

/** People, actions and `rows` events over 2025 in time order, some people far keener. */
export function fill(sqlite: BetterSqlite3.Database, rows: number) {
  const next = random(20250101)
  sqlite.transaction(() => {
    const user = sqlite.prepare(`INSERT INTO users (user_id, username) VALUES (?, ?)`)
    for (let u = 0; u < USERS; u++) user.run(`user-${u}`, `user-${u}`)
    const action = sqlite.prepare(
      `INSERT INTO dim_actions (action_type, is_core_action) VALUES (?, ?)`,
    )
    for (const [name, , core] of ACTIONS) action.run(name, core)
    const write = eventWriter(sqlite, next)
    const step = YEAR_MS / rows
    for (let i = 0; i < rows; i++) {
      const ts = START + Math.floor((i + next()) * step)
      write(Math.floor(USERS * next() ** 2), ts, ts + 60_000)
    }
  })()
  return next
}

const ms = (t: number) => `${t.toFixed(0)} ms`

/** Wall time and this process's CPU time of `run` (the CPU time moves less on a busy machine). */
function measure<T>(run: () => T) {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = run()
  const used = process.cpuUsage(cpu)
  return { result, wall: performance.now() - started, cpu: (used.user + used.system) / 1000 }
}

export async function runRollupUpkeepBench() {
  const rows = Number(process.env.BENCH_ROLLUP_ROWS ?? 1_000_000)
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'))
  const handle = await openDatabase(join(dir, 'bench.db'))
  try {
    const { sqlite } = handle
    const settings: RollupSettings = { ...defaultSettings(ZONE), timeZone: ZONE }
    // Stored too: the background rebuild checks the settings it computed with against them.
    await writeSettings(handle.db, { timeZone: ZONE })
    const started = performance.now()
    const next = fill(sqlite, rows)
    console.log(
      `rollups: ${rows.toLocaleString('en')} events by ${USERS.toLocaleString('en')} people over a year (written in ${ms(performance.now() - started)})`,
    )

    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const full = measure(() => rebuildRollups(sqlite, settings))
    console.log(
      `  full rebuild: ${ms(full.wall)} (CPU ${ms(full.cpu)}; ${full.result.sessions.toLocaleString('en')} sessions, ${full.result.dailyActivity.toLocaleString('en')} person-days)`,
    )

    const now = START + YEAR_MS + 3_600_000
    const write = eventWriter(sqlite, next)
    sqlite.transaction(() => {
      for (let i = 0; i < LATE; i++) {
        write(Math.floor(USERS * next() ** 2), START + Math.floor(next() * YEAR_MS), now)
      }
    })()
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const upkeep = measure(() =>
      sqlite.transaction(() => keepRollupsCurrent(sqlite, { settings }))(),
    )
    const share = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`
    console.log(
      `  ${LATE.toLocaleString('en')} late events, incremental upkeep (${upkeep.result.mode}): ${ms(upkeep.wall)} (CPU ${ms(upkeep.cpu)}; ${upkeep.result.people.toLocaleString('en')} people, ${upkeep.result.days.toLocaleString('en')} person-days recomputed)`,
    )
    console.log(
      `  upkeep / full rebuild: ${share(upkeep.wall, full.wall)} of the wall time, ${share(upkeep.cpu, full.cpu)} of the CPU time (goal: at most 5%)`,
    )
    // The common case: a day's events written that day (an import of yesterday's log).
    const today = START + YEAR_MS - 86_400_000
    sqlite.transaction(() => {
      for (let i = 0; i < LATE; i++) {
        write(Math.floor(USERS * next() ** 2), today + Math.floor(next() * 86_400_000), now)
      }
    })()
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const daily = measure(() =>
      sqlite.transaction(() => keepRollupsCurrent(sqlite, { settings }))(),
    )
    console.log(
      `  ${LATE.toLocaleString('en')} events of the last day: ${ms(daily.wall)} (CPU ${ms(daily.cpu)}) = ${share(daily.wall, full.wall)} of the wall time, ${share(daily.cpu, full.cpu)} of the CPU time`,
    )
    // The upkeep must leave exactly what a full rebuild writes (compared in memory: up to 2M).
    if (rows > 2_000_000) return
    const kept = dumpRollups(sqlite)
    const again = measure(() => rebuildRollups(sqlite, settings))
    const differences = dumpDifferences(kept, dumpRollups(sqlite))
    console.log(
      `  full rebuild again: ${ms(again.wall)} (CPU ${ms(again.cpu)}); the upkeep and the rebuild ${differences.length === 0 ? 'agree on every rollup row' : `DIFFER: ${JSON.stringify(differences)}`}`,
    )
    if (differences.length > 0) process.exitCode = 1
    // For information: a rebuild that replaces rollups already there (what a settings change
    // costs) deletes every old row first; the goal above is held against the cheaper one.
    console.log(
      `  upkeep / that rebuild (over rollups already there): ${share(upkeep.wall, again.wall)} of the wall time, ${share(upkeep.cpu, again.cpu)} of the CPU time`,
    )
    // The background rebuild (shadow tables, rollups/shadow.ts): how long it holds the write lock.
    const beside = measure(() => rebuildBeside(sqlite, settings))
    console.log(
      `  background rebuild beside the window (${beside.result.outcome}): ${ms(beside.wall)} (CPU ${ms(beside.cpu)}), write lock held ${ms(beside.result.lockedMs)} = ${share(beside.result.lockedMs, beside.result.totalMs)} of it`,
    )
  } finally {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
