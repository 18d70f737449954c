import type { Kysely } from 'kysely'

// Placeholder for fct_event's indexes (filled in by the import-speed work); a no-op until then.
export async function up(_db: Kysely<unknown>) {}

export async function down(_db: Kysely<unknown>) {}
