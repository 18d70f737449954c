import type BetterSqlite3 from 'better-sqlite3'
import { dateKeyOf, dateKeyToIso } from '../../../shared/time'
import { readSettingsSync } from '../settings/store'
import { reportInfos } from './registry'
import { runReport } from './run'

/** Long enough for the window's own first calls to go first. */
export const WARM_UP_AFTER_MS = 1_000
/** A report slower than this means a busy machine or a huge day: the rest are not warmed. */
const ENOUGH_MS = 200
const DAY_MS = 86_400_000

/**
 * The first chart page a person opens pays for compiling the report code (V8 compiles a
 * function on its first call and optimises it once it runs hot) and for reading the rollups'
 * pages into SQLite's cache: on the demo data the Analytics page's ten reports took about
 * 250 ms in the process the first time and 65–80 ms after this warm-up (docs/charts.md). So,
 * shortly after the app starts, every report runs once over yesterday, one report per turn of
 * the event loop: a call from the window waits for one short report at most. The results are
 * dropped; a report that refuses these params (one that needs an exercise, say) is skipped.
 * Returns `stop`, and `finished`: the reports it ran, once it has run them all or stopped.
 */
export function warmUpReports(
  database: () => BetterSqlite3.Database | null,
  { afterMs = WARM_UP_AFTER_MS } = {},
) {
  let stopped = false
  let next: ReturnType<typeof setImmediate> | null = null
  const warmed: string[] = []
  let finish: (names: string[]) => void = () => undefined
  const finished = new Promise<string[]>((resolve) => (finish = resolve))
  const names = reportInfos().map((info) => ({
    name: info.name,
    ranged: info.accepts.includes('range'),
  }))

  const runNext = (index: number) => {
    const sqlite = database()
    const report = names[index]
    if (stopped || sqlite === null || report === undefined) return finish(warmed)
    try {
      const settings = readSettingsSync(sqlite)
      const now = Date.now()
      const day = (ms: number) => dateKeyToIso(dateKeyOf(ms, settings.timeZone))
      const yesterday = day(now - DAY_MS)
      const started = performance.now()
      runReport(
        { sqlite, settings, now },
        report.name,
        report.ranged ? { from: yesterday, to: yesterday } : {},
      )
      warmed.push(report.name)
      if (performance.now() - started > ENOUGH_MS) return finish(warmed)
    } catch {
      // Only a warm-up: the report's own call says what is wrong, if anything.
    }
    next = setImmediate(() => runNext(index + 1))
  }

  const start = setTimeout(() => runNext(0), afterMs)
  start.unref()
  return {
    finished,
    stop() {
      stopped = true
      clearTimeout(start)
      if (next !== null) clearImmediate(next)
      finish(warmed)
    },
  }
}
