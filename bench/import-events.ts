// How fast the `events` preset imports a long event log, against SQLite's own CSV loader on the
// same file in the same run: `sqlite3 .import --csv` into a bare table (no types, no checks, no
// indexes: the floor for getting these bytes into SQLite). Each Logbook import runs in a child
// process, into a fresh migrated database, so its peak memory (max RSS) is its own.
//
// BENCH_EVENT_ROWS (default 1,000,000) makes a smaller log while developing; BENCH_EVENT_ROUNDS
// (default 2) how many times each side runs, alternating; BENCH_EVENT_TIME=epoch-ms writes
// event_ts as epoch milliseconds instead of ISO-8601; BENCH_EVENT_PHASES=1 prints where the
// import's time went (bench/import-events-child.ts); BENCH_EVENT_SCHEMA=0 leaves out the second
// baseline (sqliteImportIntoSchema).
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../electron/services/db/open'
import type { ChildResult } from './import-events-child'
import { EVENT_LOG_HEADER, writeEventLog } from './generate-events'

const GOAL_RATIO = 1.5
const GOAL_PEAK_MB = 300
/** GNU time, for the CPU the sqlite3 process used. */
const TIME = '/usr/bin/time'

function sqliteCli(): string {
  const probe = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' })
  if (probe.status === 0) return probe.stdout.trim()
  console.log('  sqlite3 is missing: apt-get install -y sqlite3')
  const install = spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' })
  if (install.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' })
    spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' })
  }
  const again = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' })
  if (again.status !== 0)
    throw new Error('the benchmark needs the sqlite3 command (apt-get install sqlite3)')
  return again.stdout.trim()
}

interface SqliteRun {
  ms: number
  /** CPU (user + system) of the sqlite3 process, when /usr/bin/time is there to say. */
  cpuMs: number | null
}

/** `.import --csv` of the log into a bare table; wall time of the whole sqlite3 process. */
function sqliteImport(csv: string, database: string, rows: number): SqliteRun {
  rmSync(database, { force: true })
  const columns = EVENT_LOG_HEADER.map((name) => `${name} TEXT`).join(', ')
  const args = [
    database,
    `CREATE TABLE events (${columns})`,
    `.import --csv --skip 1 ${csv} events`,
  ]
  const timed = existsSync(TIME)
  const started = performance.now()
  const run = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', 'sqlite3', ...args], { encoding: 'utf8' })
    : spawnSync('sqlite3', args, { encoding: 'utf8' })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`sqlite3 .import failed: ${run.stderr}`)
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr)
  const count = Number(
    execFileSync('sqlite3', [database, 'SELECT count(*) FROM events']).toString(),
  )
  if (count !== rows) throw new Error(`sqlite3 .import loaded ${count} rows, not ${rows}`)
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null }
}

/** The reporting zone the child imports with (bench/import-events-child.ts). */
const TIME_ZONE = 'Europe/Berlin'

/**
 * The second baseline: sqlite3 doing the same job in SQL, into a copy of a freshly migrated
 * Logbook database (fct_event with every index, check and foreign key it has, foreign keys on):
 * `.import` into a temporary table, then the new people and actions, then the events — times
 * read, day keys in the reporting zone, blanks as NULL — in one transaction. Two ways:
 * - `live`: into fct_event with its indexes in place, repeated ids skipped (ON CONFLICT);
 * - `after`: the way Logbook writes a long log: the indexes the rows enter dropped first and
 *   created again after the INSERT, in the same transaction (the generated log repeats no id,
 *   so the unique index builds).
 * `.import` into a bare table stays the goal's baseline; these say what the schema itself costs
 * SQLite.
 */
function sqliteImportIntoSchema(
  csv: string,
  template: string,
  database: string,
  rows: number,
  indexes: 'live' | 'after',
) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true })
  copyFileSync(template, database)
  const columns = EVENT_LOG_HEADER.map((name) => `${name} TEXT`).join(', ')
  const now = Date.now()
  const blank = (column: string) => `nullif(${column}, '')`
  // Every index of fct_event the rows enter (the partial ones on columns they leave NULL stay).
  const rebuilt =
    indexes === 'after'
      ? execFileSync('sqlite3', [
          template,
          `SELECT name || char(9) || sql FROM sqlite_schema WHERE type = 'index'
             AND tbl_name = 'fct_event' AND sql IS NOT NULL AND sql NOT LIKE '%WHERE%'`,
        ])
          .toString()
          .trim()
          .split('\n')
          .map((line) => line.split('\t') as [string, string])
      : []
  const args = [
    database,
    'PRAGMA foreign_keys = ON',
    'BEGIN IMMEDIATE',
    ...rebuilt.map(([name]) => `DROP INDEX ${name}`),
    `CREATE TEMP TABLE staged (${columns})`,
    `.import --csv --skip 1 ${csv} staged`,
    `INSERT INTO users (user_id, username) SELECT DISTINCT user_id, user_id FROM staged WHERE true
       ON CONFLICT DO NOTHING`,
    `INSERT INTO dim_actions (action_type, action_category, engagement_weight, is_core_action)
       SELECT DISTINCT event_name, 'uncategorised', 1, 1 FROM staged WHERE true ON CONFLICT DO NOTHING`,
    `INSERT INTO fct_event (event_id, user_id, event_name, event_ts, ingested_at, date_key, source,
       app_session_id, duration_seconds, page_url)
       SELECT event_id, user_id, event_name,
         CAST((julianday(event_ts) - 2440587.5) * 86400000 + 0.5 AS INTEGER), ${now},
         CAST(strftime('%Y%m%d', event_ts, 'localtime') AS INTEGER),
         CASE WHEN lower(source) IN ('desktop', 'web', 'mobile', 'api') THEN lower(source) END,
         ${blank('session_id')}, CAST(${blank('duration_seconds')} AS INTEGER), ${blank('page_url')}
       FROM staged WHERE true ORDER BY rowid
       ${indexes === 'live' ? 'ON CONFLICT (event_id) DO NOTHING' : ''}`,
    ...rebuilt.map(([, sql]) => sql),
    'COMMIT',
  ]
  const env = { ...process.env, TZ: TIME_ZONE }
  const timed = existsSync(TIME)
  const started = performance.now()
  const run = timed
    ? spawnSync(TIME, ['-f', 'cpu %U %S', 'sqlite3', ...args], { encoding: 'utf8', env })
    : spawnSync('sqlite3', args, { encoding: 'utf8', env })
  const ms = performance.now() - started
  if (run.status !== 0 || /Error|error:/.test(run.stderr.replace(/cpu [\d. ]+$/, ''))) {
    throw new Error(`sqlite3 into the schema failed: ${run.stderr}`)
  }
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr)
  const count = Number(
    execFileSync('sqlite3', [database, 'SELECT count(*) FROM fct_event']).toString(),
  )
  if (count !== rows) throw new Error(`sqlite3 into the schema loaded ${count} rows, not ${rows}`)
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null }
}

/** A freshly migrated, empty Logbook database to copy for the second baseline. */
async function migratedTemplate(path: string) {
  const handle = await openDatabase(path)
  await handle.close()
}

/** One Logbook import in a child process (node --import tsx), into a fresh database. */
function logbookImport(csv: string, database: string, rows: number): ChildResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true })
  rmSync(join(database, '..', 'backups'), { recursive: true, force: true })
  const child = fileURLToPath(new URL('./import-events-child.ts', import.meta.url))
  const output = execFileSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), child, csv, database],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  )
  const last = output.trim().split('\n').at(-1) ?? ''
  const result = JSON.parse(last) as ChildResult
  if (result.inserted !== rows || result.events !== rows) {
    throw new Error(
      `the import wrote ${result.events} events (${result.inserted} inserted), not ${rows}`,
    )
  }
  return result
}

const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en')
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

export async function runImportEventsBench() {
  const rows = Number(process.env.BENCH_EVENT_ROWS ?? 1_000_000)
  const rounds = Number(process.env.BENCH_EVENT_ROUNDS ?? 2)
  const timeFormat = process.env.BENCH_EVENT_TIME === 'epoch-ms' ? 'epoch-ms' : 'iso'
  const withSchemaBaseline = process.env.BENCH_EVENT_SCHEMA !== '0'
  const version = sqliteCli()
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'))
  try {
    const csv = join(dir, 'events.csv')
    await writeEventLog(csv, { rows, timeFormat })
    const template = join(dir, 'template.db')
    if (withSchemaBaseline) await migratedTemplate(template)
    const sqliteRuns: SqliteRun[] = []
    const schemaRuns: Record<'live' | 'after', SqliteRun[]> = { live: [], after: [] }
    const logbookRuns: ChildResult[] = []
    // Alternate, so warm-up, the disk cache and other load on the machine favour neither.
    for (let round = 0; round < rounds; round++) {
      sqliteRuns.push(sqliteImport(csv, join(dir, 'bare.db'), rows))
      logbookRuns.push(logbookImport(csv, join(dir, 'logbook.db'), rows))
      if (withSchemaBaseline) {
        for (const indexes of ['live', 'after'] as const) {
          schemaRuns[indexes].push(
            sqliteImportIntoSchema(csv, template, join(dir, 'schema.db'), rows, indexes),
          )
        }
      }
    }
    const best = (values: number[]) => Math.min(...values)
    const bestSqlite = best(sqliteRuns.map((r) => r.ms))
    const bestLogbook = best(logbookRuns.map((r) => r.ms))
    const sqliteCpu = sqliteRuns.every((r) => r.cpuMs !== null)
      ? best(sqliteRuns.map((r) => r.cpuMs ?? 0))
      : null
    const logbookCpu = best(logbookRuns.map((r) => r.cpuMs))
    const peak = Math.max(...logbookRuns.map((r) => r.maxRssMb))
    const ratio = bestLogbook / bestSqlite
    const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`
    const cpuOf = (ms: number | null) => (ms === null ? '?' : seconds(ms))
    console.log(
      `import events: ${rows.toLocaleString('en')} rows, 10,000 people, one year, event_ts ${timeFormat} (${machine}; baseline: sqlite3 ${version.split(' ')[0]} .import --csv into a bare table)`,
    )
    console.log(
      `  sqlite3 .import   ${sqliteRuns.map((r) => seconds(r.ms)).join(', ')}  best ${seconds(bestSqlite)}  ${rate(rows, bestSqlite)} rows/s  (CPU ${sqliteRuns.map((r) => cpuOf(r.cpuMs)).join(', ')})`,
    )
    console.log(
      `  logbook import    ${logbookRuns.map((r) => seconds(r.ms)).join(', ')}  best ${seconds(bestLogbook)}  ${rate(rows, bestLogbook)} rows/s  (CPU ${logbookRuns.map((r) => seconds(r.cpuMs)).join(', ')})`,
    )
    const cpuRatio = sqliteCpu === null ? '' : `, ${(logbookCpu / sqliteCpu).toFixed(2)}× its CPU`
    console.log(
      `  → ${ratio.toFixed(2)}× the time of .import${cpuRatio} (goal ≤ ${GOAL_RATIO}×); peak memory ${peak.toFixed(0)} MB (goal < ${GOAL_PEAK_MB} MB)`,
    )
    for (const [indexes, runs] of Object.entries(schemaRuns)) {
      if (runs.length === 0) continue
      const bestSchema = best(runs.map((r) => r.ms))
      const schemaCpu = runs.every((r) => r.cpuMs !== null)
        ? best(runs.map((r) => r.cpuMs ?? 0))
        : null
      const schemaCpuRatio =
        schemaCpu === null ? '' : `, ${(logbookCpu / schemaCpu).toFixed(2)}× its CPU`
      const how = indexes === 'live' ? 'every index live' : 'indexes dropped and built after'
      console.log(
        `  second baseline: sqlite3 .import + INSERT … SELECT into Logbook's fct_event (${how}, foreign keys on)`,
      )
      console.log(
        `  sqlite3 in schema ${runs.map((r) => seconds(r.ms)).join(', ')}  best ${seconds(bestSchema)}  ${rate(rows, bestSchema)} rows/s  (CPU ${runs.map((r) => cpuOf(r.cpuMs)).join(', ')})`,
      )
      console.log(
        `  → Logbook takes ${(bestLogbook / bestSchema).toFixed(2)}× its time${schemaCpuRatio}`,
      )
    }
    const phases = logbookRuns.find((r) => r.ms === bestLogbook)?.phases
    if (phases) {
      console.log('  where the best Logbook run spent its time (BENCH_EVENT_PHASES=1):')
      for (const [phase, ms] of Object.entries(phases)) {
        console.log(`    ${phase.padEnd(44)} ${seconds(ms).padStart(8)}`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
