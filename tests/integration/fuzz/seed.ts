import { join } from 'node:path'
import { runImport } from '../../../electron/services/imports/run'
import type { Session } from '../../../electron/services/session'
import { defaultSettings } from '../../../shared/settings'

const IMPORTS = join(import.meta.dirname, '..', '..', 'fixtures', 'imports')

/** Real rows in every module, small enough to checksum before every fuzzed call. */
const SEED_FILES = [
  'safety/good-events.csv',
  'fitness/strong-current-kg.csv',
  'studio/members.csv',
  'studio/visits.csv',
  'cli/letterboxd-ratings.csv',
  'media/goodreads.csv',
  'body/generic-kg.csv',
  'nutrition/mfp-nutrition.csv',
  'tables/goals.csv',
]

export async function seedSmallDatabase(session: Session) {
  const timeZone = 'Europe/Berlin'
  for (const file of SEED_FILES) {
    await runImport(session.handle.sqlite, {
      file: join(IMPORTS, file),
      preset: 'auto',
      timeZone,
      upkeep: defaultSettings(timeZone),
      backup: false,
    })
  }
}
