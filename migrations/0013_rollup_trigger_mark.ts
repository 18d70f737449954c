import type { Kysely } from 'kysely'

// Placeholder for the rollup delete trigger's fix (filled in by the rollups work); a no-op until then.
export async function up(_db: Kysely<unknown>) {}

export async function down(_db: Kysely<unknown>) {}
