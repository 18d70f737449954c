import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../electron/cli/run'
import { openDatabase } from '../../electron/services/db/open'
import { REPORTS } from '../../electron/services/reports/registry'
import { runReport } from '../../electron/services/reports/run'
import { rebuildRollups } from '../../electron/services/rollups/rebuild'
import { readSettings, writeSettings } from '../../electron/services/settings/store'
import { reportToCsv, type ReportResult } from '../../shared/reports'
import { expectOneLineError, runCliProcess } from '../helpers/cli'
import { METRICS_ZONE, writeMetricsData } from '../helpers/metrics-data'
import { useSuiteTempDir } from '../helpers/tmp'

const tempDir = useSuiteTempDir()
let db = ''

beforeAll(async () => {
  db = join(tempDir(), 'report.db')
  const handle = await openDatabase(db)
  const settings = await writeSettings(handle.db, { timeZone: METRICS_ZONE })
  // All in 2024, so nothing is stamped after the real now the CLI runs with.
  writeMetricsData(handle.sqlite, { seed: 5, future: false, people: 40 })
  rebuildRollups(handle.sqlite, settings)
  await handle.close()
})

/** The real CLI in a child process (slow to start: a few of these). */
const reportProcess = (...args: string[]) => runCliProcess(['--db', db, 'report', ...args])

/** The same CLI entry point in this process, with stdout and stderr captured. */
async function report(...args: string[]) {
  let stdout = ''
  const errors: string[] = []
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  try {
    const code = await runCli(['--db', db, 'report', ...args], {
      out: (line) => {
        stdout += `${line}\n`
      },
      err: (line) => errors.push(line),
    })
    return { code, stdout, stderr: errors.map((line) => `${line}\n`).join('') }
  } finally {
    write.mockRestore()
  }
}

/** The same report run in this process, on the same file. */
async function inProcess(name: string, params: Record<string, unknown>): Promise<ReportResult> {
  const handle = await openDatabase(db)
  try {
    const settings = await readSettings(handle.db)
    return runReport({ sqlite: handle.sqlite, settings, now: Date.now() }, name, params).result
  } finally {
    await handle.close()
  }
}

describe('cli report', () => {
  it('--help lists every report with a line each, and the options', () => {
    const result = reportProcess('--help')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: logbook [--db PATH] report <name>')
    for (const r of REPORTS) expect(result.stdout).toMatch(new RegExp(`^  ${r.name} +\\S`, 'm'))
    for (const option of ['--from', '--to', '--tz', '--interval', '--segment', '--filter']) {
      expect(result.stdout).toContain(option)
    }
    expect(result.stdout).toContain('--format')
    expect(result.stdout).toContain('--timing')
  })

  it.each([
    ['activity', 'date,dau,wau,mau,stickiness'],
    ['sessions', 'date,sessions,avg_duration_s,users'],
    ['tiers', 'month,tier,users'],
    ['lifecycle', 'period,new,returning,resurrecting,dormant'],
    ['retention', 'cohort,cohort_size,period,active,rate,complete'],
    ['active_days', 'period,days_active,users'],
  ])('%s has the header %s', async (name, header) => {
    const result = await report(name, '--from', '2024-03-01', '--to', '2024-04-30')
    expect(result.code).toBe(0)
    expect(result.stdout.split('\r\n')[0]).toBe(header)
    expect(result.stdout.split('\r\n').length).toBeGreaterThan(2)
  })

  it('writes the same CSV as the report run in process; notes go to stderr', async () => {
    const args = ['--from', '2024-03-25', '--to', '2024-04-07', '--segment', 'plan_tier']
    const result = reportProcess('activity', ...args)
    expect(result.code).toBe(0)
    const expected = await inProcess('activity', {
      from: '2024-03-25',
      to: '2024-04-07',
      segment: 'plan_tier',
    })
    expect(result.stdout).toBe(reportToCsv(expected))
    expect(result.stdout.startsWith('date,segment,dau,wau,mau,stickiness\r\n')).toBe(true)
    const elsewhere = await report('tiers', '--tz', 'Asia/Kolkata')
    expect(elsewhere.stdout.startsWith('month,tier,users\r\n')).toBe(true)
    expect(elsewhere.stderr).toContain('note: Computed from the raw events in Asia/Kolkata')
  })

  it('--format json is one object with columns, rows and notes; --timing prints query_ms', async () => {
    const result = reportProcess(
      'retention',
      '--interval',
      'month',
      '--filter',
      'plan_tier=team,enterprise',
      '--tz',
      'America/New_York',
      '--format',
      'json',
      '--timing',
    )
    expect(result.code).toBe(0)
    const parsed = JSON.parse(result.stdout) as ReportResult
    expect(parsed.columns).toEqual([
      'cohort',
      'cohort_size',
      'period',
      'active',
      'rate',
      'complete',
    ])
    const expected = await inProcess('retention', {
      interval: 'month',
      filters: { plan_tier: ['team', 'enterprise'] },
      timeZone: 'America/New_York',
    })
    expect(parsed.rows).toEqual(expected.rows)
    expect(parsed.notes.some((n) => n.includes('raw events in America/New_York'))).toBe(true)
    expect(result.stderr.trim()).toMatch(/^query_ms=\d+(\.\d+)?$/)
  })

  it.each([
    [['nope'], /^logbook: unknown report "nope" \(see logbook report --help\)$/],
    [
      ['activity', '--from', '2024-02-30'],
      /from must be a date written YYYY-MM-DD, not "2024-02-30"/,
    ],
    [['activity', '--from', '2024-05-01', '--to', '2024-04-01'], /from \(2024-05-01\) is after to/],
    [['activity', '--tz', 'Mars/Olympus'], /unknown time zone "Mars\/Olympus"/],
    [['activity', '--segment', 'shoe_size'], /unknown attribute "shoe_size"; one of: account, /],
    [['activity', '--filter', 'shoe_size=42'], /unknown attribute "shoe_size"/],
    [['activity', '--interval', 'week'], /activity takes no interval/],
    [['tiers', '--format', 'xml'], /--format must be one of csv, json, not "xml"/],
    [[], /name a report/],
  ])('%j is one clear line with exit code 2', async (args, message) => {
    const result = await report(...args)
    expect(result.code).toBe(2)
    expectOneLineError(result, message)
  })

  it('a mistake in a real process is one line on stderr, exit code 2', () => {
    const result = reportProcess('activity', '--segment', 'shoe_size')
    expect(result.code).toBe(2)
    expectOneLineError(
      result,
      /^logbook: unknown attribute "shoe_size"; one of: account, .*\(see logbook report --help\)$/,
    )
  })

  it('a missing database file is an error of its own (exit 1), never created', async () => {
    const path = join(tempDir(), 'none.db')
    const result = await report('activity')
    const missing = await runCli(['--db', path, 'report', 'activity'], {
      out: () => undefined,
      err: () => undefined,
    })
    expect(result.code).toBe(0)
    expect(missing).toBe(1)
    expect(existsSync(path)).toBe(false)
  })
})
