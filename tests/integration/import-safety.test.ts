import { once } from 'node:events'
import { createWriteStream, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { beforeEach, describe, expect, it } from 'vitest'
import { databaseChecksum } from '../../electron/services/db/checksum'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { listImports, undoImport } from '../../electron/services/imports/registry'
import { startImportWorker } from '../../electron/services/imports/worker-client'
import { LogbookError } from '../../shared/errors'
import { dataTableNames } from '../../shared/schema'
import { defaultSettings } from '../../shared/settings'
import { openFresh } from '../helpers/db'
import { fixture, importFile, TEST_ZONE } from '../helpers/imports'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()
let handle: DatabaseHandle

const safety = (name: string) => fixture('safety', name)
const count = (sql: string) => handle.sqlite.prepare(sql).pluck().get() as number

/** Writes a `user_id,event_name,event_ts` log of `rows` events. */
async function writeEventLog(path: string, rows: number) {
  const out = createWriteStream(path)
  out.write('user_id,event_name,event_ts\n')
  const start = Date.UTC(2025, 0, 1)
  for (let i = 0; i < rows; i++) {
    const line = `user-${i % 500},action_${i % 7},${new Date(start + i * 60_000).toISOString()}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await finished(out)
}

beforeEach(async () => {
  handle = await openFresh(tempDir())
  await importFile(handle, 'events', safety('good-events.csv'))
  return () => handle.close()
})

describe('a malformed file gives a clear error and leaves the database unchanged', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'random bytes',
      'auto',
      fixture('..', 'csv', 'random-bytes.csv'),
      /does not look like a CSV file/,
    ],
    ['an unclosed quote', 'events', safety('unclosed-quote.csv'), /line 3: .*quote/i],
    ['a wrong delimiter (auto)', 'auto', safety('colon-delimited.csv'), /No preset recognises/],
    ['a wrong delimiter (events)', 'events', safety('colon-delimited.csv'), /has no column for/],
    ['a header only', 'events', safety('header-only.csv'), /header but no rows/],
    ['an empty file', 'auto', safety('empty.csv'), /is empty/],
    ['mixed encodings', 'events', safety('mixed-encodings.csv'), /line 3: .*not valid text/],
  ]
  it.each(cases)('%s', async (_name, preset, file, message) => {
    const before = databaseChecksum(handle.sqlite)
    const error = await importFile(handle, preset, file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LogbookError)
    expect((error as LogbookError).message).toMatch(message)
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  })

  it('a 10 MB field', async () => {
    const file = join(tempDir(), 'huge-field.csv')
    writeFileSync(
      file,
      `user_id,event_name,event_ts,note\nu-8,login,2025-03-05T08:00:00Z,${'x'.repeat(10 * 1024 * 1024)}\nu-9,login,2025-03-05T08:01:00Z,ok\n`,
    )
    const before = databaseChecksum(handle.sqlite)
    await expect(importFile(handle, 'events', file)).rejects.toThrow(
      /line 2: .*(longer than|unfinished)/,
    )
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  })
})

describe('an import as a whole', () => {
  it('cancelled part-way writes nothing', async () => {
    const file = join(tempDir(), 'big.csv')
    await writeEventLog(file, 200_000)
    const before = databaseChecksum(handle.sqlite)
    const controller = new AbortController()
    let rowsAtCancel = 0
    const error = await importFile(handle, 'events', file, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.rows > 0 && !controller.signal.aborted) {
          rowsAtCancel = progress.rows
          controller.abort()
        }
      },
    }).catch((e: unknown) => e)
    expect((error as LogbookError).code).toBe('cancelled')
    expect(rowsAtCancel).toBeGreaterThan(0)
    expect(rowsAtCancel).toBeLessThan(200_000)
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  }, 60_000)

  it('is recorded, and undo takes back exactly what it wrote', async () => {
    const before = databaseChecksum(handle.sqlite, dataTableNames)
    const file = join(tempDir(), 'more.csv')
    writeFileSync(
      file,
      'user_id,event_name,event_ts\nnew-person,brand_new_action,2025-03-06T12:00:00Z\nu-1,login,2025-03-06T12:05:00Z\n',
    )
    const summary = await importFile(handle, 'events', file)
    expect(summary.inserted).toBe(2)
    const [latest] = listImports(handle.sqlite)
    expect(latest).toMatchObject({
      id: summary.importId,
      preset: 'events',
      inserted: 2,
      status: 'done',
    })
    expect(latest?.fileHash).toMatch(/^[0-9a-f]{64}$/)
    expect(
      count(`SELECT is_core_action FROM dim_actions WHERE action_type = 'brand_new_action'`),
    ).toBe(1)

    const undone = undoImport(handle.sqlite, summary.importId ?? 0, defaultSettings(TEST_ZONE))
    expect(undone.import.status).toBe('undone')
    expect(count(`SELECT count(*) FROM users WHERE user_id = 'new-person'`)).toBe(0)
    expect(count(`SELECT count(*) FROM dim_actions WHERE action_type = 'brand_new_action'`)).toBe(0)
    expect(databaseChecksum(handle.sqlite, dataTableNames)).toBe(before)
    expect(() =>
      undoImport(handle.sqlite, summary.importId ?? 0, defaultSettings(TEST_ZONE)),
    ).toThrow(/already undone/)
  })

  it('takes a backup first', async () => {
    const file = join(tempDir(), 'one.csv')
    writeFileSync(file, 'user_id,event_name,event_ts\nu-1,login,2025-03-07T12:00:00Z\n')
    const summary = await importFile(handle, 'events', file)
    expect(summary.backupPath).toMatch(/backups.*-before-import\.db$/)
  })

  it('a dry run counts everything and writes nothing', async () => {
    const before = databaseChecksum(handle.sqlite)
    const file = join(tempDir(), 'dry.csv')
    writeFileSync(
      file,
      'user_id,event_name,event_ts\nu-1,login,2025-03-08T12:00:00Z\nu-1,login,not a time\n',
    )
    const summary = await importFile(handle, 'events', file, { dryRun: true })
    expect(summary).toMatchObject({
      dryRun: true,
      importId: null,
      rows: 2,
      inserted: 1,
      rejected: 1,
    })
    expect(summary.rejectedSample[0]).toMatchObject({
      line: 3,
      column: 'event_ts',
      value: 'not a time',
    })
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  })
})

describe('the import worker thread', () => {
  it('imports on its own connection and reports progress', async () => {
    const file = join(tempDir(), 'worker.csv')
    await writeEventLog(file, 20_000)
    const progress: number[] = []
    const job = startImportWorker(
      { databasePath: handle.path, import: { file, preset: 'events' } },
      (p) => progress.push(p.rows),
    )
    const summary = await job.result
    expect(summary.inserted).toBe(20_000)
    expect(count('SELECT count(*) FROM fct_event')).toBe(20_000 + 3)
    expect(progress.at(-1)).toBe(20_000)
  }, 60_000)

  it('stops on cancel and writes nothing', async () => {
    const file = join(tempDir(), 'worker-big.csv')
    await writeEventLog(file, 300_000)
    const before = databaseChecksum(handle.sqlite)
    let cancelled = false
    const job = startImportWorker(
      { databasePath: handle.path, import: { file, preset: 'events' } },
      () => {
        if (!cancelled) {
          cancelled = true
          job.cancel()
        }
      },
    )
    const error = await job.result.catch((e: unknown) => e)
    expect((error as LogbookError).code).toBe('cancelled')
    expect(databaseChecksum(handle.sqlite)).toBe(before)
  }, 60_000)
})
