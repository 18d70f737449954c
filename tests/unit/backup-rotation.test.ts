import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backupFileName, parseBackupFileName } from '../../electron/services/backup/names'
import {
  backupsToKeep,
  DEFAULT_ROTATION,
  type RotatedBackup,
} from '../../electron/services/backup/rotation'
import { dateKeyOf } from '../../shared/time'

const ZONE = 'Europe/Berlin'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = new Date('2026-03-18T15:00:00Z') // a Wednesday

function backup(time: Date | number, reason = 'scheduled'): RotatedBackup {
  const at = new Date(time)
  return { path: `/b/logbook-${at.toISOString()}-${reason}.db`, time: at, reason }
}

const kept = (backups: RotatedBackup[], now = NOW) =>
  [...backupsToKeep(backups, now, ZONE)].sort((a, b) => b.time.getTime() - a.time.getTime())

describe('backup file names', () => {
  it('carry the time and reason, and belong to one database only', () => {
    const time = new Date('2026-03-18T15:04:05.678Z')
    const name = backupFileName('/data/logbook.db', time, 'before-restore')
    expect(name).toBe('logbook-20260318T150405678Z-before-restore.db')
    expect(parseBackupFileName('/data/logbook.db', name)).toEqual({
      time,
      reason: 'before-restore',
    })
    // The demo file's backups sit in the same folder but are not the own file's.
    const demo = backupFileName('/data/logbook-demo.db', time, 'manual')
    expect(parseBackupFileName('/data/logbook.db', demo)).toBeNull()
    expect(parseBackupFileName('/data/logbook-demo.db', demo)?.reason).toBe('manual')
    expect(parseBackupFileName('/data/logbook.db', 'logbook-notes.db')).toBeNull()
    expect(parseBackupFileName('/data/logbook.db', 'logbook.db-wal')).toBeNull()
  })
})

describe('rotation policy', () => {
  it('keeps the last 4 from today and the newest of each earlier day', () => {
    const today = [1, 2, 3, 4, 5, 6].map((h) => backup(NOW.getTime() - h * HOUR))
    const yesterday = [backup(NOW.getTime() - 26 * HOUR), backup(NOW.getTime() - 30 * HOUR)]
    const result = kept([...today, ...yesterday])
    expect(result).toEqual([...today.slice(0, 4), yesterday[0]])
  })

  it('keeps one a week beyond the daily window, for 8 weeks, and nothing older', () => {
    const daily = Array.from({ length: 70 }, (_, d) => backup(NOW.getTime() - d * DAY - HOUR))
    const result = kept(daily)
    const days = new Set(result.map((b) => dateKeyOf(b.time.getTime(), ZONE)))
    expect(days.size).toBe(result.length)
    // 14 days, then the weeks not already covered by them.
    expect(result.slice(0, 14)).toEqual(daily.slice(0, 14))
    const older = result.slice(14)
    expect(older.length).toBeGreaterThan(0)
    expect(older.every((b) => NOW.getTime() - b.time.getTime() < 8 * 7 * DAY)).toBe(true)
    expect(older.every((b) => b.time.getUTCDay() === 0)).toBe(true) // Sundays: each week's newest
  })

  it('never removes backups made by hand, whatever their age', () => {
    const manual = backup(NOW.getTime() - 400 * DAY, 'manual')
    const old = backup(NOW.getTime() - 400 * DAY + HOUR)
    const newest = backup(NOW.getTime() - HOUR)
    expect(kept([manual, old, newest])).toEqual([newest, manual])
  })

  it('keeps the newest even when it is older than every window', () => {
    const ancient = [backup(NOW.getTime() - 500 * DAY), backup(NOW.getTime() - 600 * DAY)]
    expect(kept(ancient)).toEqual([ancient[0]])
  })

  it('counts a backup from the future (clock set back) as today’s', () => {
    const future = backup(NOW.getTime() + 3 * DAY)
    const earlier = [1, 2, 3, 4].map((h) => backup(NOW.getTime() - h * HOUR))
    expect(kept([future, ...earlier])).toEqual([future, ...earlier.slice(0, 3)])
  })

  it('applies the cap, dropping the least important first', () => {
    const many = Array.from({ length: 60 }, (_, d) => backup(NOW.getTime() - d * DAY))
    const result = [
      ...backupsToKeep(many, NOW, ZONE, { today: 4, days: 40, weeks: 8, maxTotal: 10 }),
    ]
    expect(result).toHaveLength(10)
    expect(result).toContain(many[0])
  })
})

describe('rotation properties', () => {
  const backupsArbitrary = fc.array(
    fc.record({
      ageMinutes: fc.integer({ min: -60, max: 120 * 24 * 60 }),
      reason: fc.constantFrom('scheduled', 'before-import', 'before-restore', 'manual'),
    }),
    { maxLength: 150 },
  )
  const toBackups = (specs: { ageMinutes: number; reason: string }[]) =>
    specs.map((s, i) => ({
      path: `/b/${i}.db`,
      time: new Date(NOW.getTime() - s.ageMinutes * 60_000),
      reason: s.reason,
    }))

  it('never keeps more automatic backups than the bound, and always the newest', () => {
    fc.assert(
      fc.property(backupsArbitrary, fc.integer({ min: 1, max: 40 }), (specs, maxTotal) => {
        const backups = toBackups(specs)
        const policy = { ...DEFAULT_ROTATION, maxTotal }
        const keep = backupsToKeep(backups, NOW, ZONE, policy)
        const automatic = backups.filter((b) => b.reason !== 'manual')
        expect([...keep].filter((b) => b.reason !== 'manual').length).toBeLessThanOrEqual(maxTotal)
        const newest = automatic.reduce<RotatedBackup | null>(
          (a, b) => (a && a.time >= b.time ? a : b),
          null,
        )
        if (newest)
          expect([...keep].some((b) => b.time.getTime() === newest.time.getTime())).toBe(true)
        expect(backups.filter((b) => b.reason === 'manual').every((b) => keep.has(b))).toBe(true)
      }),
    )
  })

  it('keeps one backup of each day in the daily window that has any', () => {
    fc.assert(
      fc.property(backupsArbitrary, (specs) => {
        const backups = toBackups(specs).filter((b) => b.reason !== 'manual')
        const keep = backupsToKeep(backups, NOW, ZONE)
        const today = dateKeyOf(NOW.getTime(), ZONE)
        const windowDays = new Set<number>()
        for (let d = 0; d < DEFAULT_ROTATION.days; d++)
          windowDays.add(dateKeyOf(NOW.getTime() - d * DAY, ZONE))
        for (const day of windowDays) {
          const ofDay = backups.filter(
            (b) => Math.min(dateKeyOf(b.time.getTime(), ZONE), today) === day,
          )
          if (ofDay.length > 0) expect(ofDay.some((b) => keep.has(b))).toBe(true)
        }
      }),
    )
  })

  it('is a fixed point: rotating what was kept keeps it all', () => {
    fc.assert(
      fc.property(backupsArbitrary, (specs) => {
        const keep = [...backupsToKeep(toBackups(specs), NOW, ZONE)]
        expect(backupsToKeep(keep, NOW, ZONE).size).toBe(keep.length)
      }),
    )
  })
})
