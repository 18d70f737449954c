import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  CsvSink,
  csvField,
  csvHeader,
  csvRow,
  neutraliseFormula,
  restoreNeutralised,
  toCsv,
  UTF8_BOM,
} from '../../electron/services/exports/csv-writer'

describe('csvField: RFC 4180 quoting', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\nhere', '"crlf\r\nhere"'],
    [' leading', '" leading"'],
    ['trailing ', '"trailing "'],
    ['in side', 'in side'],
    ['Zürich €', 'Zürich €'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('null and undefined are empty fields', () => {
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
  })
})

describe('formula injection', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@x', "'@x"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['-5', "'-5"], // text that looks like a number is still text
    ["'quoted", "''quoted"], // so the prefix can always be undone
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
    ['x-1', 'x-1'],
  ])('text %j is written %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('numbers are left alone, negative or not', () => {
    expect(csvField(-5)).toBe('-5')
    expect(csvField(-0.25)).toBe('-0.25')
    expect(csvField(74.99999999999999)).toBe('74.99999999999999')
    expect(csvField(-9007199254740993n)).toBe('-9007199254740993')
    expect(csvField(0)).toBe('0')
  })

  it('non-finite numbers are refused', () => {
    expect(() => csvField(Number.NaN)).toThrow(TypeError)
  })

  it('restoreNeutralised undoes neutraliseFormula for any text', () => {
    for (const text of ['=1', '+1', '-x', '@a', '\tx', '\rx', "'", "''a", 'plain', '']) {
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text)
    }
  })
})

describe('rows and files', () => {
  it('rows end with CRLF; header names are not prefixed', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n')
    expect(csvHeader(['id', 'event name'])).toBe('id,event name\r\n')
    expect(toCsv(['x', 'y'], [[1, '-a']])).toBe("x,y\r\n1,'-a\r\n")
  })

  it('a BOM only when asked', () => {
    expect(toCsv(['x'], [], { bom: true })).toBe(`${UTF8_BOM}x\r\n`)
    expect(toCsv(['x'], []).startsWith(UTF8_BOM)).toBe(false)
  })
})

describe('CsvSink', () => {
  it('waits for a slow stream to drain and loses nothing', async () => {
    const received: string[] = []
    let waits = 0
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString('utf8'))
        setTimeout(callback, 1)
      },
    })
    const chunks: string[] = []
    const sink = new CsvSink(slow, (chunk) => chunks.push(chunk))
    sink.start(['n', 'text'], { bom: true })
    const rows: [number, string][] = []
    for (let i = 0; i < 20_000; i++) rows.push([i, `row ${i}, "quoted"`])
    for (const row of rows) {
      const wait = sink.row(row)
      if (wait) {
        waits++
        await wait
      }
    }
    await sink.flush()
    expect(sink.rows).toBe(20_000)
    expect(waits).toBeGreaterThan(0)
    expect(slow.writableLength).toBe(0)
    expect(received.join('')).toBe(toCsv(['n', 'text'], rows, { bom: true }))
    expect(chunks.join('')).toBe(received.join(''))
  })

  it('a stream that fails makes the next flush throw', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'))
      },
    })
    const sink = new CsvSink(broken)
    sink.start(['x'])
    await expect(
      (async () => {
        for (let i = 0; i < 100_000; i++) await sink.row([`value ${i}`])
        await sink.flush()
      })(),
    ).rejects.toThrow('disk full')
  })
})
