import type BetterSqlite3 from 'better-sqlite3'
import { dirname, join } from 'node:path'
import type { PersonExportResult } from '../../../shared/privacy'
import type { TableName } from '../../../shared/schema'
import { exportColumns } from '../exports/export-table'
import { folderStamp, writeCsvFolder } from '../retention/csv-folder'
import { personById } from './people'
import { countScope, personScope } from './scope'

export const PERSON_EXPORT_FORMAT = 'logbook-person-export'

export function defaultPersonFolder(databasePath: string, id: number, now: Date) {
  return join(dirname(databasePath), 'exports', `person-${id}-${folderStamp(now)}`)
}

/**
 * Every row about one person, one CSV per table that holds any (the columns of "export
 * everything", in primary-key order), and a manifest; read in one read transaction.
 */
export function exportPerson(
  sqlite: BetterSqlite3.Database,
  databasePath: string,
  id: number,
  options: { folder?: string; now?: Date } = {},
): PersonExportResult {
  const now = options.now ?? new Date()
  const folder = options.folder ?? defaultPersonFolder(databasePath, id, now)
  return sqlite.transaction(() => {
    const person = personById(sqlite, id)
    const tables = countScope(sqlite, personScope(sqlite), id).filter((t) => t.rows > 0)
    const files = writeCsvFolder(
      sqlite,
      folder,
      tables.map((t) => {
        const columns = exportColumns(t.table as TableName)
        return {
          table: t.table,
          columns,
          sql: `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t.table}" WHERE ${t.where} ORDER BY 1`,
          params: { id },
        }
      }),
      {
        format: PERSON_EXPORT_FORMAT,
        format_version: 1,
        exported_at: now.toISOString(),
        person: { id: person.id, user_id: person.userId },
      },
    )
    return { folder, files: files.map(({ table, file, rows }) => ({ table, file, rows })) }
  })()
}
