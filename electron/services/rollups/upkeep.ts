/*
 * Incremental upkeep of the rollups: after a write, recompute only what the events it inserted,
 * deleted or changed can reach, inside the writer's transaction. The result is always exactly
 * what a full rebuild (rebuild.ts, whose header defines every rollup) would write; the property
 * test in tests/integration/rollup-upkeep.property.test.ts holds the two against each other.
 *
 * Finding what changed (migration 0011).
 * - Inserted events: every event_key above rollup_state.event_mark. SQLite gives a new row the
 *   largest rowid so far plus one, so this is a range of the table's own b-tree and the bulk
 *   import pays nothing per row (no INSERT trigger). Not ingested_at: an event log may carry its
 *   own ingestion times (the events preset keeps them), and an import stamps the time it
 *   started, before its transaction, so a watermark on ingested_at could pass over rows written
 *   later. Rows that come back with keys of their own (a restore from an export, an undone
 *   deletion) are named by their writer: `importId` or `eventKeys`.
 * - Deleted and changed events: the triggers on fct_event write (user_id, event_ts, date_key) to
 *   rollup_dirty: old and new values of an update, the old of a delete, including the deletes
 *   that cascade from a person. When the table's last rows are deleted the delete trigger lowers
 *   event_mark, since SQLite would hand their keys out again.
 * - Changed settings or core-action flags: rollup_state keeps the settings (built_with), the
 *   zone the stored date_keys are in (key_zone) and every action's core flag (core_actions) the
 *   rollups were computed with. If any no longer holds, only a full rebuild will do: at once
 *   when the data is small, when the caller asks for it (imports, in their worker) or when no
 *   background runner is registered; otherwise it is handed to the background rebuild
 *   (background.ts) and the changes stay recorded until it runs.
 *
 * What is recomputed, from the touched person-moments (person, event time, stored day), each
 * step reading for every touched person at once (lists passed as JSON through json_each) and
 * writing only the rows that differ:
 * 1. Sessions, per person, in windows. Sessions chain: a gap over sessionGapMinutes always
 *    starts a new one, and whatever happened before such a gap cannot change what follows it,
 *    while the 24-hour cut depends on where the chain began. A window starts at the last such
 *    gap before the earliest touched time and ends at the first gap after the latest one whose
 *    two events are both untouched (so the gap is the same before and after the write). Touched
 *    times far apart get windows of their own. The events around each run of touched times are
 *    read in one statement for everyone; a person whose chain runs past what was read is walked
 *    event by event. Each window's events are derived again and its old sessions (by start)
 *    replaced where they differ.
 * 2. Day rows of every touched day and of every day a changed session starts on: from the
 *    person's events with that stored day and sessions of that day, compared with the row there.
 *    Those are read within the day's span of instants in the settings' zone, the zone the stored
 *    days are in, padded by a few hours (day-span.ts).
 * 3. Person-months of changed days, by the differences of their day rows: active days and
 *    events on them, base tier by active days. Then every month whose Core people changed is
 *    ranked again (Power is a quantile over the month's Core people, so one person's month can
 *    move others between Core and Power); the tier is written to rollup_user_months and to the
 *    day rows only where it differs: every day row of a person-month whose tier changed, else
 *    only the day rows just inserted (they have none yet).
 * 4. rollup_user_days: the bitmaps of people whose active days changed, those days set or
 *    cleared; rollup_days by the differences of the day rows (summed again for days of people
 *    deleted, whose rows went with them); dim_date extended or trimmed to span every day of a
 *    day row or session.
 * 5. rollup_state: event_mark to the last event, rollup_dirty emptied.
 * A write that touches more than a twelfth of the events is cheaper as a full rebuild, and gets
 * one. media_analytics is derived from the media tables, not events: see imports/upkeep.ts.
 *
 * Callers: records/write.ts, records/delete.ts, records/undo.ts, fitness/log.ts,
 * studio/context.ts (every front-desk write), imports/upkeep.ts (imports, their undo, restores).
 */
import type BetterSqlite3 from 'better-sqlite3'
import { readSettingsSync } from '../settings/store'
import { dimDateRows } from './calendar'
import { dayNumberOf, decodeDays, encodeDays } from './day-bits'
import { recomputeEventDaysQuietly } from './day-keys'
import { DaySpans } from './day-span'
import { withPageCache } from './page-cache'
import { rebuildRollups, type RebuildOptions } from './rebuild'
import { deriveSessions, sessionDurationSeconds, type DerivedSession } from './sessions'
import {
  coreSignature,
  lastEventKey,
  readCoreFlags,
  readState,
  staleReason,
  writeState,
  type RollupSettings,
} from './state'
import { powerOf, tierByActiveDays, type PersonMonth, type Tier } from './tiers'

export interface UpkeepOptions {
  /** The settings now (read from app_settings when absent). */
  settings?: RollupSettings
  /** An import whose events went in with event_keys of their own (a restore): taken in too. */
  importId?: number
  /** Events written back with their old event_keys (an undone deletion). */
  eventKeys?: Iterable<number | bigint>
  /**
   * When the rollups need a full rebuild (settings or core actions changed): 'rebuild' does it
   * now; 'background' (the default) hands a large one to the background runner when there is one.
   */
  whenStale?: 'rebuild' | 'background'
}

export interface UpkeepResult {
  mode: 'current' | 'incremental' | 'rebuilt' | 'deferred'
  /** Why a full rebuild was needed, when it was. */
  reason?: string
  /** People whose rows were recomputed, and their person-days. */
  people: number
  days: number
}

/** Up to this many events, a full rebuild is quick enough to run inside any write. */
export const SYNC_REBUILD_EVENTS = 20_000
/**
 * Touched person-moments beyond this share of the events make a full rebuild cheaper (measured:
 * late events spread over a year cost the upkeep about 14 times what an event costs the full
 * rebuild, each reaching rows at random places of the rollup tables).
 */
const FULL_REBUILD_SHARE = 1 / 12
/** How far either side of a run of touched times their events are read in one go. */
const LOOK_MS = 12 * 3_600_000
/** Beyond any session start or event time. */
const NEVER = Number.MAX_SAFE_INTEGER
/** Rows read at a time when walking a person's events. */
const PAGE = 256
const FIRST_PAGE = 4
/**
 * Touched person-moments from which the rows written reach most pages of the rollup tables:
 * worth a page cache that holds them (measured: about a tenth less CPU time at 10,000).
 */
const LARGE_UPKEEP = 2_000
const LARGE_UPKEEP_CACHE_KIB = 64 * 1024
/** Items passed to one statement as a JSON list. */
const SLICE = 5_000

type BackgroundRunner = (databasePath: string) => void
let backgroundRunner: BackgroundRunner | null = null

/** Registers what starts a background full rebuild (the app's main process does). */
export function setBackgroundRebuild(runner: BackgroundRunner | null) {
  backgroundRunner = runner
}

/**
 * A full rebuild that also brings every event's stored day into the settings' zone first when
 * rollup_state says they were computed in another.
 */
export function rebuildEverything(
  sqlite: BetterSqlite3.Database,
  settings: RollupSettings,
  options: RebuildOptions = {},
) {
  return sqlite.transaction(() => {
    const { keyZone } = readState(sqlite)
    if (keyZone !== null && keyZone !== settings.timeZone) {
      options.onProgress?.(0, `Finding each event's day in ${settings.timeZone}`)
      recomputeEventDaysQuietly(sqlite, settings.timeZone)
    }
    return rebuildRollups(sqlite, settings, options)
  })()
}

/** An upper bound on the events, without counting them. */
export const estimatedEvents = (sqlite: BetterSqlite3.Database) =>
  sqlite
    .prepare(`SELECT coalesce(max(event_key) - min(event_key) + 1, 0) FROM fct_event`)
    .pluck()
    .get() as number

/**
 * Brings the rollups up to date with every event written, changed or deleted since they were
 * last computed. Runs inside the caller's transaction (or a transaction of its own).
 */
export function keepRollupsCurrent(
  sqlite: BetterSqlite3.Database,
  options: UpkeepOptions = {},
): UpkeepResult {
  const run = sqlite.transaction((): UpkeepResult => {
    const settings = options.settings ?? readSettingsSync(sqlite)
    const state = readState(sqlite)
    const flags = readCoreFlags(sqlite)
    const reason = staleReason(sqlite, settings, state, flags)
    if (reason !== null) {
      const runner = backgroundRunner
      if (
        options.whenStale !== 'rebuild' &&
        runner !== null &&
        !sqlite.memory &&
        estimatedEvents(sqlite) > SYNC_REBUILD_EVENTS
      ) {
        // Started once this write has committed; its changes stay in rollup_dirty till then.
        const path = sqlite.name
        setImmediate(() => runner(path))
        return { mode: 'deferred', reason, people: 0, days: 0 }
      }
      rebuildEverything(sqlite, settings)
      return { mode: 'rebuilt', reason, people: 0, days: 0 }
    }
    const touched = readTouched(sqlite, state.eventMark, options)
    if (touched.count === 0) {
      writeState(sqlite, { eventMark: state.eventMark, coreActions: coreSignature(flags) })
      return { mode: 'current', people: 0, days: 0 }
    }
    if (
      touched.count > SYNC_REBUILD_EVENTS &&
      touched.count > estimatedEvents(sqlite) * FULL_REBUILD_SHARE
    ) {
      rebuildRollups(sqlite, settings)
      return { mode: 'rebuilt', reason: 'most events changed', people: 0, days: 0 }
    }
    const upkeep = new Upkeep(sqlite, settings)
    const result =
      touched.count > LARGE_UPKEEP
        ? withPageCache(sqlite, LARGE_UPKEEP_CACHE_KIB, () => upkeep.run(touched.byPerson))
        : upkeep.run(touched.byPerson)
    writeState(sqlite, { eventMark: lastEventKey(sqlite), coreActions: coreSignature(flags) })
    sqlite.prepare(`DELETE FROM rollup_dirty`).run()
    return { mode: 'incremental', ...result }
  })
  return run.immediate()
}

/** One person's touched moments: event times (ascending once read) and stored days. */
interface Touched {
  times: number[]
  days: Set<number>
  /** The person was deleted since (and may be back): their old rows went without a trace. */
  deleted: boolean
}

function readTouched(sqlite: BetterSqlite3.Database, eventMark: number, options: UpkeepOptions) {
  const byPerson = new Map<string, Touched>()
  let count = 0
  const add = (found: [string, number, number][]) => {
    for (const [userId, ts, day] of found) {
      let t = byPerson.get(userId)
      if (!t) byPerson.set(userId, (t = { times: [], days: new Set(), deleted: false }))
      if (ts < 0) {
        t.deleted = true
        continue
      }
      t.times.push(ts)
      t.days.add(day)
      count += 1
    }
  }
  type Row = [string, number, number]
  const rows = (sql: string, ...args: unknown[]) =>
    sqlite
      .prepare(sql)
      .raw(true)
      .all(...args) as Row[]
  add(rows(`SELECT user_id, event_ts, date_key FROM fct_event WHERE event_key > ?`, eventMark))
  add(rows(`SELECT user_id, event_ts, date_key FROM rollup_dirty`))
  if (options.importId !== undefined) {
    add(
      rows(
        `SELECT user_id, event_ts, date_key FROM fct_event WHERE import_id = ? AND event_key <= ?`,
        options.importId,
        eventMark,
      ),
    )
  }
  if (options.eventKeys) {
    const one = sqlite
      .prepare(`SELECT user_id, event_ts, date_key FROM fct_event WHERE event_key = ?`)
      .raw(true)
    for (const key of options.eventKeys) add(one.all(key) as Row[])
  }
  for (const t of byPerson.values()) t.times.sort((a, b) => a - b)
  return { byPerson, count }
}

interface DayRow {
  date_key: number
  sessions_count: number
  total_session_duration: number
  total_actions: number
  unique_action_types: number
  is_active_day: number
  engagement_tier: string | null
}

interface SessionRow {
  session_key: number
  date_key: number
  session_start: number
  session_end: number
  session_duration_seconds: number
  actions_count: number
  screens_visited: number
  session_type: string | null
}

/** Differences to rollup_days, per day. */
interface DayDelta {
  events: number
  activeUsers: number
  sessions: number
  seconds: number
  sessionUsers: number
}

const monthOf = (dateKey: number) => Math.floor(dateKey / 100)

function sameSession(old: SessionRow, s: DerivedSession) {
  return (
    old.date_key === s.dateKey &&
    old.session_end === s.end &&
    old.session_duration_seconds === sessionDurationSeconds(s) &&
    old.actions_count === s.actions &&
    old.screens_visited === s.screens &&
    old.session_type === s.type
  )
}

/** Runs `work` over `items` a slice at a time (each slice one JSON parameter of a statement). */
function inSlices<T>(items: readonly T[], work: (slice: T[], offset: number) => void) {
  for (let at = 0; at < items.length; at += SLICE) work(items.slice(at, at + SLICE), at)
}

interface Person {
  userId: string
  userKey: number
  touched: Touched
  /** Days to recompute: touched days and days whose sessions changed. */
  days: Set<number>
}

interface SessionWindow {
  person: Person
  start: number
  end: number
  sessions: DerivedSession[]
}

/** One person-day to recompute, and the time range its events and sessions lie in. */
interface Want {
  person: Person
  day: number
  from: number
  to: number
}

/**
 * One upkeep run. Each step reads what it needs for every touched person with a handful of
 * statements (the lists passed as JSON and joined through json_each), computes in JS, and writes
 * only the rows that differ.
 */
class Upkeep {
  private readonly gapMs: number
  private readonly coreNames: string[]
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  /** dim_date's span as it stands while rows are written (null: empty). */
  private dimDate: { lo: number; hi: number } | null
  private readonly deltas = new Map<number, DayDelta>()
  /** Days of people deleted: their rows went with them, so rollup_days is summed again. */
  private readonly resumDays = new Set<number>()
  /** Person-months whose days changed, as `${userKey}:${month}`. */
  private readonly personMonths = new Set<string>()
  /** Months whose Core people must be ranked again. */
  private readonly rankMonths = new Set<number>()
  /** Person-months whose tier changed: all their day rows get it, as `${userKey}:${month}`. */
  private readonly tierRows = new Set<string>()
  /** Day rows inserted (their tier is still NULL), by person-month: `${userKey}:${month}`. */
  private readonly newDayRows = new Map<string, number[]>()
  /** Days whose being active changed, per person: the day number and whether it is now. */
  private readonly activeChanged = new Map<number, Map<number, boolean>>()
  /** Changes to person-months (active days, events on them), by `${userKey}:${month}`. */
  private readonly monthDeltas = new Map<string, [number, number]>()
  /** How far around touched times events are read, and how far apart runs of them must be. */
  private readonly look: number
  private readonly split: number

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly settings: RollupSettings,
  ) {
    this.gapMs = settings.sessionGapMinutes * 60_000
    this.look = Math.max(LOOK_MS, 2 * this.gapMs)
    this.split = 2 * this.look + 1
    this.coreNames = sqlite
      .prepare(`SELECT action_type FROM dim_actions WHERE is_core_action = 1`)
      .pluck()
      .all() as string[]
    const span = sqlite
      .prepare(`SELECT min(date_key) AS lo, max(date_key) AS hi FROM dim_date`)
      .get() as { lo: number | null; hi: number | null }
    this.dimDate = span.lo === null || span.hi === null ? null : { lo: span.lo, hi: span.hi }
  }

  private stmt(sql: string) {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.sqlite.prepare(sql)))
    return s
  }

  run(byPerson: ReadonlyMap<string, Touched>) {
    const people: Person[] = []
    const keys = new Map<string, number>()
    inSlices([...byPerson.keys()], (slice) => {
      const rows = this.stmt(
        `SELECT j.value, u.id FROM json_each(?) AS j CROSS JOIN users AS u ON u.user_id = j.value`,
      )
        .raw(true)
        .all(JSON.stringify(slice)) as [string, number][]
      for (const [userId, id] of rows) keys.set(userId, id)
    })
    for (const [userId, touched] of byPerson) {
      const userKey = keys.get(userId)
      if (userKey === undefined || touched.deleted) {
        // A deleted person's rows went with them: their days' totals and their months' ranking
        // are worked out again from what is left.
        for (const day of touched.days) {
          this.resumDays.add(day)
          this.rankMonths.add(monthOf(day))
        }
        if (userKey === undefined) continue
      }
      if (touched.times.length === 0) continue
      people.push({ userId, userKey, touched, days: new Set(touched.days) })
    }
    const windows = this.prefetchedWindows(people)
    this.replaceSessions(windows)
    const spans = new DaySpans(this.settings.timeZone)
    const wants = people.flatMap((person) =>
      [...person.days].map((day) => {
        // Stored days are in the settings' zone (else the rollups would be stale).
        const [from, to] = spans.of(day)
        return { person, day, from, to }
      }),
    )
    this.dayRows(wants)
    this.userDays()
    this.months()
    this.dayTotals()
    this.trimDimDate()
    return { people: people.length, days: wants.length }
  }

  /** Makes dim_date hold `dateKey` (it spans a run of days without holes). */
  private ensureDay(dateKey: number) {
    const span = this.dimDate
    if (span !== null && dateKey >= span.lo && dateKey <= span.hi) return
    const insert = this.stmt(
      `INSERT OR IGNORE INTO dim_date (date_key, full_date, year, quarter, month, day_of_month,
         day_of_week, week_of_year, is_weekend)
       VALUES (@date_key, @full_date, @year, @quarter, @month, @day_of_month, @day_of_week,
         @week_of_year, @is_weekend)`,
    )
    const [from, to] =
      span === null
        ? [dateKey, dateKey]
        : dateKey < span.lo
          ? [dateKey, span.lo]
          : [span.hi, dateKey]
    for (const row of dimDateRows(from, to)) insert.run(row)
    this.dimDate =
      span === null
        ? { lo: dateKey, hi: dateKey }
        : { lo: Math.min(span.lo, dateKey), hi: Math.max(span.hi, dateKey) }
  }

  /**
   * Session windows for every person, from one read of the events around each run of touched
   * times (runs further apart than `split`, each read `look` either side). A window needs a gap
   * over sessionGapMinutes before the run and one after it inside what was read; a person for
   * whom that fails (a chain of events longer than `look`) is walked event by event instead.
   */
  private prefetchedWindows(people: readonly Person[]) {
    const runs: { person: Person; times: number[]; from: number; to: number }[] = []
    for (const person of people) {
      let run: number[] = []
      const times = person.touched.times
      times.forEach((t, i) => {
        run.push(t)
        const next = times[i + 1]
        if (next === undefined || next - t > this.split) {
          runs.push({
            person,
            times: run,
            from: (run[0] as number) - this.look,
            to: t + this.look + 1,
          })
          run = []
        }
      })
    }
    type Row = [number, number, number, string | null, string | null]
    const events: Row[][] = runs.map(() => [])
    inSlices(runs, (slice, offset) => {
      const rows = this.stmt(
        `SELECT j.key, e.event_ts, e.event_key, e.page_url, e.source
         FROM json_each(?) AS j CROSS JOIN fct_event AS e
         WHERE e.user_id = j.value ->> 0 AND e.event_ts >= j.value ->> 1
           AND e.event_ts < j.value ->> 2
         ORDER BY j.key, e.event_ts, e.event_key`,
      )
        .raw(true)
        .all(JSON.stringify(slice.map((r) => [r.person.userId, r.from, r.to]))) as Row[]
      for (const row of rows) events[offset + row[0]]?.push(row)
    })
    const windows: SessionWindow[] = []
    const walk = new Set<Person>()
    runs.forEach((run, index) => {
      const rows = events[index] as Row[]
      const first = run.times[0] as number
      const last = run.times[run.times.length - 1] as number
      // Start: the latest event before the first touched time with a gap before it (the first
      // event read has one when it comes more than the gap after the start of what was read).
      let startAt = -1
      for (let i = 0; i < rows.length && (rows[i] as Row)[1] < first; i++) {
        const ts = (rows[i] as Row)[1]
        const before = i === 0 ? run.from : (rows[i - 1] as Row)[1]
        if (ts - before > this.gapMs) startAt = i
      }
      let start: number
      if (startAt >= 0) start = (rows[startAt] as Row)[1]
      else if (rows.length === 0 || (rows[0] as Row)[1] >= first) {
        // Nothing read before the touched times: the gap runs from the start of what was read.
        start = run.from
        startAt = 0
      } else {
        walk.add(run.person)
        return
      }
      // End: the first event after a gap whose earlier side comes after every touched time; or
      // the end of what was read, when its last event (or the last touched time) is a gap away.
      let end: number | null = null
      let endAt = rows.length
      for (let i = Math.max(startAt, 1); i < rows.length; i++) {
        const ts = (rows[i] as Row)[1]
        const previous = (rows[i - 1] as Row)[1]
        if (previous > last && ts - previous > this.gapMs) {
          end = ts
          endAt = i
          break
        }
      }
      if (end === null) {
        const lastRead =
          rows.length === 0 ? last : Math.max(last, (rows[rows.length - 1] as Row)[1])
        if (run.to - lastRead > this.gapMs) end = run.to
        else {
          walk.add(run.person)
          return
        }
      }
      const inWindow = rows
        .slice(startAt, endAt)
        .filter((row) => row[1] >= start)
        .map(([, ts, , pageUrl, source]) => ({ ts, pageUrl, source }))
      windows.push({
        person: run.person,
        start,
        end,
        sessions: deriveSessions(inWindow, this.gapMs, this.settings.timeZone),
      })
    })
    if (walk.size === 0) return windows
    return [
      ...windows.filter((w) => !walk.has(w.person)),
      ...[...walk].flatMap((person) => this.windows(person)),
    ]
  }

  /**
   * The event time where the last session chain before `time` begins: the latest event before
   * it that comes more than the gap after the one before it (-1: the person's first event).
   */
  private chainStart(userId: string, time: number) {
    const earlier = this.stmt(
      `SELECT event_ts FROM fct_event WHERE user_id = ? AND event_ts < ?
       ORDER BY event_ts DESC LIMIT ?`,
    ).pluck()
    let later: number | null = null
    let before = time
    for (let size = FIRST_PAGE; ; size = Math.min(size * 4, PAGE)) {
      // Paged by time: events sharing the time a page ends on are 0 ms apart, never a gap.
      const page = earlier.all(userId, before, size) as number[]
      for (const ts of page) {
        if (later !== null && later - ts > this.gapMs) return later
        later = ts
      }
      if (page.length < size || later === null) return -1
      before = later
    }
  }

  /** The person's session windows around the touched times, with their sessions derived anew. */
  private windows(person: Person) {
    const { userId } = person
    const times = person.touched.times
    const first = this.stmt(
      `SELECT event_ts, event_key, page_url, source FROM fct_event
       WHERE user_id = ? AND event_ts >= ? ORDER BY event_ts, event_key LIMIT ?`,
    ).raw(true)
    const more = this.stmt(
      `SELECT event_ts, event_key, page_url, source FROM fct_event
       WHERE user_id = ? AND (event_ts, event_key) > (?, ?) ORDER BY event_ts, event_key
       LIMIT ?`,
    ).raw(true)
    const windows: SessionWindow[] = []
    let i = 0
    while (i < times.length) {
      const start = this.chainStart(userId, times[i] as number)
      const events: { ts: number; pageUrl: string | null; source: string | null }[] = []
      let previous: number | null = null
      let end = NEVER
      let size = FIRST_PAGE
      let page = first.all(userId, start, size) as [number, number, string | null, string | null][]
      walk: for (;;) {
        for (const [ts, , pageUrl, source] of page) {
          if (previous !== null && ts - previous > this.gapMs) {
            // A gap the write did not touch at either end: the same before and after it.
            while (i < times.length && (times[i] as number) < previous) i++
            const next = times[i]
            if (next === undefined || (next > ts && next - ts > this.split)) {
              end = ts
              break walk
            }
          }
          events.push({ ts, pageUrl, source })
          previous = ts
        }
        const last = page[page.length - 1]
        if (page.length < size || last === undefined) break
        size = Math.min(size * 4, PAGE)
        page = more.all(userId, last[0], last[1], size) as typeof page
      }
      if (end === NEVER) i = times.length
      windows.push({
        person,
        start,
        end,
        sessions: deriveSessions(events, this.gapMs, this.settings.timeZone),
      })
    }
    return windows
  }

  /** Replaces each window's old sessions where they differ; their days are to be recomputed. */
  private replaceSessions(windows: readonly SessionWindow[]) {
    const old = windows.map(() => new Map<number, SessionRow>())
    inSlices(windows, (slice, offset) => {
      const rows = this.stmt(
        `SELECT j.key AS w, s.session_key, s.date_key, s.session_start, s.session_end,
           s.session_duration_seconds, s.actions_count, s.screens_visited, s.session_type
         FROM json_each(?) AS j CROSS JOIN fact_user_sessions AS s
         WHERE s.user_key = j.value ->> 0 AND s.session_start >= j.value ->> 1
           AND s.session_start < j.value ->> 2`,
      ).all(JSON.stringify(slice.map((w) => [w.person.userKey, w.start, w.end]))) as (SessionRow & {
        w: number
      })[]
      for (const row of rows) old[offset + row.w]?.set(row.session_start, row)
    })
    const update = this.stmt(
      `UPDATE fact_user_sessions SET date_key = ?, session_end = ?, session_duration_seconds = ?,
         actions_count = ?, screens_visited = ?, session_type = ? WHERE session_key = ?`,
    )
    const insert = this.stmt(
      `INSERT INTO fact_user_sessions (date_key, session_end, session_duration_seconds,
         actions_count, screens_visited, session_type, user_key, session_id, session_start)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const remove = this.stmt(`DELETE FROM fact_user_sessions WHERE session_key = ?`)
    windows.forEach((w, index) => {
      const before = old[index] as Map<number, SessionRow>
      const { days, userKey } = w.person
      for (const s of w.sessions) {
        const was = before.get(s.start)
        before.delete(s.start)
        if (was && sameSession(was, s)) continue
        this.ensureDay(s.dateKey)
        days.add(s.dateKey)
        const values = [
          s.dateKey,
          s.end,
          sessionDurationSeconds(s),
          s.actions,
          s.screens,
          s.type,
        ] as const
        if (was) {
          days.add(was.date_key)
          update.run(...values, was.session_key)
        } else insert.run(...values, userKey, `${userKey}-${s.start}`, s.start)
      }
      for (const gone of before.values()) {
        days.add(gone.date_key)
        remove.run(gone.session_key)
      }
    })
  }

  /** Recomputes the wanted person-days from their events and sessions; writes what differs. */
  private dayRows(wants: readonly Want[]) {
    const allCount = this.coreNames.length === 0 ? 1 : 0
    const core = JSON.stringify(this.coreNames)
    inSlices(wants, (slice) => {
      const list = JSON.stringify(
        slice.map((w) => [w.person.userKey, w.person.userId, w.day, w.from, w.to]),
      )
      const events = this.stmt(
        `SELECT count(e.event_key) AS actions, count(DISTINCT e.event_name) AS types,
           coalesce(max(e.event_key IS NOT NULL
             AND (? OR e.event_name IN (SELECT value FROM json_each(?)))), 0) AS active
         FROM json_each(?) AS j LEFT JOIN fct_event AS e
           ON e.user_id = j.value ->> 1 AND e.event_ts >= j.value ->> 3
           AND e.event_ts < j.value ->> 4 AND e.date_key = j.value ->> 2
         GROUP BY j.key ORDER BY j.key`,
      )
        .raw(true)
        .all(allCount, core, list) as [number, number, number][]
      const sessions = this.stmt(
        `SELECT count(s.session_key), coalesce(sum(s.session_duration_seconds), 0)
         FROM json_each(?) AS j LEFT JOIN fact_user_sessions AS s
           ON s.user_key = j.value ->> 0 AND s.session_start >= j.value ->> 3
           AND s.session_start < j.value ->> 4 AND s.date_key = j.value ->> 2
         GROUP BY j.key ORDER BY j.key`,
      )
        .raw(true)
        .all(list) as [number, number][]
      const old = new Map<number, DayRow>()
      for (const row of this.stmt(
        `SELECT j.key AS i, d.date_key, d.sessions_count, d.total_session_duration,
           d.total_actions, d.unique_action_types, d.is_active_day, d.engagement_tier
         FROM json_each(?) AS j CROSS JOIN fact_daily_user_activity AS d
         WHERE d.user_key = j.value ->> 0 AND d.date_key = j.value ->> 2`,
      ).all(list) as (DayRow & { i: number })[]) {
        old.set(row.i, row)
      }
      slice.forEach((w, i) => {
        const [actions, types, active] = events[i] ?? [0, 0, 0]
        const [sessionsCount, seconds] = sessions[i] ?? [0, 0]
        const after =
          actions === 0
            ? undefined
            : {
                sessions_count: sessionsCount,
                total_session_duration: seconds,
                total_actions: actions,
                unique_action_types: types,
                is_active_day: active,
              }
        this.writeDay(w.person.userKey, w.day, old.get(i), after)
      })
    })
  }

  private writeDay(
    userKey: number,
    day: number,
    before: DayRow | undefined,
    after: Omit<DayRow, 'date_key' | 'engagement_tier'> | undefined,
  ) {
    if (!before && !after) return
    if (
      before &&
      after &&
      before.sessions_count === after.sessions_count &&
      before.total_session_duration === after.total_session_duration &&
      before.total_actions === after.total_actions &&
      before.unique_action_types === after.unique_action_types &&
      before.is_active_day === after.is_active_day
    ) {
      return
    }
    this.addDelta(day, before, -1)
    this.addDelta(day, after, 1)
    const wasActive = before?.is_active_day ?? 0
    const isActive = after?.is_active_day ?? 0
    if (wasActive !== isActive) {
      let days = this.activeChanged.get(userKey)
      if (!days) this.activeChanged.set(userKey, (days = new Map()))
      days.set(dayNumberOf(day), isActive === 1)
    }
    const month = `${userKey}:${monthOf(day)}`
    const m = this.monthDeltas.get(month) ?? [0, 0]
    m[0] += isActive - wasActive
    m[1] += isActive * (after?.total_actions ?? 0) - wasActive * (before?.total_actions ?? 0)
    this.monthDeltas.set(month, m)
    this.personMonths.add(month)
    if (!before) {
      const inserted = this.newDayRows.get(month)
      if (inserted) inserted.push(day)
      else this.newDayRows.set(month, [day])
    }
    if (!after) {
      this.stmt(`DELETE FROM fact_daily_user_activity WHERE user_key = ? AND date_key = ?`).run(
        userKey,
        day,
      )
      return
    }
    this.ensureDay(day)
    this.stmt(
      `INSERT INTO fact_daily_user_activity (user_key, date_key, sessions_count,
         total_session_duration, total_actions, unique_action_types, is_active_day)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_key, date_key) DO UPDATE SET sessions_count = excluded.sessions_count,
         total_session_duration = excluded.total_session_duration,
         total_actions = excluded.total_actions,
         unique_action_types = excluded.unique_action_types,
         is_active_day = excluded.is_active_day`,
    ).run(
      userKey,
      day,
      after.sessions_count,
      after.total_session_duration,
      after.total_actions,
      after.unique_action_types,
      after.is_active_day,
    )
  }

  private addDelta(
    day: number,
    row:
      | Pick<
          DayRow,
          'sessions_count' | 'total_session_duration' | 'total_actions' | 'is_active_day'
        >
      | undefined,
    sign: 1 | -1,
  ) {
    if (!row) return
    let d = this.deltas.get(day)
    if (!d) {
      d = { events: 0, activeUsers: 0, sessions: 0, seconds: 0, sessionUsers: 0 }
      this.deltas.set(day, d)
    }
    d.events += sign * row.total_actions
    d.activeUsers += sign * row.is_active_day
    d.sessions += sign * row.sessions_count
    d.seconds += sign * row.total_session_duration
    d.sessionUsers += sign * (row.sessions_count > 0 ? 1 : 0)
  }

  /** rollup_user_days of the people whose active days changed: their bitmaps, days set or cleared. */
  private userDays() {
    const people = [...this.activeChanged.keys()]
    const stored = new Map<number, Set<number>>()
    inSlices(people, (slice) => {
      const rows = this.stmt(
        `SELECT d.user_key, d.first_day, d.days FROM json_each(?) AS j
           CROSS JOIN rollup_user_days AS d WHERE d.user_key = j.value`,
      )
        .raw(true)
        .all(JSON.stringify(slice)) as [number, number, Uint8Array][]
      for (const [userKey, firstDay, bits] of rows) {
        stored.set(userKey, new Set(decodeDays({ firstDay, bits })))
      }
    })
    const remove = this.stmt(`DELETE FROM rollup_user_days WHERE user_key = ?`)
    const write = this.stmt(
      `INSERT OR REPLACE INTO rollup_user_days (user_key, first_day, last_day, active_days, days)
       VALUES (?, ?, ?, ?, ?)`,
    )
    for (const [userKey, changes] of this.activeChanged) {
      const days = stored.get(userKey) ?? new Set<number>()
      for (const [day, active] of changes) {
        if (active) days.add(day)
        else days.delete(day)
      }
      const bits = encodeDays(days)
      if (bits) write.run(userKey, bits.firstDay, bits.lastDay, bits.activeDays, bits.bits)
      else remove.run(userKey)
    }
  }

  /** Person-months of changed days, then the ranking of every month whose Core people changed. */
  private months() {
    const list = [...this.personMonths].map((key) => {
      const [userKey, month] = key.split(':').map(Number) as [number, number]
      return [userKey, month, month * 100 + 1, month * 100 + 31] as const
    })
    const upsert = this.stmt(
      `INSERT INTO rollup_user_months (user_key, month, active_days, actions_on_active_days, tier)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_key, month) DO UPDATE SET
         active_days = excluded.active_days,
         actions_on_active_days = excluded.actions_on_active_days, tier = excluded.tier`,
    )
    const remove = this.stmt(`DELETE FROM rollup_user_months WHERE user_key = ? AND month = ?`)
    // Same tier: the (month, tier) index entry stays as it is.
    const counts = this.stmt(
      `UPDATE rollup_user_months SET active_days = ?, actions_on_active_days = ?
       WHERE user_key = ? AND month = ?`,
    )
    /** The touched person-months' tiers before and after (null: no row). */
    const tiers = new Map<string, [Tier | null, Tier | null]>()
    inSlices(list, (slice) => {
      const json = JSON.stringify(slice)
      const stored = new Map<number, [number, number, Tier]>()
      for (const [i, ...row] of this.stmt(
        `SELECT j.key, m.active_days, m.actions_on_active_days, m.tier
         FROM json_each(?) AS j CROSS JOIN rollup_user_months AS m
         WHERE m.user_key = j.value ->> 0 AND m.month = j.value ->> 1`,
      )
        .raw(true)
        .all(json) as [number, number, number, Tier][]) {
        stored.set(i, row)
      }
      slice.forEach(([userKey, month], i) => {
        const before = stored.get(i)
        // Day rows changed by differences from what they were: the month changes by their sum.
        const [dActive, dActions] = this.monthDeltas.get(`${userKey}:${month}`) ?? [0, 0]
        const activeDays = (before?.[0] ?? 0) + dActive
        const actions = (before?.[1] ?? 0) + dActions
        const base = tierByActiveDays(activeDays, this.settings)
        if (base === 'Core' || before?.[2] === 'Core' || before?.[2] === 'Power') {
          this.rankMonths.add(month)
        }
        const key = `${userKey}:${month}`
        if (base === null) {
          tiers.set(key, [before?.[2] ?? null, null])
          if (before) remove.run(userKey, month)
          return
        }
        // A Core month keeps Power until its month is ranked again below.
        const tier = base === 'Core' && before?.[2] === 'Power' ? 'Power' : base
        tiers.set(key, [before?.[2] ?? null, tier])
        if (before?.[0] === activeDays && before[1] === actions && before[2] === tier) return
        if (before?.[2] === tier) counts.run(activeDays, actions, userKey, month)
        else upsert.run(userKey, month, activeDays, actions, tier)
      })
    })
    const core = this.stmt(
      `SELECT user_key AS userKey, month, active_days AS activeDays,
         actions_on_active_days AS actionsOnActiveDays, tier
       FROM rollup_user_months WHERE month = ? AND tier IN ('Core', 'Power')`,
    )
    const setTier = this.stmt(
      `UPDATE rollup_user_months SET tier = ? WHERE user_key = ? AND month = ?`,
    )
    for (const month of this.rankMonths) {
      const rows = core.all(month) as (PersonMonth & { tier: Tier })[]
      const power = powerOf(rows, this.settings.powerQuantile)
      rows.forEach((row, i) => {
        const tier = power[i] ? 'Power' : 'Core'
        if (row.tier === tier) return
        setTier.run(tier, row.userKey, month)
        const key = `${row.userKey}:${month}`
        const touched = tiers.get(key)
        if (touched) touched[1] = tier
        else this.tierRows.add(key)
      })
    }
    // Touched person-months: every day row when the tier changed, else only the rows inserted.
    const setDayTier = this.stmt(
      `UPDATE fact_daily_user_activity SET engagement_tier = ? WHERE user_key = ? AND date_key = ?`,
    )
    for (const [key, [before, after]] of tiers) {
      if (before !== after) {
        this.tierRows.add(key)
        continue
      }
      const inserted = this.newDayRows.get(key)
      if (!inserted || after === null) continue
      const userKey = Number(key.slice(0, key.indexOf(':')))
      for (const day of inserted) setDayTier.run(after, userKey, day)
    }
    const tierRows = [...this.tierRows].map((key) => {
      const [userKey, month] = key.split(':').map(Number) as [number, number]
      return [userKey, month, month * 100 + 1, month * 100 + 31]
    })
    inSlices(tierRows, (slice) => {
      this.stmt(
        `UPDATE fact_daily_user_activity AS d SET engagement_tier = t.tier
         FROM (SELECT j.value ->> 0 AS user_key, j.value ->> 2 AS lo, j.value ->> 3 AS hi,
                 m.tier AS tier
               FROM json_each(?) AS j LEFT JOIN rollup_user_months AS m
                 ON m.user_key = j.value ->> 0 AND m.month = j.value ->> 1) AS t
         WHERE d.user_key = t.user_key AND d.date_key BETWEEN t.lo AND t.hi
           AND d.engagement_tier IS NOT t.tier`,
      ).run(JSON.stringify(slice))
    })
  }

  /** rollup_days: the differences of the day rows, or summed again for days of people gone. */
  private dayTotals() {
    const read = this.stmt(
      `SELECT events, active_users, sessions, session_seconds, session_users
       FROM rollup_days WHERE date_key = ?`,
    ).raw(true)
    const write = this.stmt(
      `INSERT INTO rollup_days (date_key, events, active_users, sessions, session_seconds,
         session_users) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (date_key) DO UPDATE SET events = excluded.events,
         active_users = excluded.active_users, sessions = excluded.sessions,
         session_seconds = excluded.session_seconds, session_users = excluded.session_users`,
    )
    const remove = this.stmt(`DELETE FROM rollup_days WHERE date_key = ?`)
    for (const [day, d] of this.deltas) {
      if (this.resumDays.has(day)) continue
      const [events, active, sessions, seconds, users] = (read.get(day) as
        [number, number, number, number, number] | undefined) ?? [0, 0, 0, 0, 0]
      const total = events + d.events
      if (total <= 0) remove.run(day)
      else {
        write.run(
          day,
          total,
          active + d.activeUsers,
          sessions + d.sessions,
          seconds + d.seconds,
          users + d.sessionUsers,
        )
      }
    }
    if (this.resumDays.size === 0) return
    const sum = this.stmt(
      `INSERT INTO rollup_days SELECT date_key, sum(total_actions), sum(is_active_day),
         sum(sessions_count), sum(total_session_duration), sum(sessions_count > 0)
       FROM fact_daily_user_activity WHERE date_key = ? GROUP BY date_key`,
    )
    for (const day of this.resumDays) {
      remove.run(day)
      sum.run(day)
    }
  }

  /** dim_date back to exactly the days from the first to the last day row or session. */
  private trimDimDate() {
    const edge = (sql: string) => this.stmt(sql).pluck().get() as number | null
    const lows = [
      edge(`SELECT min(date_key) FROM fact_daily_user_activity`),
      edge(`SELECT min(date_key) FROM fact_user_sessions`),
    ].filter((k): k is number => k !== null)
    const highs = [
      edge(`SELECT max(date_key) FROM fact_daily_user_activity`),
      edge(`SELECT max(date_key) FROM fact_user_sessions`),
    ].filter((k): k is number => k !== null)
    if (lows.length === 0) {
      this.stmt(`DELETE FROM dim_date`).run()
      this.dimDate = null
      return
    }
    const lo = Math.min(...lows)
    const hi = Math.max(...highs)
    this.ensureDay(lo)
    this.ensureDay(hi)
    this.stmt(`DELETE FROM dim_date WHERE date_key < ? OR date_key > ?`).run(lo, hi)
    this.dimDate = { lo, hi }
  }
}
