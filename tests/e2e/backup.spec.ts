import { expect, test } from '@playwright/test'
import { screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

test('Settings lists backups, backs up now, and restores an earlier state', async ({ page }) => {
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Start with my own data' }).click()
  await page.getByRole('link', { name: 'Settings' }).click()

  const panel = page.getByRole('region', { name: 'Backups' })
  await expect(panel.getByText('No backups of this database yet')).toBeVisible()
  await expect(panel.getByLabel('Back up automatically every')).toHaveValue('6')

  // The state to come back to: weights in kilograms.
  await expect(page.getByLabel('Weight')).toHaveValue('kg')
  await panel.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByText(/Backed up to logbook-\d{8}T\d{9}Z-manual\.db/)).toBeVisible()
  const rows = panel.getByRole('table', { name: 'Backups, newest first' }).locator('tbody tr')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('By hand')

  await page.getByLabel('Weight').selectOption('lb')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()

  // The interval is a setting too, saved from the panel.
  await panel.getByLabel('Back up automatically every').fill('12')
  await panel.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Backing up every 12 hours')).toBeVisible()

  await screenshot(page, 'backups', 'light')
  await screenshot(page, 'backups', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Keyboard: focus the row's Restore… button and press Enter; the dialog says what happens.
  await rows
    .first()
    .getByRole('button', { name: /^Restore the backup from/ })
    .focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Restore this backup' })
  await expect(dialog).toContainText('The current state is backed up first')
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(/Restored the backup from/)).toBeVisible()

  // Back to kilograms and the 6-hour interval; the state just before is now a backup too.
  await expect(page.getByLabel('Weight')).toHaveValue('kg')
  await expect(panel.getByLabel('Back up automatically every')).toHaveValue('6')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toContainText('Before a restore')
})
