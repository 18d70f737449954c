// One Logbook import of an event log, in a process of its own so that its peak memory is its
// own: bench/import-events.ts runs `node --import tsx bench/import-events-child.ts CSV DB` and
// reads the one JSON line this prints.
//
// With BENCH_EVENT_PHASES=1 it also says where the time went (ChildResult.phases, wall
// milliseconds): the statements the import ran that took long (each index built again, the
// commit with its checkpoint), the rows before them (read, parse, write) — and, outside the
// import's time, a pass that only reads the CSV, one that reads and parses it, and the rollup
// upkeep the app runs after an event import (upkeepAfterImport), on the imported database. All
// three run after the import, so its time and peak memory are its own.
import type BetterSqlite3 from 'better-sqlite3'
import { readCsv } from '../electron/services/csv/read'
import { openDatabase } from '../electron/services/db/open'
import { bindColumns } from '../electron/services/imports/columns'
import { eventsPreset } from '../electron/services/imports/presets/events'
import { runImport } from '../electron/services/imports/run'
import { upkeepAfterImport } from '../electron/services/imports/upkeep'
import { readSettingsSync } from '../electron/services/settings/store'

export interface ChildResult {
  ms: number
  cpuMs: number
  maxRssMb: number
  rows: number
  inserted: number
  duplicates: number
  rejected: number
  events: number
  /** Phase → wall milliseconds, with BENCH_EVENT_PHASES=1. */
  phases?: Record<string, number>
}

const TIME_ZONE = 'Europe/Berlin'
const [file, database] = process.argv.slice(2)
if (!file || !database) throw new Error('usage: import-events-child.ts CSV DATABASE')
const withPhases = process.env.BENCH_EVENT_PHASES === '1'

/** Reads the file without a database: only the CSV, or the CSV and the preset's parse. */
async function readPass(parse: boolean) {
  const started = performance.now()
  let bound: ReturnType<typeof eventsPreset.bind> | undefined
  await readCsv(file ?? '', {
    onHeader: (header) => {
      const columns = bindColumns(eventsPreset.fields, header)
      bound = eventsPreset.bind(columns, header, {
        delimiter: ',',
        timeZone: TIME_ZONE,
        fileName: 'events.csv',
      })
    },
    onRow: (row, line) => {
      if (parse) bound?.parse(row, line)
    },
    onError: () => undefined,
  })
  return performance.now() - started
}

/**
 * Times the statements the import runs through `exec` that take long (index builds, COMMIT); the
 * function returned notes the rows phase (until the first of them) and stops timing.
 */
function timeStatements(sqlite: BetterSqlite3.Database, phases: Record<string, number>) {
  const exec = sqlite.exec.bind(sqlite)
  const started = performance.now()
  let firstLong: number | undefined
  sqlite.exec = (sql: string) => {
    const before = performance.now()
    const result = exec(sql)
    const ms = performance.now() - before
    if (ms > 50) {
      firstLong ??= before
      const name = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(\S+)/i.exec(sql)?.[1]
      const key = name ? `index ${name}` : (sql.trim().split(/\s+/)[0]?.toLowerCase() ?? sql)
      phases[key] = (phases[key] ?? 0) + ms
    }
    return result
  }
  return () => {
    phases['rows (read, parse, write)'] = (firstLong ?? performance.now()) - started
    sqlite.exec = exec
  }
}

const phases: Record<string, number> = {}

const handle = await openDatabase(database)
try {
  const rowsDone = withPhases ? timeStatements(handle.sqlite, phases) : () => undefined
  const cpu = process.cpuUsage()
  const started = performance.now()
  const summary = await runImport(handle.sqlite, {
    file,
    preset: 'events',
    timeZone: TIME_ZONE,
    // Rollups are the metrics engine's to keep; the backup of an empty file costs nothing.
    upkeep: null,
  })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const maxRssMb = process.resourceUsage().maxRSS / 1024
  rowsDone()
  const events = handle.sqlite.prepare('SELECT count(*) FROM fct_event').pluck().get() as number
  if (withPhases) {
    phases['outside: CSV read only'] = await readPass(false)
    phases['outside: CSV read + parse'] = await readPass(true)
    const settings = { ...readSettingsSync(handle.sqlite), timeZone: TIME_ZONE }
    const upkeepStarted = performance.now()
    handle.sqlite.exec('BEGIN IMMEDIATE')
    upkeepAfterImport(handle.sqlite, eventsPreset.targets, settings)
    handle.sqlite.exec('COMMIT')
    phases['outside: rollup upkeep (upkeepAfterImport)'] = performance.now() - upkeepStarted
  }
  const result: ChildResult = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb,
    rows: summary.rows,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    events,
    ...(withPhases ? { phases } : {}),
  }
  console.log(JSON.stringify(result))
} finally {
  await handle.close()
}
