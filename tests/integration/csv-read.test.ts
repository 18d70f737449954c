import fc from 'fast-check'
import { createWriteStream, statSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { LogbookError } from '../../shared/errors'
import { readCsv, type CsvRowError, type ReadCsvOptions } from '../../electron/services/csv/read'
import { restoreNeutralised, toCsv } from '../../electron/services/exports/csv-writer'
import { useTempDir } from '../helpers/tmp'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'csv')
const fixture = (name: string) => join(FIXTURES, name)
const tempDir = useTempDir()

async function readAll(path: string, options: Partial<ReadCsvOptions> = {}) {
  const rows: { line: number; row: string[] }[] = []
  const errors: CsvRowError[] = []
  const result = await readCsv(path, {
    onRow: (row, line) => rows.push({ line, row }),
    onError: (error) => errors.push(error),
    ...options,
  })
  return { ...result, rows, errors, count: result.rows }
}

describe('readCsv on fixture files', () => {
  it('UTF-8 without a BOM', async () => {
    const r = await readAll(fixture('utf8.csv'))
    expect(r).toMatchObject({ encoding: 'utf-8', delimiter: ',', lineBreak: '\n', count: 2 })
    expect(r.header).toEqual(['name', 'city', 'score'])
    expect(r.rows).toEqual([
      { line: 2, row: ['Zoë Example', 'Zürich', '12.5'] },
      { line: 3, row: ['Jo Sample', 'Kraków', '7'] },
    ])
  })

  it('UTF-8 with a BOM and CRLF: the BOM is not part of the first name', async () => {
    const r = await readAll(fixture('utf8-bom.csv'))
    expect(r).toMatchObject({ encoding: 'utf-8', lineBreak: '\r\n', errors: [] })
    expect(r.encodingReason).toMatch(/byte-order mark/)
    expect(r.header).toEqual(['Date', 'Weight (kg)', 'Body Fat(%)'])
    expect(r.rows.map((x) => x.row)).toEqual([
      ['2024-03-01', '81.4', '--'],
      ['2024-03-08', '80.9', '21.3'],
    ])
  })

  it('UTF-16 LE and BE with a BOM', async () => {
    const le = await readAll(fixture('utf16le-bom.csv'))
    expect(le).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', count: 2 })
    expect(le.header).toEqual(['Title', 'Year', 'Rating'])
    expect(le.rows[0]).toEqual({ line: 2, row: ['Amélie Test', '2001', '4.5'] })
    const be = await readAll(fixture('utf16be-bom.csv'))
    expect(be).toMatchObject({ encoding: 'utf-16be', header: ['Title', 'Year'] })
    expect(be.rows).toEqual([{ line: 2, row: ['Été', '2020'] }])
  })

  it('Windows-1252 when the bytes are not UTF-8 (é and €)', async () => {
    const r = await readAll(fixture('windows-1252.csv'))
    expect(r).toMatchObject({ encoding: 'windows-1252', delimiter: ';', count: 2 })
    expect(r.rows.map((x) => x.row)).toEqual([
      ['Café crème', '2,50 €', 'très bon'],
      ['Thé', '1,80 €', ''],
    ])
  })

  it.each([
    ['semicolon.csv', ';', ['2024-01-05 18:00:00', 'Squat', '102,5', '5']],
    ['tab.csv', '\t', ['u1', 'login', '1700000000']],
    ['pipe.csv', '|', ['1', 'First', 'plain']],
  ])('%s is read with %j', async (file, delimiter, firstRow) => {
    const r = await readAll(fixture(file))
    expect(r.delimiter).toBe(delimiter)
    expect(r.delimiterReason).toMatch(/gives \d+ fields/)
    expect(r.rows[0]).toEqual({ line: 2, row: firstRow })
  })

  it('quoted fields hold delimiters, quotes and newlines; lines are physical lines', async () => {
    const r = await readAll(fixture('quoted.csv'))
    expect(r.errors).toEqual([])
    expect(r.rows).toEqual([
      { line: 2, row: ['1', 'Line one\r\nline two', '5'] },
      { line: 4, row: ['2', 'She said "hi", then left', '6'] },
      { line: 5, row: ['3', 'a,b,c', '7'] },
      { line: 6, row: ['4', '', '8'] },
    ])
    const pipe = await readAll(fixture('pipe.csv'))
    expect(pipe.rows[1]!.row).toEqual(['2', 'Second', 'with | pipe'])
  })

  it('CRLF line ends leave no CR in the values', async () => {
    const r = await readAll(fixture('crlf.csv'))
    expect(r.rows.map((x) => x.row)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
  })

  it('a file mixing LF and CRLF line ends reads every line', async () => {
    const path = join(tempDir(), 'mixed-ends.csv')
    writeFileSync(path, 'a,b\r\n1,2\n3,"x\r\ny"\r\n5,6\n')
    const r = await readAll(path)
    expect(r.lineBreak).toBe('\n')
    expect(r.rows).toEqual([
      { line: 2, row: ['1', '2'] },
      { line: 3, row: ['3', 'x\r\ny'] },
      { line: 5, row: ['5', '6'] },
    ])
  })

  it('blank trailing lines are skipped', async () => {
    const r = await readAll(fixture('trailing-blank-lines.csv'))
    expect(r).toMatchObject({ count: 2, errors: [] })
  })

  it('an unclosed quote is one error on its line, not a crash', async () => {
    const r = await readAll(fixture('unclosed-quote.csv'))
    expect(r.rows).toEqual([{ line: 2, row: ['1', 'fine'] }])
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]!.line).toBe(3)
    expect(r.errors[0]!.reason).toMatch(/^unclosed quote.*\(lines 3–5\)$/)
  })

  it('a header-only file has a header and no rows; an empty file has neither', async () => {
    const headerOnly = await readAll(fixture('header-only.csv'))
    expect(headerOnly).toMatchObject({
      header: ['Date', 'Workout Name', 'Exercise Name'],
      count: 0,
      errors: [],
    })
    const empty = await readAll(fixture('empty.csv'))
    expect(empty).toMatchObject({ header: [], count: 0, errors: [] })
  })

  it('random bytes are one clear error naming the file', async () => {
    const path = fixture('random-bytes.csv')
    const error = await readAll(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LogbookError)
    expect((error as LogbookError).code).toBe('invalid_input')
    expect((error as LogbookError).message).toMatch(
      /random-bytes\.csv does not look like a CSV file: .*NUL bytes/,
    )
  })

  it('names the file as the person knows it, not where an upload was staged', async () => {
    const error = await readAll(fixture('random-bytes.csv'), { fileName: 'mine.csv' }).catch(
      (e: unknown) => e,
    )
    expect((error as LogbookError).message).toMatch(/^mine\.csv does not look like a CSV file/)
    expect((error as LogbookError).message).not.toContain('/')
  })

  it('mostly control characters without NULs is refused too', async () => {
    const path = join(tempDir(), 'controls.csv')
    writeFileSync(path, Buffer.from(Array.from({ length: 500 }, (_, i) => 1 + (i % 8))))
    await expect(readAll(path)).rejects.toThrow(/does not look like a CSV file: \d+% of/)
  })

  it('a missing file is an io_error naming it', async () => {
    const path = join(tempDir(), 'nope.csv')
    const error = await readAll(path).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'io_error' })
    expect((error as Error).message).toContain('nope.csv')
  })

  it('reads the same whatever the chunk size (boundaries inside quotes, CRLF, characters)', async () => {
    for (const file of ['quoted.csv', 'utf16le-bom.csv', 'windows-1252.csv', 'utf8-bom.csv']) {
      const whole = await readAll(fixture(file))
      for (const chunkBytes of [1, 2, 3, 5, 8]) {
        expect(await readAll(fixture(file), { chunkBytes }), `${file} / ${chunkBytes}`).toEqual(
          whole,
        )
      }
    }
  })

  it('bytes invalid in the encoding further down are reported on their line', async () => {
    const path = join(tempDir(), 'mixed.csv')
    const good = 'name,note\n' + 'ok,fine\n'.repeat(50_000) // past the first chunk read
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(good), Buffer.from('caf\xe9,bad\nlast,ok\n', 'latin1')]),
    )
    const r = await readAll(path)
    expect(r.encoding).toBe('utf-8')
    expect(r.errors).toEqual([
      { line: 50_002, reason: expect.stringMatching(/not valid text/) as string },
    ])
    expect(r.rows.at(-1)).toEqual({ line: 50_003, row: ['last', 'ok'] })
  })

  it('stops when the signal aborts', async () => {
    const path = join(tempDir(), 'long.csv')
    writeFileSync(path, 'a,b\n' + '1,2\n'.repeat(100_000))
    const controller = new AbortController()
    let seen = 0
    const reading = readAll(path, {
      chunkBytes: 4096,
      onRow: () => {
        if (++seen === 10) controller.abort()
      },
      signal: controller.signal,
    })
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen).toBe(10)
  })
})

describe('fields over the limit', () => {
  const TEN_MB = 10 * 1024 * 1024

  it('a 10 MB quoted field is one row error; the rows after it read, lines counted', async () => {
    const path = join(tempDir(), 'huge-field.csv')
    const out = createWriteStream(path)
    out.write('id,blob,after\n1,"')
    const block = 'x'.repeat(1024 * 1024 - 1) + '\n' // a newline inside each MB
    for (let written = 0; written < TEN_MB; written += block.length) out.write(block)
    out.write('",tail\n2,small,fine\n')
    out.end()
    await once(out, 'finish')

    const r = await readAll(path)
    expect(r.errors).toEqual([{ line: 2, reason: 'a field is longer than 1 MB' }])
    expect(r.rows).toEqual([{ line: 13, row: ['2', 'small', 'fine'] }])
  })

  it('a 2 MB field is refused with its size; the row is skipped', async () => {
    const path = join(tempDir(), 'big-field.csv')
    writeFileSync(path, `a,b\n1,${'y'.repeat(2 * 1024 * 1024)}\n2,ok\n`)
    const r = await readAll(path)
    expect(r.errors).toEqual([
      { line: 2, reason: 'field 2 is longer than 1 MB (2097152 characters)' },
    ])
    expect(r.rows).toEqual([{ line: 3, row: ['2', 'ok'] }])
  })

  it('an unclosed quote early in a large file is one error, without holding the file', async () => {
    const path = join(tempDir(), 'open-quote.csv')
    writeFileSync(path, 'a,b\n1,ok\n2,"open\n' + '3,x\n'.repeat(2_000_000))
    const r = await readAll(path)
    expect(r.rows).toEqual([{ line: 2, row: ['1', 'ok'] }])
    expect(r.errors).toEqual([
      { line: 3, reason: expect.stringMatching(/^unclosed quote/) as string },
    ])
  })
})

/** A handle on V8's collector, so the check measures what is held, not garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

describe('large files', () => {
  it('200k rows are read with bounded memory', async () => {
    const path = join(tempDir(), 'events.csv')
    const out = createWriteStream(path)
    out.write('event_id,user_id,event_name,event_ts,properties\n')
    for (let i = 0; i < 200_000; i++) {
      const line = `ev-${i},user-${i % 997},page_view,${1_700_000_000_000 + i * 1000},"{""path"":""/p/${i % 50}""}"\n`
      if (!out.write(line)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    const size = statSync(path).size

    const gc = collector()
    gc()
    const baseline = process.memoryUsage().heapUsed
    let peak = baseline
    let rows = 0
    let lastLine = 0
    const result = await readCsv(path, {
      onRow: (row, line) => {
        rows++
        lastLine = line
        if (rows % 20_000 === 0) {
          gc()
          peak = Math.max(peak, process.memoryUsage().heapUsed)
        }
      },
      onError: (e) => {
        throw new Error(`unexpected error on line ${e.line}: ${e.reason}`)
      },
    })
    expect(result.rows).toBe(200_000)
    expect(rows).toBe(200_000)
    expect(lastLine).toBe(200_001)
    // A sanity check, not a measurement: the file is never held whole.
    expect(peak - baseline).toBeLessThan(size / 2)
  })
})

describe('round trip with the export writer', () => {
  const alphabet = [
    'a',
    'Z',
    '7',
    ' ',
    ',',
    ';',
    '\t',
    '|',
    '"',
    "'",
    '\n',
    '\r',
    '=',
    '+',
    '-',
    '@',
    'é',
    '€',
    '😀',
    '.',
  ]
  const cell = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 })
  const table = fc.integer({ min: 2, max: 5 }).chain((columns) =>
    fc.record({
      rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 15 }),
      columns: fc.constant(columns),
      bom: fc.boolean(),
      chunkBytes: fc.integer({ min: 1, max: 64 }),
    }),
  )

  it('any table of strings written and read back gives the same cells', async () => {
    const dir = tempDir()
    let n = 0
    await fc.assert(
      fc.asyncProperty(table, async ({ rows, columns, bom, chunkBytes }) => {
        const header = Array.from({ length: columns }, (_, i) => `c${i + 1}`)
        const path = join(dir, `t${n++}.csv`)
        writeFileSync(path, toCsv(header, rows, { bom }))
        const r = await readAll(path, { chunkBytes })
        expect(r.errors).toEqual([])
        expect(r.header).toEqual(header)
        expect(r.delimiter).toBe(',')
        expect(r.rows.map((x) => x.row.map(restoreNeutralised))).toEqual(rows)
      }),
      { numRuns: 150 },
    )
  })
})
