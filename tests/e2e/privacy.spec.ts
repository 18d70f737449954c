import { expect, test, type Page } from '@playwright/test'
import type { CallOutcome } from '../../shared/api'
import type { PersonHoldings, PersonMatch } from '../../shared/privacy'
import { openDemo, screenshot } from './helpers'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${server.origin}/api/${method}`, {
    headers: { 'X-Logbook-Token': server.token },
    data: input,
  })
  const outcome = (await response.json()) as CallOutcome<T>
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`)
  return outcome.result
}

test('retention: policies are off, a preview counts what one would delete', async ({ page }) => {
  test.setTimeout(180_000)
  await openDemo(page, server.url)
  await page.getByRole('link', { name: 'Settings' }).click()
  const panel = page.locator('section.retention-panel')
  await expect(panel.getByLabel('Analytics events', { exact: true })).not.toBeChecked()

  await panel.getByRole('button', { name: 'Preview' }).click()
  await expect(panel.getByTestId('retention-total')).toHaveText('0')
  await expect(panel.getByRole('button', { name: 'Archive and delete…' })).toBeDisabled()

  await panel.getByLabel('Analytics events', { exact: true }).check()
  await panel.getByLabel('Analytics events: days to keep').fill('30')
  await panel.getByRole('button', { name: 'Save retention' }).click()
  await expect(page.getByText('Retention settings saved')).toBeVisible()
  await panel.getByRole('button', { name: 'Preview' }).click()
  const total = panel.getByTestId('retention-total')
  await expect(total).not.toHaveText('0')
  const preview = await call<{ totalRows: number }>(page, 'retention.preview', {})
  await expect(total).toHaveText(new Intl.NumberFormat('en-US').format(preview.totalRows))

  await panel.getByRole('button', { name: 'Archive and delete…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Archive and delete old records' })
  await expect(dialog.getByText(/rows of fct_event older than 30 days/)).toBeVisible()
  await screenshot(page, 'retention', 'light')
  await screenshot(page, 'retention', 'dark')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  // Cancelled: nothing went.
  expect((await call<{ totalRows: number }>(page, 'retention.preview', {})).totalRows).toBe(
    preview.totalRows,
  )
})

test('privacy: find a person, preview what they hold, then delete them', async ({ page }) => {
  test.setTimeout(180_000)
  await openDemo(page, server.url)
  // A member with events and class visits.
  const people = await call<PersonMatch[]>(page, 'privacy.find', { query: '', limit: 100 })
  let chosen: PersonHoldings | null = null
  for (const person of people) {
    const holdings = await call<PersonHoldings>(page, 'privacy.preview', { id: person.id })
    const has = (table: string) => holdings.tables.some((t) => t.table === table)
    if (has('fct_event') && has('fact_class_attendance')) {
      chosen = holdings
      break
    }
  }
  expect(chosen).not.toBeNull()
  const person = chosen!.person

  await page.getByRole('link', { name: 'Settings' }).click()
  const panel = page.locator('section.privacy-panel')
  await panel.getByLabel('Person').fill(person.userId)
  await panel.getByRole('button', { name: 'Search' }).click()
  await panel
    .getByRole('list', { name: 'People found' })
    .getByRole('button', { name: new RegExp(person.userId) })
    .click()
  const table = panel.getByRole('table', { name: 'Rows held about this person' })
  const events = chosen!.tables.find((t) => t.table === 'fct_event')!.rows
  await expect(table.getByRole('row', { name: /fct_event/ })).toContainText(
    new Intl.NumberFormat('en-US').format(events),
  )

  await panel.getByRole('button', { name: 'Delete…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this person' })
  const confirm = dialog.getByRole('button', { name: `Delete ${person.userId}` })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill('not them')
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill(person.userId)
  await screenshot(page, 'privacy', 'light')
  await screenshot(page, 'privacy', 'dark')
  await confirm.click()
  await expect(page.getByText(`Deleted ${person.userId}`)).toBeVisible()
  await expect(panel.getByText(`No one matches “${person.userId}”.`)).toBeVisible()
  expect(
    await call<PersonMatch[]>(page, 'privacy.find', { query: person.userId, limit: 5 }),
  ).toEqual([])
})
