import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { Migrator, NO_MIGRATIONS } from 'kysely/migration'
import { migrations } from '../../../migrations'
import { LogbookError } from '../../../shared/errors'
import type { Database } from '../../../shared/schema'

export const MIGRATION_TABLE = 'kysely_migration'
export const knownMigrations = Object.keys(migrations).sort()

export interface MigrationState {
  applied: string[]
  pending: string[]
}

/**
 * What a file has applied, checked against what this build knows. A file whose history is not a
 * prefix of ours was written by a newer Logbook (or something else): refuse it untouched.
 */
export function readMigrationState(sqlite: BetterSqlite3.Database): MigrationState {
  const hasTable = sqlite
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`)
    .get(MIGRATION_TABLE)
  const applied = hasTable
    ? (sqlite
        .prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`)
        .pluck()
        .all() as string[])
    : []
  applied.forEach((name, index) => {
    if (knownMigrations[index] !== name) {
      throw new LogbookError(
        'newer_database',
        `This database was written by a newer version of Logbook (it has migration "${name}", ` +
          `which this version does not know). Update Logbook to open it; the file was not changed.`,
      )
    }
  })
  return { applied, pending: knownMigrations.slice(applied.length) }
}

function migratorFor(db: Kysely<Database>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  })
}

/**
 * Runs inside one transaction on the single connection, so a failing step leaves the file as it
 * was (Kysely does not wrap SQLite migrations itself, but SQLite's DDL is transactional).
 */
async function migrateAtomically(
  sqlite: BetterSqlite3.Database,
  run: (migrator: Migrator) => Promise<{ error?: unknown }>,
  migrator: Migrator,
) {
  sqlite.exec('BEGIN IMMEDIATE')
  try {
    const { error } = await run(migrator)
    if (error) throw error
    sqlite.exec('COMMIT')
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    const reason = error instanceof Error ? error.message : String(error)
    throw new LogbookError('internal', `Could not update the database's structure: ${reason}`)
  }
}

export async function migrateToLatest(sqlite: BetterSqlite3.Database, db: Kysely<Database>) {
  await migrateAtomically(sqlite, (m) => m.migrateToLatest(), migratorFor(db))
}

/** Down to `target` (a migration name) or to an empty database; used by tests and tooling. */
export async function migrateDownTo(
  sqlite: BetterSqlite3.Database,
  db: Kysely<Database>,
  target: string | typeof NO_MIGRATIONS = NO_MIGRATIONS,
) {
  await migrateAtomically(sqlite, (m) => m.migrateTo(target), migratorFor(db))
}

export { NO_MIGRATIONS }
