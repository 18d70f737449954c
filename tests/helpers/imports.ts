import { join } from 'node:path'
import { defaultSettings } from '../../shared/settings'
import type { DatabaseHandle } from '../../electron/services/db/open'
import { runImport, type ImportRequest } from '../../electron/services/imports/run'

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
