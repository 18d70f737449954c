// Load on the browser mode (`cli serve` on 127.0.0.1, a demo database from `cli seed`), over the
// contract's HTTP calls as the window makes them:
// 1. BENCH_LOAD_CLIENTS (50) clients for BENCH_LOAD_SECONDS (10) s of mixed calls — reads
//    (records.list, reports.run activity, dashboard.summary) and writes (create, update and
//    delete of an equipment record each client owns). Every call must succeed: a busy or
//    locked database is an error like any other.
// 2. Reads while a long event import (BENCH_LOAD_IMPORT_ROWS, 100,000) runs in the import worker
//    (imports.upload then imports.run, as Data → Import does): 10 readers, the same calls with
//    no import first as the baseline, then during the import; worst and p99 read latency, as
//    ratios of the baseline's.
// 3. One write during a second long import (a different log), once its rows are going in: what
//    it meets (the import holds the write lock until it commits) and what readers see meanwhile.
// BENCH_LOAD_PARTS (123) chooses the parts to run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { writeEventLog } from './generate-events'
import { call, seedDemo, serve, watchProgress, type Served } from './load-server'
import { LoadRecorder, printRecorder, printStalls, summarize, summaryLine } from './load-stats'

/** Which of the three parts to run (BENCH_LOAD_PARTS=1 for the mixed calls alone). */
const PARTS = process.env.BENCH_LOAD_PARTS ?? '123'
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50)
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10)
const IMPORT_ROWS = Number(process.env.BENCH_LOAD_IMPORT_ROWS ?? 100_000)
const READERS = 10
const BASELINE_SECONDS = 8
/** One client alone, for the mixed calls' baseline. */
const SINGLE_SECONDS = 3
/** How long after the second import starts writing rows the write is tried. */
const WRITE_AFTER_MS = 1_000
/** Raw bytes per imports.upload call (the contract's UPLOAD_CHUNK_BYTES). */
const UPLOAD_CHUNK = 512 * 1024

type Op = (client: number) => Promise<void>

interface Owned {
  key: number | string | null
  updated: boolean
  n: number
}

function readOps(server: Served, recorder: LoadRecorder): Op[] {
  const timed = async (kind: string, method: string, input: unknown) => {
    const outcome = await call(server, method, input)
    recorder.record(kind, outcome.ms, outcome.ok ? undefined : outcome.error)
  }
  const lists = ['users', 'fitness_exercise_logs', 'class_bookings']
  const list: Op = (client) =>
    timed('records.list', 'records.list', { entity: lists[client % lists.length], limit: 100 })
  const report: Op = () =>
    timed('reports.run activity', 'reports.run', {
      name: 'activity',
      from: '2025-07-01',
      to: '2025-12-31',
    })
  const dashboard: Op = () => timed('dashboard.summary', 'dashboard.summary', {})
  return [list, report, list, dashboard, report, list, dashboard]
}

/** Create, update, delete, over and over, of an equipment record of the client's own. */
function writeOp(server: Served, recorder: LoadRecorder): Op {
  const owned = new Map<number, Owned>()
  const entity = 'fitness_equipment'
  return async (client) => {
    let mine = owned.get(client)
    if (!mine) owned.set(client, (mine = { key: null, updated: false, n: 0 }))
    if (mine.key === null) {
      mine.n += 1
      const outcome = await call(server, 'records.create', {
        entity,
        values: { equipment_name: `load ${client}-${mine.n}`, equipment_type: 'bench' },
      })
      recorder.record('records.create', outcome.ms, outcome.ok ? undefined : outcome.error)
      const row = outcome.result as Record<string, number | string> | undefined
      if (outcome.ok) mine.key = row?.id ?? null
    } else if (!mine.updated) {
      const outcome = await call(server, 'records.update', {
        entity,
        key: mine.key,
        values: { description: `changed by client ${client}` },
      })
      recorder.record('records.update', outcome.ms, outcome.ok ? undefined : outcome.error)
      mine.updated = true
    } else {
      const outcome = await call(server, 'records.delete', { entity, key: mine.key })
      recorder.record('records.delete', outcome.ms, outcome.ok ? undefined : outcome.error)
      mine.key = null
      mine.updated = false
    }
  }
}

/** `clients` loops over `ops` (each starting at its own place) until `done()` says stop. */
async function runClients(clients: number, ops: Op[], done: () => boolean) {
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; !done(); i++) await (ops[i % ops.length] as Op)(client)
    }),
  )
  return (performance.now() - started) / 1000
}

const until = (seconds: number) => {
  const end = performance.now() + seconds * 1000
  return () => performance.now() >= end
}

/** Sends the file a chunk at a time, as the window does; returns the upload id. */
async function upload(server: Served, path: string, fileName: string) {
  const bytes = readFileSync(path)
  let uploadId: string | undefined
  for (let at = 0; at < bytes.length; at += UPLOAD_CHUNK) {
    const chunk = bytes.subarray(at, at + UPLOAD_CHUNK).toString('base64')
    const outcome = await call(server, 'imports.upload', {
      ...(uploadId ? { uploadId } : {}),
      fileName,
      chunk,
    })
    if (!outcome.ok) throw new Error(`imports.upload failed: ${outcome.error}`)
    uploadId = (outcome.result as { uploadId: string }).uploadId
  }
  if (!uploadId) throw new Error(`${path} is empty`)
  return uploadId
}

async function runImport(server: Served, uploadId: string) {
  const outcome = await call(server, 'imports.run', { uploadId, preset: 'events' })
  if (!outcome.ok) throw new Error(`imports.run failed: ${outcome.error}`)
  const summary = outcome.result as { inserted: number; rows: number }
  return { ms: outcome.ms, inserted: summary.inserted }
}

const ratio = (a: number, b: number) => `${(a / Math.max(b, 0.001)).toFixed(1)}×`

/** Three writes in every ten calls. */
function mixedOps(server: Served, recorder: LoadRecorder): Op[] {
  const write = writeOp(server, recorder)
  const [a, b, c, d, e, f, g] = readOps(server, recorder) as [Op, Op, Op, Op, Op, Op, Op]
  return [a, write, b, c, write, d, e, write, f, g]
}

async function mixedLoad(server: Served) {
  // The baseline: the same mix from one client, each call alone on the server.
  const alone = new LoadRecorder()
  const aloneSeconds = await runClients(1, mixedOps(server, alone), until(SINGLE_SECONDS))
  const recorder = new LoadRecorder()
  const seconds = await runClients(CLIENTS, mixedOps(server, recorder), until(SECONDS))
  const calls = recorder.all().length
  const single = summarize(alone.all())
  const loaded = summarize(recorder.all())
  console.log(
    `  1. ${CLIENTS} clients, ${SECONDS} s of mixed calls: ${calls} calls in ${seconds.toFixed(1)} s, ${(calls / seconds).toFixed(0)} calls/s, ${recorder.errorCount} errors (goal 0)`,
  )
  printRecorder(recorder)
  console.log(
    summaryLine(`baseline: 1 client, ${SINGLE_SECONDS} s`, single, alone.errorCount) +
      `  ${(alone.all().length / aloneSeconds).toFixed(0)} calls/s`,
  )
  console.log(
    `    → with ${CLIENTS} clients: throughput ${ratio(calls / seconds, alone.all().length / aloneSeconds)} of one client's; p50 ${ratio(loaded.p50, single.p50)}, p99 ${ratio(loaded.p99, single.p99)} of one client's`,
  )
}

async function readsDuringImport(server: Served, uploadId: string) {
  const baseline = new LoadRecorder()
  await runClients(READERS, readOps(server, baseline), until(BASELINE_SECONDS))
  const during = new LoadRecorder()
  let importing = true
  const imported = runImport(server, uploadId).finally(() => (importing = false))
  await runClients(READERS, readOps(server, during), () => !importing)
  const { ms, inserted } = await imported
  const quiet = summarize(baseline.all())
  const busy = summarize(during.all())
  console.log(
    `  2. ${READERS} readers, ${BASELINE_SECONDS} s with no import, then during an import of ${inserted.toLocaleString('en')} events in the worker (${(ms / 1000).toFixed(1)} s)`,
  )
  console.log(summaryLine('reads, no import', quiet, baseline.errorCount))
  console.log(summaryLine('reads during the import', busy, during.errorCount))
  for (const sample of [...baseline.errorSamples, ...during.errorSamples]) {
    console.log(`    error: ${sample}`)
  }
  printStalls(during)
  console.log(
    `    → during the import: worst read ${ratio(busy.max, quiet.max)} and p99 ${ratio(busy.p99, quiet.p99)} and p50 ${ratio(busy.p50, quiet.p50)} of the same reads with no import`,
  )
}

async function writeDuringImport(server: Served, uploadId: string) {
  const during = new LoadRecorder()
  let importing = true
  // Rows going in means the import's transaction is open (its backup is taken before).
  let rowsGoingIn: () => void = () => undefined
  const writing = new Promise<void>((resolve) => (rowsGoingIn = resolve))
  const progress = watchProgress(server, (frame) => {
    if (frame.method === 'imports.run' && / rows read /.test(frame.message)) rowsGoingIn()
  })
  const imported = runImport(server, uploadId).finally(() => {
    importing = false
    rowsGoingIn()
  })
  const write = (async () => {
    await writing
    await new Promise((resolve) => setTimeout(resolve, WRITE_AFTER_MS))
    const started = performance.now()
    const outcome = await call(server, 'records.create', {
      entity: 'fitness_equipment',
      values: { equipment_name: 'written during an import' },
    })
    return { ...outcome, ms: performance.now() - started, stillImporting: importing }
  })()
  await runClients(READERS, readOps(server, during), () => !importing)
  const { ms } = await imported
  const written = await write
  await progress.stop()
  const reads = summarize(during.all())
  console.log(
    `  3. one records.create ${WRITE_AFTER_MS / 1000} s after a second import (${(ms / 1000).toFixed(1)} s) began writing rows, ${READERS} readers meanwhile`,
  )
  console.log(
    `    the write: ${written.ok ? 'succeeded' : `failed (${written.error})`} after ${written.ms.toFixed(0)} ms, the import ${written.stillImporting ? 'still running' : 'finished'} when it answered`,
  )
  console.log(summaryLine('reads during that import', reads, during.errorCount))
  for (const sample of during.errorSamples) console.log(`    error: ${sample}`)
  printStalls(during)
}

export async function runLoadBench() {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-load-'))
  let server: Served | undefined
  try {
    const database = join(dir, 'demo.db')
    const load = loadavg().map((n) => n.toFixed(2))
    console.log(
      `load: browser mode on 127.0.0.1, demo database (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${load.join(' ')} at the start)`,
    )
    seedDemo(database)
    const logs = [join(dir, 'events-1.csv'), join(dir, 'events-2.csv')]
    await writeEventLog(logs[0] as string, { rows: IMPORT_ROWS, seed: 1 })
    // Long enough to hold the write lock when the write comes.
    await writeEventLog(logs[1] as string, { rows: Math.ceil(IMPORT_ROWS / 2), seed: 2 })
    server = await serve(database)
    if (PARTS.includes('1')) await mixedLoad(server)
    if (PARTS.includes('2')) {
      await readsDuringImport(server, await upload(server, logs[0] as string, 'events-1.csv'))
    }
    if (PARTS.includes('3')) {
      await writeDuringImport(server, await upload(server, logs[1] as string, 'events-2.csv'))
    }
    console.log(
      `  load average at the end: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    )
  } finally {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
