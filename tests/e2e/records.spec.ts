import { expect, test, type Page } from '@playwright/test'
import BetterSqlite3 from 'better-sqlite3'
import { databaseChecksum } from '../../electron/services/db/checksum'
import { startTestServer, type TestServer } from './server'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer()
})
test.afterAll(async () => {
  await server.stop()
})

function checksum() {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    return databaseChecksum(sqlite)
  } finally {
    sqlite.close()
  }
}

function storedValue(sql: string) {
  const sqlite = new BetterSqlite3(server.dbPath, { readonly: true })
  try {
    return sqlite.prepare(sql).pluck().get()
  } finally {
    sqlite.close()
  }
}

async function openTab(page: Page, section: string, tab: string) {
  await page.goto(server.url)
  const welcome = page.getByRole('button', { name: 'Start with my own data' })
  const nav = page.getByRole('navigation', { name: 'Sections' })
  await expect(welcome.or(nav)).toBeVisible()
  if (await welcome.isVisible()) await welcome.click()
  await nav.getByRole('link', { name: section }).click()
  await page
    .getByRole('navigation', { name: `${section} records` })
    .getByRole('link', { name: tab, exact: true })
    .click()
  await expect(page.getByRole('searchbox', { name: `Search ${tab.toLowerCase()}` })).toBeVisible()
}

async function fill(page: Page, values: Record<string, string>) {
  const form = page.getByRole('dialog')
  for (const [label, value] of Object.entries(values)) {
    const input = form.getByLabel(label, { exact: true })
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value)
    else await input.fill(value)
  }
}

interface Case {
  section: string
  tab: string
  label: string
  create: Record<string, string>
  title: string
  edit: Record<string, string>
  edited: string
}

const cases: Case[] = [
  {
    section: 'Fitness',
    tab: 'Exercises',
    label: 'exercise',
    create: { Name: 'Zercher squat', Type: 'strength', 'Body part': 'legs' },
    title: 'Zercher squat',
    edit: { 'Body part': 'glutes' },
    edited: 'glutes',
  },
  {
    section: 'Media',
    tab: 'Films',
    label: 'film',
    create: { Title: 'Heat', Year: '1995', 'Your rating': '9', Watched: '2025-03-01' },
    title: 'Heat',
    edit: { Director: 'Michael Mann' },
    edited: 'Michael Mann',
  },
  {
    section: 'Blog',
    tab: 'Categories',
    label: 'category',
    create: { Name: 'Training notes' },
    title: 'Training notes',
    edit: { Description: 'How the training went' },
    edited: 'How the training went',
  },
  {
    section: 'Studio',
    tab: 'Locations',
    label: 'location',
    create: { Name: 'Harbour Studio', City: 'Bristol' },
    title: 'Harbour Studio',
    edit: { City: 'Bath' },
    edited: 'Bath',
  },
  {
    section: 'Analytics',
    tab: 'Accounts',
    label: 'account',
    create: { Name: 'Acme Rockets', Plan: 'pro' },
    title: 'Acme Rockets',
    edit: { Region: 'EU' },
    edited: 'EU',
  },
]

for (const c of cases) {
  test(`${c.section}: a ${c.label} is created, survives a reload, is edited, deleted and restored`, async ({
    page,
  }) => {
    await openTab(page, c.section, c.tab)
    await page.keyboard.press('n')
    await expect(page.getByRole('dialog', { name: `New ${c.label}` })).toBeVisible()
    await fill(page, c.create)
    await page.getByRole('button', { name: 'Save' }).click()
    const row = page.getByRole('row').filter({ hasText: c.title })
    await expect(row).toBeVisible()

    await page.reload()
    await expect(row).toBeVisible()

    await row.click()
    await fill(page, c.edit)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(row).toContainText(c.edited)

    await row.click()
    await page.getByRole('button', { name: 'Delete…' }).click()
    const confirm = page.getByRole('dialog', { name: `Delete ${c.label}` })
    await expect(confirm).toContainText(c.title)
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(row).toHaveCount(0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(row).toBeVisible()
  })
}

test('invalid input shows the field’s message and leaves the database unchanged', async ({
  page,
}) => {
  await openTab(page, 'Media', 'Films')
  const before = checksum()
  await page.getByRole('button', { name: 'New film' }).click()
  await fill(page, { Title: '', 'Your rating': '11', Watched: '2025-02-30' })
  await page.getByRole('button', { name: 'Save' }).click()
  const form = page.getByRole('dialog', { name: 'New film' })
  await expect(form.getByText('Title is required')).toBeVisible()
  await expect(form.getByText('Your rating must be at most 10')).toBeVisible()
  await expect(form.getByLabel('Title', { exact: true })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(form).toBeHidden()
  expect(checksum()).toBe(before)
})

test('a duplicate name is refused on the field, and nothing is written', async ({ page }) => {
  await openTab(page, 'Fitness', 'Equipment')
  await page.getByRole('button', { name: 'New equipment' }).click()
  await fill(page, { Name: 'Trap bar' })
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('row').filter({ hasText: 'Trap bar' })).toBeVisible()
  const before = checksum()
  await page.getByRole('button', { name: 'New equipment' }).click()
  await fill(page, { Name: 'trap BAR' })
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(/already/i)
  expect(checksum()).toBe(before)
})

test('weights are typed and shown in the person’s unit and stored in kilograms', async ({
  page,
}) => {
  await openTab(page, 'Fitness', 'Measurements')
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Settings' })
    .click()
  await page.getByLabel('Weight').selectOption('lb')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved')).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Fitness' })
    .click()
  await page.getByRole('link', { name: 'Measurements', exact: true }).click()
  await page.getByRole('button', { name: 'New measurement' }).click()
  await fill(page, { Date: '2025-03-01', Weight: '180' })
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('row').filter({ hasText: '180 lb' })).toBeVisible()
  expect(
    storedValue(`SELECT weight FROM fitness_measurements WHERE measurement_date = '2025-03-01'`),
  ).toBeCloseTo(81.6466, 3)
})
