// One Logbook import of an event log, in a process of its own so that its peak memory is its
// own: bench/import-events.ts runs `node --import tsx bench/import-events-child.ts CSV DB` and
// reads the one JSON line this prints.
import { openDatabase } from '../electron/services/db/open'
import { runImport } from '../electron/services/imports/run'

export interface ChildResult {
  ms: number
  cpuMs: number
  maxRssMb: number
  rows: number
  inserted: number
  duplicates: number
  rejected: number
  events: number
}

const [file, database] = process.argv.slice(2)
if (!file || !database) throw new Error('usage: import-events-child.ts CSV DATABASE')

const handle = await openDatabase(database)
try {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const summary = await runImport(handle.sqlite, {
    file,
    preset: 'events',
    timeZone: 'Europe/Berlin',
    // Rollups are the metrics engine's to keep; the backup of an empty file costs nothing.
    upkeep: null,
  })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const events = handle.sqlite.prepare('SELECT count(*) FROM fct_event').pluck().get() as number
  const result: ChildResult = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows: summary.rows,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    events,
  }
  console.log(JSON.stringify(result))
} finally {
  await handle.close()
}
