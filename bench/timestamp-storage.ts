// Why fct_event stores epoch milliseconds (docs/schema.md): the same synthetic event log is
// written twice into bare tables — times as INTEGER ms and as ISO-8601 TEXT — each with the
// (user, time) index the metrics need, then read back the way session building does.
import BetterSqlite3 from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROWS = 500_000
const USERS = 5_000
const START = Date.UTC(2025, 0, 1)
const YEAR_MS = 365 * 86_400_000

function* events() {
  let state = 12345
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = 0; i < ROWS; i++)
    yield { user: `u${Math.floor(next() * USERS)}`, ts: START + Math.floor(next() * YEAR_MS) }
}

function measure(kind: 'INTEGER' | 'TEXT', dir: string) {
  const path = join(dir, `${kind}.db`)
  const db = new BetterSqlite3(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(
    `CREATE TABLE e (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, event_ts ${kind} NOT NULL) STRICT`,
  )
  db.exec(`CREATE INDEX e_user_time ON e (user_id, event_ts)`)
  db.exec(`CREATE INDEX e_time ON e (event_ts)`)
  const insert = db.prepare('INSERT INTO e (user_id, event_ts) VALUES (?, ?)')
  const writeStart = performance.now()
  db.transaction(() => {
    for (const { user, ts } of events())
      insert.run(user, kind === 'INTEGER' ? ts : new Date(ts).toISOString())
  })()
  const writeMs = performance.now() - writeStart
  db.pragma('wal_checkpoint(TRUNCATE)')
  const bytes = statSync(path).size

  // Session building: every person's events in time order, gaps computed in JS.
  const readStart = performance.now()
  let sessions = 0
  let previousUser = ''
  let previousTs = 0
  for (const row of db
    .prepare('SELECT user_id, event_ts FROM e ORDER BY user_id, event_ts')
    .iterate() as Iterable<{ user_id: string; event_ts: number | string }>) {
    const ts = typeof row.event_ts === 'number' ? row.event_ts : Date.parse(row.event_ts)
    if (row.user_id !== previousUser || ts - previousTs > 30 * 60_000) sessions++
    previousUser = row.user_id
    previousTs = ts
  }
  const readMs = performance.now() - readStart
  db.close()
  return { writeMs, bytes, readMs, sessions }
}

export function runTimestampStorageBench() {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'))
  try {
    // Alternate, so warm-up and disk cache favour neither.
    const text1 = measure('TEXT', dir)
    const int1 = measure('INTEGER', dir)
    rmSync(join(dir, 'TEXT.db'))
    rmSync(join(dir, 'INTEGER.db'))
    const int2 = measure('INTEGER', dir)
    const text2 = measure('TEXT', dir)
    const best = (a: number, b: number) => Math.min(a, b)
    const text = {
      writeMs: best(text1.writeMs, text2.writeMs),
      readMs: best(text1.readMs, text2.readMs),
      bytes: text1.bytes,
    }
    const int = {
      writeMs: best(int1.writeMs, int2.writeMs),
      readMs: best(int1.readMs, int2.readMs),
      bytes: int1.bytes,
    }
    if (int1.sessions !== text1.sessions) throw new Error('the two layouts disagree on sessions')
    console.log(`timestamp storage, ${ROWS.toLocaleString('en')} events (baseline: ISO text)`)
    console.log(
      `  write + index:  text ${text.writeMs.toFixed(0)} ms, integer ${int.writeMs.toFixed(0)} ms  → ${(int.writeMs / text.writeMs).toFixed(2)}× the time`,
    )
    console.log(
      `  file size:      text ${(text.bytes / 2 ** 20).toFixed(1)} MiB, integer ${(int.bytes / 2 ** 20).toFixed(1)} MiB → ${(int.bytes / text.bytes).toFixed(2)}× the size`,
    )
    console.log(
      `  session scan:   text ${text.readMs.toFixed(0)} ms, integer ${int.readMs.toFixed(0)} ms  → ${(int.readMs / text.readMs).toFixed(2)}× the time`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
