// A process for tests/integration/crash-safety.test.ts to kill with SIGKILL at a chosen moment.
// It does what the app does (an event import as `cli import` runs it, or the background full
// rebuild of the rollups in its worker thread) and says on stdout, one line at a time, how far
// it has got, so the test can pick its moment:
//
//   node --import tsx tests/helpers/crash-child.ts import DB CSV [--hold-commit]
//     progress <rows> <bytesRead> <totalBytes>    while the rows go in
//     index <name>                                before each index of fct_event is built again
//     commit                                      before the import's COMMIT; with --hold-commit
//                                                 it then waits (for the kill) instead of going on
//     done <inserted>                             once it committed
//   node --import tsx tests/helpers/crash-child.ts rebuild DB
//     rebuild <fraction> <message>                the worker's progress
//     done
//
// Writes to a pipe are synchronous on Linux, so a line is out before the work it announces.
import { openDatabase } from '../../electron/services/db/open'
import { runImport } from '../../electron/services/imports/run'
import { startRollupRebuild } from '../../electron/services/rollups/background'
import { readSettingsSync } from '../../electron/services/settings/store'

const HOLD_MS = 120_000

function say(line: string) {
  process.stdout.write(`${line}\n`)
}

/** Announces the import's long statements (index builds, COMMIT) before they run. */
function announceStatements(
  sqlite: Awaited<ReturnType<typeof openDatabase>>['sqlite'],
  holdCommit: boolean,
) {
  const exec = sqlite.exec.bind(sqlite)
  sqlite.exec = (sql: string) => {
    const index = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+"?([\w]+)/i.exec(sql)
    if (index) say(`index ${index[1]}`)
    else if (/^\s*COMMIT\b/i.test(sql)) {
      say('commit')
      // Everything is written into the open transaction: stop here until the test kills us.
      if (holdCommit) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLD_MS)
    }
    return exec(sql)
  }
}

async function importEvents(database: string, csv: string, holdCommit: boolean) {
  const handle = await openDatabase(database)
  try {
    announceStatements(handle.sqlite, holdCommit)
    const settings = readSettingsSync(handle.sqlite)
    const summary = await runImport(handle.sqlite, {
      file: csv,
      preset: 'events',
      timeZone: settings.timeZone,
      upkeep: settings,
      onProgress: (p) => say(`progress ${p.rows} ${p.bytesRead} ${p.totalBytes}`),
    })
    say(`done ${summary.inserted}`)
  } finally {
    await handle.close()
  }
}

async function rebuild(database: string) {
  await startRollupRebuild(database, (fraction, message) =>
    say(`rebuild ${fraction.toFixed(3)} ${message}`),
  )
  say('done')
}

const [mode, database, csv, flag] = process.argv.slice(2)
if (mode === 'import' && database && csv)
  await importEvents(database, csv, flag === '--hold-commit')
else if (mode === 'rebuild' && database) await rebuild(database)
else throw new Error('usage: crash-child.ts import DB CSV [--hold-commit] | rebuild DB')
