import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { databaseChecksum } from '../../electron/services/db/checksum'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { LogbookError } from '../../shared/errors'
import type { ImportSummary } from '../../shared/imports'
import { dataTableNames } from '../../shared/schema'
import { openFresh } from '../helpers/db'
import { importFile } from '../helpers/imports'
import { useTempDir } from '../helpers/tmp'

/** Longer than any of these files takes; a run past it counts as a hang. */
const HANG_MS = 30_000
const HEADER = 'user_id,event_name,event_ts'
const ROW = 'u-1,login,2025-03-05T08:00:00Z'

const tempDir = useTempDir()
let handle: DatabaseHandle
let dir: string

beforeEach(async () => {
  dir = tempDir()
  handle = await openFresh(dir)
  return () => handle.close()
})

type Outcome = { summary: ImportSummary } | { error: LogbookError }

/**
 * Imports `content` with `preset` the way the CLI does, and checks what any import must give: a
 * clear LogbookError or a summary whose rejects name line and reason; never another error, never
 * a hang; and the data tables unchanged whenever nothing was imported.
 */
async function importChecked(content: string | Buffer, preset: string): Promise<Outcome> {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(file, content)
  const before = databaseChecksum(handle.sqlite, dataTableNames)
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<'hung'>(
    (resolve) => (timer = setTimeout(() => resolve('hung'), HANG_MS)),
  )
  const result = await Promise.race([
    importFile(handle, preset, file).then(
      (summary) => ({ summary }),
      (error: unknown) => ({ error }),
    ),
    hang,
  ]).finally(() => clearTimeout(timer))
  if (result === 'hung') throw new Error(`the ${preset} import did not finish`)
  if ('error' in result) {
    const { error } = result
    if (!(error instanceof LogbookError)) throw error // a crash, not a refusal
    expect(error.message.trim().length).toBeGreaterThan(5)
    expect(error.message).not.toMatch(/\n\s+at |\.[cm]?[jt]s:\d+/)
    expect(error.message.length).toBeLessThan(2000)
    expect(databaseChecksum(handle.sqlite, dataTableNames)).toBe(before)
    return { error }
  }
  const { summary } = result
  for (const reject of summary.rejectedSample) {
    expect(reject.line).toBeGreaterThanOrEqual(1)
    expect(reject.reason.trim()).not.toBe('')
    expect(reject.value.length).toBeLessThan(2000)
  }
  expect(summary.rejectedSample.length).toBe(Math.min(summary.rejected, 20))
  if (summary.inserted === 0) {
    expect(databaseChecksum(handle.sqlite, dataTableNames)).toBe(before)
  }
  return { summary }
}

function messageOf(outcome: Outcome) {
  return 'error' in outcome ? outcome.error.message : null
}

/** Bytes from a fixed seed, so a failure repeats. */
function pseudoRandomBytes(length: number, seed: number) {
  const bytes = Buffer.alloc(length)
  let state = seed
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    bytes[i] = state >> 16
  }
  return bytes
}

const utf16NoBom = Buffer.from(`${HEADER}\n${ROW}\n`, 'utf16le')

const pathological: [string, () => string | Buffer][] = [
  ['64 KB of random bytes', () => pseudoRandomBytes(64 * 1024, 7)],
  ['an empty file', () => ''],
  ['only a byte-order mark', () => '\uFEFF'],
  ['only a header', () => `${HEADER}\n`],
  [
    'a header of 5000 columns',
    () => `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(4999)}1\n`,
  ],
  ['a 5 MB single line', () => 'x'.repeat(5 * 1024 * 1024)],
  ['an unbalanced quote at the end', () => `${HEADER}\n${ROW}\nu-2,login,"2025-03-05T09:00:00Z\n`],
  ['NUL bytes', () => `${HEADER}\n${ROW}\nu-\0,lo\0gin,2025-03-05T09:00:00Z\n\0\0\0\n`],
  [
    'mixed line endings',
    () => `${HEADER}\r\n${ROW}\nu-2,login,2025-03-05T09:00:00Z\ru-3,login,2025-03-05T10:00:00Z\r\n`,
  ],
  ['UTF-16 without a byte-order mark', () => utf16NoBom],
  [
    'invalid UTF-8',
    () =>
      Buffer.concat([
        Buffer.from(`${HEADER}\nu-1,log`),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(',2025-03-05T08:00:00Z\n'),
      ]),
  ],
  ['no delimiter at all', () => 'user\nalice\nbob\ncarol\n'],
  [
    'duplicate header names',
    () => `user_id,user_id,event_name,event_ts\nu-1,u-2,login,2025-03-05T08:00:00Z\n`,
  ],
  ['an extremely long field', () => `${HEADER},note\n${ROW},${'y'.repeat(3 * 1024 * 1024)}\n`],
  ['only line breaks', () => '\n\r\n\n\r\r\n'],
  ['a header of empty names', () => `,,\n${ROW}\n`],
  ['quotes inside unquoted fields', () => `${HEADER}\nu"1,lo"gin,2025-03-05T08:00:00Z\n`],
  [
    'a formula and SQL in the fields',
    () => `${HEADER}\n=cmd|' /C calc'!A0,'; DROP TABLE events; --,2025-03-05T08:00:00Z\n`,
  ],
]

describe('pathological CSV files give a clear error or rejects, never a crash', () => {
  it.each(pathological)('%s (auto)', async (_name, content) => {
    await importChecked(content(), 'auto')
  })

  it.each(pathological)('%s (events preset)', async (_name, content) => {
    await importChecked(content(), 'events')
  })

  it('says why for the files that cannot be read at all', async () => {
    expect(messageOf(await importChecked('', 'auto'))).toMatch(/empty/i)
    expect(messageOf(await importChecked(`${HEADER}\n`, 'events'))).toMatch(/header but no rows/)
    expect(messageOf(await importChecked(pseudoRandomBytes(4096, 3), 'auto'))).toMatch(
      /CSV|text|recognis/i,
    )
  })

  it('refuses two columns of the same name that the import would read, naming them', async () => {
    const outcome = await importChecked(
      `user_id,user_id,event_name,event_ts\nu-1,u-2,login,2025-03-05T08:00:00Z\n`,
      'events',
    )
    expect(messageOf(outcome)).toMatch(/2 columns called "user_id" \(columns 1, 2\)/)
  })

  it('imports the good rows of a file with mixed line endings', async () => {
    const outcome = await importChecked(
      `${HEADER}\r\n${ROW}\nu-2,login,2025-03-05T09:00:00Z\r\nu-3,login,2025-03-05T10:00:00Z\n`,
      'events',
    )
    expect('summary' in outcome && outcome.summary.inserted).toBe(3)
  })

  it('names line and reason for a row that does not fit', async () => {
    const outcome = await importChecked(`${HEADER}\n${ROW}\nu-2,login,not a time\n`, 'events')
    if (!('summary' in outcome)) throw new Error(`refused: ${messageOf(outcome)}`)
    expect(outcome.summary.rejectedSample).toEqual([
      expect.objectContaining({ line: 3, column: 'event_ts', reason: expect.any(String) }),
    ])
  })
})

describe('random files', () => {
  it('random bytes: an error or a summary, the database untouched unless rows went in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('auto', 'events'),
        async (bytes, preset) => {
          await importChecked(Buffer.from(bytes), preset)
        },
      ),
      { numRuns: 40 },
    )
  })

  const piece = fc.oneof(
    fc.constantFrom(',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', '\uFEFF', '\0', ' '),
    fc.constantFrom(HEADER, ROW, 'user_id', 'event_ts', '2025-03-05T08:00:00Z', '1e309', '-0'),
    fc.string({ maxLength: 8 }),
  )

  it('CSV-shaped noise: an error or a summary, the database untouched unless rows went in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 200 }).map((parts) => parts.join('')),
        fc.constantFrom('auto', 'events'),
        async (text, preset) => {
          await importChecked(text, preset)
        },
      ),
      { numRuns: 60 },
    )
  })
})
