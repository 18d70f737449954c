import { expect, test, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

async function openExercises(page: Page) {
  await page.goto(server.url)
  const welcome = page.getByRole('button', { name: 'Start with my own data' })
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await expect(welcome.or(nav)).toBeVisible()
  if (await welcome.isVisible()) await welcome.click()
  await nav.getByRole('link', { name: 'Fitness' }).click()
  await page
    .getByRole('navigation', { name: 'Fitness records' })
    .getByRole('link', { name: 'Exercises', exact: true })
    .click()
  await expect(page.getByRole('searchbox', { name: 'Search exercises' })).toBeVisible()
}

async function fill(page: Page, values: Record<string, string>) {
  const form = page.getByRole('dialog')
  for (const [label, value] of Object.entries(values)) {
    const input = form.getByLabel(label, { exact: true })
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value)
    else await input.fill(value)
  }
}

test('an edit made in the UI is in the audit log with its change, filtered and exported', async ({
  page,
}) => {
  await openExercises(page)
  await page.keyboard.press('n')
  await fill(page, { Name: 'Zercher squat', Type: 'strength', 'Body part': 'legs' })
  await page.getByRole('button', { name: 'Save' }).click()
  const row = page.getByRole('row').filter({ hasText: 'Zercher squat' })
  await expect(row).toBeVisible()
  await row.click()
  await fill(page, { 'Body part': 'glutes' })
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(row).toContainText('glutes')

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Settings' })
    .click()
  const panel = page.getByRole('region', { name: 'Audit log' })
  const entries = panel.getByRole('table', { name: 'Audit log entries, newest first' })
  const edit = entries.getByRole('row').filter({ hasText: 'body_part: legs → glutes' })
  await expect(edit).toBeVisible()
  await expect(edit).toContainText('Edited')
  await expect(edit).toContainText('fitness_exercises')
  await expect(edit).toContainText('Browser')
  await expect(edit).toContainText('records.update')
  // Newest first: the edit above the create.
  await expect(entries.getByRole('row').nth(1)).toContainText('Edited')
  await expect(entries.getByRole('row').nth(2)).toContainText('Created')
  await expect(entries.getByRole('row').nth(2)).toContainText('exercise_name: Zercher squat')
  await expect(panel.getByRole('status')).toHaveText('1–2 of 2 entries')
  await expect(page.getByText('Exercise saved')).toHaveCount(0, { timeout: 10_000 })
  await panel.scrollIntoViewIfNeeded()
  await screenshot(page, 'audit', 'light')
  await screenshot(page, 'audit', 'dark')

  await panel.getByLabel('Action').selectOption('update')
  await expect(entries.getByRole('row')).toHaveCount(2)
  await expect(panel.getByRole('status')).toHaveText('1–1 of 1 entry')
  await panel.getByLabel('Table').selectOption('fitness_exercises')
  await expect(edit).toBeVisible()

  const download = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('audit-log.csv')
  const csv = Papa.parse<Record<string, string>>(readFileSync(await file.path(), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  })
  expect(csv.data).toHaveLength(1)
  expect(csv.data[0]).toMatchObject({
    action: 'update',
    table: 'fitness_exercises',
    adapter: 'http',
    method: 'records.update',
    summary: 'body_part: legs → glutes',
  })

  // A filter nothing matches says so.
  await panel.getByLabel('Source').selectOption('cli')
  await expect(panel.getByText('No entries match these filters.')).toBeVisible()
  await panel.getByRole('button', { name: 'Clear filters' }).click()
  await expect(panel.getByRole('status')).toHaveText('1–2 of 2 entries')
})
