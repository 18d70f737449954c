import { expect, test, type Locator, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { openDemo, screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

/** The charts a section's overview must draw, by card title. */
const PAGES = [
  { section: 'Dashboard', charts: ['Your year'] },
  {
    section: 'Fitness',
    charts: ['Body weight', 'Estimated 1RM', 'Weekly volume by body part', 'Workout frequency'],
  },
  { section: 'Media', charts: ['Hours per week by type', 'Genres', 'Ratings', 'When you watch'] },
  { section: 'Blog', charts: ['Views per post', 'Read time', 'Scroll depth'] },
  { section: 'Studio', charts: ['Attendance by class', 'Busy times', 'Utilisation'] },
  {
    section: 'Analytics',
    charts: [
      'Active people',
      'Stickiness histogram',
      'Retention',
      'Sessions per day',
      'Engagement tiers',
      'Work time and outputs',
      'Data freshness',
    ],
  },
] as const

const card = (page: Page, title: string) =>
  page.locator('section.chart-card').filter({ has: page.getByRole('heading', { name: title }) })

/** Pixels of the card's canvas that are not transparent: a blank canvas has none. */
async function paintedPixels(chart: Locator) {
  const canvas = chart.locator('canvas')
  await expect(canvas).toBeVisible()
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++
    return painted
  })
}

async function tableRows(chart: Locator) {
  await chart.getByRole('button', { name: 'Show as table' }).click()
  const rows = chart.locator('tbody tr')
  await expect(rows.first()).toBeVisible()
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  )
  await chart.getByRole('button', { name: 'Show as table' }).click()
  return texts
}

test('every section draws its charts with demo data, in both themes', async ({ page }) => {
  test.setTimeout(180_000)
  await openDemo(page, server.url)
  const nav = page.getByRole('navigation', { name: 'Sections' })
  for (const { section, charts } of PAGES) {
    await nav.getByRole('link', { name: section }).click()
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
    for (const title of charts) {
      const chart = card(page, title)
      await expect(chart, `${section}: ${title}`).toHaveAttribute('aria-busy', 'false')
      expect(await paintedPixels(chart), `${section}: ${title} is blank`).toBeGreaterThan(500)
    }
    await expect(page.getByRole('status')).toHaveCount(0)
    for (const theme of ['light', 'dark'] as const) {
      await screenshot(page, `charts-${section.toLowerCase()}`, theme)
    }
  }
})

test('a narrower range redraws the charts with fewer days', async ({ page }) => {
  await openDemo(page, server.url)
  await page.evaluate(() => (window.location.hash = '#/analytics'))
  const activity = card(page, 'Active people')
  await expect(activity).toHaveAttribute('aria-busy', 'false')
  const before = await tableRows(activity)
  expect(before).toHaveLength(90)

  await page.getByRole('combobox', { name: 'Range' }).selectOption('30d')
  await expect(async () => expect(await tableRows(activity)).toHaveLength(30)).toPass()
  const after = await tableRows(activity)
  // The same last day, 30 days back.
  expect(after.at(-1)?.[0]).toBe(before.at(-1)?.[0])
  expect(after[0]?.[0]).toBe(before[60]?.[0])
})

test('Export CSV downloads exactly the rows drawn', async ({ page }) => {
  await openDemo(page, server.url)
  await page.evaluate(() => (window.location.hash = '#/analytics'))
  const tiers = card(page, 'Engagement tiers')
  await expect(tiers).toHaveAttribute('aria-busy', 'false')
  const shown = await tableRows(tiers)
  const download = page.waitForEvent('download')
  await tiers.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('engagement-tiers.csv')
  const lines = readFileSync(await file.path(), 'utf8')
    .trim()
    .split(/\r?\n/)
  expect(lines[0]).toBe('month,casual,regular,core,power')
  expect(lines.slice(1).map((line) => line.split(','))).toEqual(shown)
})

test('a chart can be saved as a PNG', async ({ page }) => {
  await openDemo(page, server.url)
  const calendar = card(page, 'Your year')
  await expect(calendar).toHaveAttribute('aria-busy', 'false')
  const download = page.waitForEvent('download')
  await calendar.getByRole('button', { name: 'Save PNG' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('activity-calendar.png')
  const bytes = readFileSync(await file.path())
  expect(bytes.subarray(1, 4).toString()).toBe('PNG')
  expect(bytes.length).toBeGreaterThan(2000)
})

test('a segment narrows every chart on the page to its people', async ({ page }) => {
  await openDemo(page, server.url)
  await page.evaluate(() => (window.location.hash = '#/analytics'))
  const activity = card(page, 'Active people')
  await expect(activity).toHaveAttribute('aria-busy', 'false')
  const everyone = await tableRows(activity)
  const mauOf = (rows: string[][]) => rows.map((row) => Number(row[3]))

  await page.getByRole('combobox', { name: 'Segment' }).selectOption({ label: 'Region' })
  const region = page.getByRole('combobox', { name: 'Region' })
  await expect(region).toBeVisible()
  await region.selectOption('EU')
  await expect(async () => {
    const eu = mauOf(await tableRows(activity))
    expect(eu).toHaveLength(everyone.length)
    // The same days, fewer people: every day's MAU is at most everyone's, and some are below.
    eu.forEach((mau, i) => expect(mau).toBeLessThanOrEqual(mauOf(everyone)[i] ?? 0))
    expect(eu.some((mau, i) => mau < (mauOf(everyone)[i] ?? 0))).toBe(true)
  }).toPass()
  await expect(card(page, 'Engagement tiers')).toHaveAttribute('aria-busy', 'false')
})

test('a theme change redraws the charts in its colours, before and after a range change', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await openDemo(page, server.url)
  await page.evaluate(() => (window.location.hash = '#/analytics'))
  const activity = card(page, 'Active people')
  await expect(activity).toHaveAttribute('aria-busy', 'false')
  const drawing = () =>
    activity.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL())
  // The light drawing once it has settled (two reads alike).
  let light = ''
  await expect(async () => {
    const first = await drawing()
    await page.waitForTimeout(100)
    light = await drawing()
    expect(light).toBe(first)
  }).toPass()

  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(async () => expect(await drawing()).not.toBe(light)).toPass()
  const dark = await drawing()
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(async () => expect(await drawing()).toBe(light)).toPass()

  // Another range, drawn in dark: switching to light redraws it, and back gives the same.
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(async () => expect(await drawing()).toBe(dark)).toPass()
  await page.getByRole('combobox', { name: 'Range' }).selectOption('30d')
  await expect(activity).toHaveAttribute('data-rows', '30')
  await expect(async () => expect(await drawing()).not.toBe(dark)).toPass()
  const month = await drawing()
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(async () => expect(await drawing()).not.toBe(month)).toPass()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(async () => expect(await drawing()).toBe(month)).toPass()
})
