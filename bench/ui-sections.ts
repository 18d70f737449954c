// How fast the chart pages are in real Chromium with the demo data: the time from clicking a
// section in the sidebar until every chart on it has its numbers and is drawn (goal ≤ 500 ms),
// and from changing the date range until the charts are redrawn (goal ≤ 200 ms), as the first
// round (every report computed) and the median of the rounds. The baseline, in the same run:
// opening a records tab, which draws no chart. Like the app, `serve` warms the reports up one
// second after it starts (reports/warm-up.ts): the first visits here come during or after it,
// as a person's first clicks after start-up would.
import { chromium, type Page } from '@playwright/test'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const SECTIONS = ['Dashboard', 'Fitness', 'Media', 'Blog', 'Studio', 'Analytics'] as const
const ROUNDS = Number(process.env.BENCH_UI_ROUNDS ?? 3)
const ROOT = join(import.meta.dirname, '..')

function chromiumPath() {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

async function serve(dbPath: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), '--db', dbPath, 'serve', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const { stdout } = child
  if (!stdout) throw new Error('serve has no output to read its address from')
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: stdout }).once('line', resolve),
  )
  const url = /(http:\/\/\S+)/.exec(line)?.[1]
  if (!url) throw new Error(`serve printed: ${line}`)
  return { url, stop: () => child.kill('SIGTERM') }
}

/** Every chart card has its numbers and every canvas has paint on it. */
function chartsReady(page: Page, rows?: { title: string; count: number }) {
  return page.waitForFunction(
    (expected) => {
      const cards = [...document.querySelectorAll('section.chart-card')]
      if (cards.length === 0) return false
      for (const card of cards) {
        if (card.getAttribute('aria-busy') !== 'false') return false
        const canvas = card.querySelector('canvas')
        if (canvas && (canvas.width === 0 || canvas.height === 0)) return false
      }
      if (!expected) return true
      const card = cards.find((c) => c.querySelector('h3')?.textContent === expected.title)
      return card?.getAttribute('data-rows') === String(expected.count)
    },
    rows,
    { polling: 'raf', timeout: 30_000 },
  )
}

async function timed(action: () => Promise<unknown>) {
  const started = performance.now()
  await action()
  return performance.now() - started
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

export async function runUiSectionsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-ui-'))
  const dbPath = join(dir, 'demo.db')
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), '--db', dbPath, 'seed'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  )
  const server = await serve(dbPath)
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } })
    await page.goto(server.url)
    const nav = page.getByRole('navigation', { name: 'Sections' })
    await nav.waitFor()
    const times = new Map<string, number[]>(SECTIONS.map((s) => [s, []]))
    const baseline: number[] = []
    const filter: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const section of SECTIONS) {
        const ms = await timed(async () => {
          await nav.getByRole('link', { name: section }).click()
          await chartsReady(page)
        })
        times.get(section)?.push(ms)
      }
      // Baseline: a records tab (a table, no chart).
      await nav.getByRole('link', { name: 'Media' }).click()
      await chartsReady(page)
      baseline.push(
        await timed(async () => {
          await page.getByRole('link', { name: 'Films', exact: true }).click()
          await page.getByRole('table').first().waitFor()
        }),
      )
      // A filter change on Analytics: 90 days → 30 days, until every chart is redrawn.
      await nav.getByRole('link', { name: 'Analytics' }).click()
      const range = page.getByRole('combobox', { name: 'Range' })
      await range.selectOption('90d')
      await chartsReady(page, { title: 'Active people', count: 90 })
      filter.push(
        await timed(async () => {
          await range.selectOption('30d')
          await chartsReady(page, { title: 'Active people', count: 30 })
        }),
      )
    }
    const base = median(baseline)
    console.log(
      `ui sections: demo data, Chromium, median of ${ROUNDS} rounds (baseline: opening a records tab, ${base.toFixed(0)} ms)`,
    )
    // The first round computes every report; later rounds may be answered from the server's
    // report cache (reports/result-cache.ts: same request, unchanged database, same minute).
    const both = (values: number[]) => {
      const first = values[0] ?? 0
      const typical = median(values)
      return `first ${first.toFixed(0).padStart(5)} ms (${(first / base).toFixed(1)}×), median ${typical.toFixed(0).padStart(5)} ms (${(typical / base).toFixed(1)}×)`
    }
    for (const section of SECTIONS)
      console.log(
        `  ${section.padEnd(10)} all charts drawn: ${both(times.get(section) ?? [])}; goal ≤ 500 ms`,
      )
    console.log(
      `  range 90 → 30 days on Analytics, every chart redrawn: ${both(filter)}; goal ≤ 200 ms`,
    )
  } finally {
    await browser.close()
    server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
