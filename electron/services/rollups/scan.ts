import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf } from '../../../shared/time'
import { MAX_SESSION_MS } from './sessions'

// The full rebuild's reading side: every event, one pass over fct_event in table order (a scan
// in person order through event_user_time would look each row up in the table at random, which
// measured four times slower), kept per person as columns of small numbers (names, pages and
// sources interned), then each person's events put in time order and summed up in one loop.

/** One person's events, as read (table order), in parallel columns. */
class PersonEvents {
  ts: number[] = []
  key: number[] = []
  name: number[] = []
  page: number[] = []
  source: number[] = []
  day: number[] = []
}

export interface SessionOut {
  dateKey: number
  start: number
  end: number
  actions: number
  screens: number
  source: string | null
}

export interface DayOut {
  dateKey: number
  sessions: number
  seconds: number
  actions: number
  types: number
  active: boolean
}

export interface ScanSink {
  /** One person's sessions and days (ascending), people in the text order of users.id. */
  person(userKey: number, sessions: readonly SessionOut[], days: readonly DayOut[]): void
}

/** Interns strings as small numbers (null as -1). */
class Interned {
  readonly values: string[] = []
  private readonly ids = new Map<string, number>()
  id(value: string | null) {
    if (value === null) return -1
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }
}

/** Events a pass keeps in memory at most; a larger table is read in several passes by person. */
const EVENTS_PER_PASS = 4_000_000

export function scanEvents(
  sqlite: BetterSqlite3.Database,
  options: {
    gapMs: number
    timeZone: string
    /** Whether an action name makes a day active. */
    countsAsActive(name: string): boolean
    onProgress?(fraction: number): void
  },
  sink: ScanSink,
) {
  // In the text order of users.id: sessions are written person by person, and their session_id
  // (`${users.id}-${start}`) is a unique index of that text.
  const people = sqlite
    .prepare(`SELECT user_id, id FROM users ORDER BY CAST(id AS TEXT)`)
    .raw(true)
    .all() as [string, number][]
  const estimate = sqlite
    .prepare(`SELECT coalesce(max(event_key) - min(event_key) + 1, 0) FROM fct_event`)
    .pluck()
    .get() as number
  const passes = Math.max(1, Math.ceil(estimate / EVENTS_PER_PASS))
  const names = new Interned()
  const pages = new Interned()
  const sources = new Interned()
  const scan = sqlite
    .prepare(
      `SELECT user_id, event_ts, event_key, event_name, page_url, source, date_key FROM fct_event`,
    )
    .raw(true)
  const perPass = Math.ceil(people.length / passes)
  for (let pass = 0; pass < passes; pass++) {
    const mine = people.slice(pass * perPass, (pass + 1) * perPass)
    const events = new Map<string, PersonEvents>()
    for (const [userId] of mine) events.set(userId, new PersonEvents())
    let read = 0
    for (const row of scan.iterate() as Iterable<
      [string, number, number, string, string | null, string | null, number]
    >) {
      const e = events.get(row[0])
      if ((++read & 0xffff) === 0) options.onProgress?.((pass + read / estimate) / passes)
      if (e === undefined) continue
      e.ts.push(row[1])
      e.key.push(row[2])
      e.name.push(names.id(row[3]))
      e.page.push(pages.id(row[4]))
      e.source.push(sources.id(row[5]))
      e.day.push(row[6])
    }
    const active = names.values.map((name) => options.countsAsActive(name))
    const summarise = new Summariser(options.gapMs, options.timeZone, active, pages, sources)
    for (const [userId, userKey] of mine) {
      const e = events.get(userId)
      events.delete(userId)
      if (!e || e.ts.length === 0) continue
      const { sessions, days } = summarise.person(e, names.values.length)
      sink.person(userKey, sessions, days)
    }
  }
}

/** Sums one person's events up; scratch arrays are shared across people. */
class Summariser {
  private pageMark = new Int32Array(0)
  private nameMark = new Int32Array(0)
  private serial = 0

  constructor(
    private readonly gapMs: number,
    private readonly timeZone: string,
    private readonly active: readonly boolean[],
    private readonly pages: Interned,
    private readonly sources: Interned,
  ) {}

  private order(e: PersonEvents) {
    const n = e.ts.length
    const order = new Array<number>(n)
    let sorted = true
    for (let i = 0; i < n; i++) {
      order[i] = i
      if (
        i > 0 &&
        ((e.ts[i] as number) < (e.ts[i - 1] as number) ||
          (e.ts[i] === e.ts[i - 1] && (e.key[i] as number) < (e.key[i - 1] as number)))
      ) {
        sorted = false
      }
    }
    if (!sorted) {
      order.sort(
        (a, b) =>
          (e.ts[a] as number) - (e.ts[b] as number) || (e.key[a] as number) - (e.key[b] as number),
      )
    }
    return order
  }

  person(e: PersonEvents, nameCount: number) {
    if (this.pageMark.length < this.pages.values.length) {
      this.pageMark = new Int32Array(this.pages.values.length * 2 + 16)
    }
    if (this.nameMark.length < nameCount) this.nameMark = new Int32Array(nameCount * 2 + 16)
    const order = this.order(e)
    const sessions: SessionOut[] = []
    let current: SessionOut | null = null
    let screens = 0
    for (const i of order) {
      const ts = e.ts[i] as number
      if (
        current === null ||
        ts - current.end > this.gapMs ||
        ts - current.start > MAX_SESSION_MS
      ) {
        if (current !== null) {
          current.screens = screens
          sessions.push(current)
        }
        const source = e.source[i] as number
        current = {
          dateKey: dateKeyOf(ts, this.timeZone),
          start: ts,
          end: ts,
          actions: 0,
          screens: 0,
          source: source < 0 ? null : (this.sources.values[source] ?? null),
        }
        screens = 0
        this.serial += 1
      }
      current.end = ts
      current.actions += 1
      const page = e.page[i] as number
      if (page >= 0 && this.pageMark[page] !== this.serial) {
        this.pageMark[page] = this.serial
        screens += 1
      }
    }
    if (current !== null) {
      current.screens = screens
      sessions.push(current)
    }
    return { sessions, days: this.days(e, order, sessions) }
  }

  /** Day rows: events by stored day (in time order a day's events are together, nearly always). */
  private days(e: PersonEvents, order: readonly number[], sessions: readonly SessionOut[]) {
    const byDay = new Map<number, DayOut>()
    const days: DayOut[] = []
    let day: DayOut | null = null
    let monotonic = true
    for (const i of order) {
      const key = e.day[i] as number
      if (day === null || day.dateKey !== key) {
        const seen = byDay.get(key)
        if (seen) {
          // The stored days are not in time order (written in another zone): sum by set.
          monotonic = false
          break
        }
        day = { dateKey: key, sessions: 0, seconds: 0, actions: 0, types: 0, active: false }
        byDay.set(key, day)
        days.push(day)
        this.serial += 1
      }
      day.actions += 1
      const name = e.name[i] as number
      if (this.nameMark[name] !== this.serial) {
        this.nameMark[name] = this.serial
        day.types += 1
      }
      if (!day.active && this.active[name]) day.active = true
    }
    if (!monotonic) return this.daysBySet(e, order, sessions)
    for (const s of sessions) {
      const d = byDay.get(s.dateKey)
      if (!d) continue
      d.sessions += 1
      d.seconds += Math.round((s.end - s.start) / 1000)
    }
    if (
      days.length > 1 &&
      days.some((d, i) => i > 0 && d.dateKey < (days[i - 1] as DayOut).dateKey)
    ) {
      days.sort((a, b) => a.dateKey - b.dateKey)
    }
    return days
  }

  private daysBySet(e: PersonEvents, order: readonly number[], sessions: readonly SessionOut[]) {
    const byDay = new Map<number, DayOut & { names: Set<number> }>()
    for (const i of order) {
      const key = e.day[i] as number
      let d = byDay.get(key)
      if (!d) {
        d = {
          dateKey: key,
          sessions: 0,
          seconds: 0,
          actions: 0,
          types: 0,
          active: false,
          names: new Set(),
        }
        byDay.set(key, d)
      }
      d.actions += 1
      const name = e.name[i] as number
      d.names.add(name)
      if (this.active[name]) d.active = true
    }
    for (const s of sessions) {
      const d = byDay.get(s.dateKey)
      if (!d) continue
      d.sessions += 1
      d.seconds += Math.round((s.end - s.start) / 1000)
    }
    return [...byDay.values()]
      .sort((a, b) => a.dateKey - b.dateKey)
      .map(({ names, ...d }) => ({ ...d, types: names.size }))
  }
}
