import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cachedRead } from '../../electron/services/reports/modules/read-cache'
import { cachedReport } from '../../electron/services/reports/result-cache'
import type { ReportResult } from '../../shared/reports'
import { useTempDir } from '../helpers/tmp'

const tempDir = useTempDir()

function openPair() {
  const path = join(tempDir(), 'cache.db')
  const main = new Database(path)
  main.pragma('journal_mode = WAL')
  main.exec('CREATE TABLE t (v INTEGER)')
  main.prepare('INSERT INTO t VALUES (1)').run()
  return { main, other: new Database(path) }
}

/** Reads t through the cache and counts how often it really read. */
function counter(sqlite: Database.Database) {
  let reads = 0
  const read = (key = 'all') =>
    cachedRead(sqlite, key, () => {
      reads += 1
      return sqlite.prepare('SELECT v FROM t ORDER BY v').pluck().all() as number[]
    })
  return { read, reads: () => reads }
}

describe('report read cache', () => {
  it('reads once while nothing changes, and once per key', () => {
    const { main } = openPair()
    const c = counter(main)
    expect(c.read()).toEqual([1])
    expect(c.read()).toEqual([1])
    expect(c.reads()).toBe(1)
    c.read('other key')
    expect(c.reads()).toBe(2)
  })

  it('reads again after a write on the same connection', () => {
    const { main } = openPair()
    const c = counter(main)
    c.read()
    main.prepare('INSERT INTO t VALUES (2)').run()
    expect(c.read()).toEqual([1, 2])
    main.prepare('UPDATE t SET v = 5 WHERE v = 2').run()
    expect(c.read()).toEqual([1, 5])
  })

  it('reads again after another connection commits (an import worker)', () => {
    const { main, other } = openPair()
    const c = counter(main)
    c.read()
    other.prepare('INSERT INTO t VALUES (3)').run()
    expect(c.read()).toEqual([1, 3])
  })

  it('hands out frozen rows, so one report cannot change what the next one reads', () => {
    const { main } = openPair()
    const rows = cachedRead(main, 'objects', () => [{ v: 1 }])
    expect(Object.isFrozen(rows)).toBe(true)
    expect(Object.isFrozen(rows[0])).toBe(true)
  })
})

describe('report result cache', () => {
  const MINUTE = 60_000
  const at = Date.UTC(2026, 10, 22, 9, 0, 10)

  function reportCounter(sqlite: Database.Database) {
    let runs = 0
    const run = (key: string, now: number) =>
      cachedReport(sqlite, key, now, (): ReportResult => {
        runs += 1
        const total = sqlite.prepare('SELECT sum(v) FROM t').pluck().get() as number
        return { name: key, columns: ['total'], rows: [[total]], notes: [] }
      })
    return { run, runs: () => runs }
  }

  it('answers the same request again within the minute while nothing changed', () => {
    const { main } = openPair()
    const c = reportCounter(main)
    const first = c.run('activity', at)
    expect(c.run('activity', at + 20_000)).toBe(first)
    expect(c.runs()).toBe(1)
    c.run('sessions', at)
    expect(c.runs()).toBe(2)
  })

  it('computes again in the next minute, after a write here, and after a commit elsewhere', () => {
    const { main, other } = openPair()
    const c = reportCounter(main)
    c.run('activity', at)
    c.run('activity', at + MINUTE)
    expect(c.runs()).toBe(2)
    main.prepare('INSERT INTO t VALUES (10)').run()
    expect(c.run('activity', at + MINUTE).rows).toEqual([[11]])
    other.prepare('INSERT INTO t VALUES (100)').run()
    expect(c.run('activity', at + MINUTE).rows).toEqual([[111]])
    expect(c.runs()).toBe(4)
  })
})
