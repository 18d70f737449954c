import { expect, test } from '@playwright/test'
import { openDemo, screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

const SECTIONS = [
  'Dashboard',
  'Fitness',
  'Media',
  'Blog',
  'Studio',
  'Analytics',
  'Data',
  'Settings',
] as const

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

test('every section opens from the sidebar, with a screenshot in both themes', async ({ page }) => {
  await openDemo(page, server.url)
  const nav = page.getByRole('navigation', { name: 'Sections' })
  for (const name of SECTIONS) {
    await nav.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(nav.getByRole('link', { name })).toHaveClass(/active/)
    await expect(page.getByRole('status')).toHaveCount(0)
    for (const theme of ['light', 'dark'] as const)
      await screenshot(page, name.toLowerCase(), theme)
  }
})

test('the keyboard reaches every section: Alt+number and Ctrl+K', async ({ page }) => {
  await openDemo(page, server.url)
  await page.keyboard.press('Alt+2')
  await expect(page.getByRole('heading', { level: 1, name: 'Fitness' })).toBeVisible()
  await page.keyboard.press('Alt+8')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()

  await page.keyboard.press('Control+k')
  const jump = page.getByRole('dialog', { name: 'Jump to a section' })
  await expect(jump).toBeVisible()
  await page.keyboard.type('stu')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Studio' })).toBeVisible()
  await expect(jump).toBeHidden()

  // Tab from the top reaches the skip link, then the sidebar's links.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
})

test('a section with demo data shows its record counts', async ({ page }) => {
  await openDemo(page, server.url)
  await page.getByRole('link', { name: 'Fitness' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Fitness' })).toBeVisible()
  // The section's own counts (the Dashboard's week tiles also say "workouts").
  const workouts = page
    .getByRole('list', { name: 'Records' })
    .locator('.stat')
    .filter({ hasText: 'workouts' })
  expect(
    Number((await workouts.locator('.stat-value').innerText()).replace(/\D/g, '')),
  ).toBeGreaterThan(100)
})

test('Data lists every table and view with its rows; a view counts what its events hold', async ({
  page,
}) => {
  await openDemo(page, server.url)
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Data' })
    .click()
  const counts = page.getByRole('table', { name: 'Rows in every table and view' })
  const rows = (name: string) =>
    counts.getByRole('row', { name: new RegExp(`^${name}\\b`) }).locator('td.num')
  // Views are counted on this page only (each runs its joins over every event); they follow
  // the tables' counts.
  await expect(rows('analytics_events')).toBeVisible()
  const digits = async (name: string) => (await rows(name).innerText()).replace(/\D/g, '')
  expect(Number(await digits('fct_event'))).toBeGreaterThan(1000)
  expect(await digits('analytics_events')).toBe(await digits('fct_event'))
})

test('workflow tabs open their pages, and record lists show demo data', async ({ page }) => {
  await openDemo(page, server.url)
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await nav.getByRole('link', { name: 'Fitness' }).click()
  const fitnessTabs = page.getByRole('navigation', { name: 'Fitness records' })
  await fitnessTabs.getByRole('link', { name: 'Start workout' }).click()
  await expect(page.getByRole('heading', { name: 'Start a workout' })).toBeVisible()

  await fitnessTabs.getByRole('link', { name: 'Workouts', exact: true }).click()
  await expect(page.getByRole('row').nth(1)).toBeVisible()
  for (const theme of ['light', 'dark'] as const) await screenshot(page, 'fitness-workouts', theme)

  await nav.getByRole('link', { name: 'Studio' }).click()
  const studioTabs = page.getByRole('navigation', { name: 'Studio records' })
  await studioTabs.getByRole('link', { name: 'Check-in', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Check-in' })).toBeVisible()
  await studioTabs.getByRole('link', { name: 'Weekly series' }).click()
  await expect(page.getByRole('heading', { name: 'New weekly series' })).toBeVisible()
  await studioTabs.getByRole('link', { name: 'People', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: /\d+ people/ })).toBeVisible()
  for (const theme of ['light', 'dark'] as const) await screenshot(page, 'studio-people', theme)
})
