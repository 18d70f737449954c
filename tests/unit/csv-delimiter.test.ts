import { describe, expect, it } from 'vitest'
import { detectDelimiter, fieldCounts } from '../../electron/services/csv/delimiter'

describe('detectDelimiter', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1;2;3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])('finds %j', (delimiter, text) => {
    const detected = detectDelimiter(text, true)
    expect(detected.delimiter).toBe(delimiter)
    expect(detected.reason).toMatch(/gives 3 fields on \d of \d lines/)
  })

  it('decimal commas in a semicolon file do not make it comma-separated', () => {
    const text = 'Date;Weight;Fat\n2024-01-01;82,5;21,3\n2024-01-02;82,1;21,0\n'
    expect(detectDelimiter(text, true).delimiter).toBe(';')
  })

  it('delimiters inside quoted fields are not counted', () => {
    const text = 'Name,Notes\n"Squat","felt heavy; knees ok | 3 sets"\n"Row","a;b;c"\n'
    const detected = detectDelimiter(text, true)
    expect(detected.delimiter).toBe(',')
    expect(detected.reason).toMatch(/^comma gives 2 fields on 3 of 3 lines/)
  })

  it('a quoted field holding newlines is one record', () => {
    expect(fieldCounts('a,b\n1,"x\ny,z"\n2,3\n', ',', true, 50)).toEqual([2, 2, 2])
  })

  it('a quote inside an unquoted field does not open a quoted field', () => {
    expect(fieldCounts('height,name\n5\'10",Sam\n6\'1",Al\n', ',', true, 50)).toEqual([2, 2, 2])
  })

  it('the last record of a partial sample is left out (it may be cut)', () => {
    expect(fieldCounts('a;b\n1;2\n3', ';', false, 50)).toEqual([2, 2])
    expect(fieldCounts('a;b\n1;2\n3', ';', true, 50)).toEqual([2, 2, 1])
  })

  it('blank lines are skipped and CRLF is one line end', () => {
    expect(fieldCounts('a,b\r\n\r\n1,2\r\n', ',', true, 50)).toEqual([2, 2])
  })

  it('one column (no delimiter anywhere) is a comma file with one field, and says so', () => {
    const detected = detectDelimiter('title\nAlpha\nBeta\n', true)
    expect(detected.delimiter).toBe(',')
    expect(detected.reason).toMatch(/one column/)
  })

  it('prefers the delimiter that is consistent over one that merely appears', () => {
    const text = 'id,comment\n1,ok; fine\n2,good\n3,"x; y; z"\n'
    const detected = detectDelimiter(text, true)
    expect(detected.delimiter).toBe(',')
  })
})
