import { expect, test } from '@playwright/test'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

test('settings are stored in the database and survive a reload', async ({ page }) => {
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Start with my own data' }).click()
  await page.getByRole('link', { name: 'Settings' }).click()

  await page.getByLabel('Reporting time zone').selectOption('Pacific/Auckland')
  await page.getByLabel('Weeks start on').selectOption('sunday')
  await page.getByLabel('Weight').selectOption('lb')
  await page.getByLabel('Distance').selectOption('mi')
  await page.getByLabel('A pause longer than this starts a new session').fill('45')
  await page.getByLabel('Theme').selectOption('dark')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')

  await page.reload()
  await expect(page.getByLabel('Reporting time zone')).toHaveValue('Pacific/Auckland')
  await expect(page.getByLabel('Weeks start on')).toHaveValue('sunday')
  await expect(page.getByLabel('Weight')).toHaveValue('lb')
  await expect(page.getByLabel('Distance')).toHaveValue('mi')
  await expect(page.getByLabel('A pause longer than this starts a new session')).toHaveValue('45')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test('an invalid setting shows the field’s message and is not saved', async ({ page }) => {
  await page.goto(server.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  const gap = page.getByLabel('A pause longer than this starts a new session')
  const before = await gap.inputValue()
  await gap.fill('0')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /≥1|at least 1|>=1/ })).toBeVisible()
  await page.getByLabel('Regular from').fill('20')
  await page.getByLabel('Core from').fill('10')
  await gap.fill(before)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Core must start at more active days than Regular')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Core from')).not.toHaveValue('10')
})
