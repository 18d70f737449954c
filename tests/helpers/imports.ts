import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import type { ImportSummary } from '../../shared/imports'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { runImport, type ImportRequest } from '../../electron/services/imports/run'
import { openFresh } from './db'
import { useTempDir } from './tmp'

/** The zone every import test reads local times in (a zone with summer time, not the machine's). */
export const TEST_ZONE = 'Europe/Berlin'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports')

/** A fixture file under tests/fixtures/imports. */
export function fixture(...parts: string[]) {
  return join(FIXTURES, ...parts)
}

/** runImport with the test zone and the derived tables kept, as the app runs it. */
export function importFile(
  handle: DatabaseHandle,
  preset: string,
  file: string,
  options: Partial<ImportRequest> = {},
) {
  return runImport(handle.sqlite, {
    file,
    preset,
    timeZone: TEST_ZONE,
    upkeep: { ...defaultSettings(TEST_ZONE) },
    ...options,
  })
}

/** Rows of a query, for assertions. */
export function rows<T = Record<string, unknown>>(
  handle: DatabaseHandle,
  sql: string,
  ...params: unknown[]
) {
  return handle.sqlite.prepare(sql).all(...params) as T[]
}

/**
 * A fresh database for every test of a preset group, and its fixtures: `run('x.csv')` imports
 * `tests/fixtures/imports/<group>/x.csv` (preset auto unless named).
 */
export function useImportFixtures(group: string) {
  const tempDir = useTempDir()
  let current: DatabaseHandle | undefined
  beforeEach(async () => {
    current = await openFresh(tempDir())
  })
  afterEach(async () => {
    await current?.close()
  })
  const db = () => {
    if (!current) throw new Error('useImportFixtures: no database outside a test')
    return current
  }
  return {
    db,
    tempDir,
    file: (name: string) => fixture(group, name),
    run: (name: string, preset = 'auto') => importFile(db(), preset, fixture(group, name)),
  }
}

/** A summary's counts alone, to compare in one assertion. */
export const countsOf = (s: ImportSummary) => ({
  rows: s.rows,
  inserted: s.inserted,
  duplicates: s.duplicates,
  skipped: s.skipped,
  rejected: s.rejected,
})
