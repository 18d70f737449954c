import type BetterSqlite3 from 'better-sqlite3'
import { LogbookError } from '../../../shared/errors'
import type { ImportRecord } from '../../../shared/imports'
import { tables, type TableName } from '../../../shared/schema'
import { foreignKeyGraph } from '../records/graph'
import type { RollupSettings } from '../rollups/rebuild'
import { presetNamed } from './presets'
import { DERIVED_TABLES, upkeepAfterImport } from './upkeep'

interface ImportRow {
  id: number
  file_name: string
  file_hash: string
  preset: string
  rows_read: number
  inserted: number
  duplicates: number
  skipped: number
  rejected: number
  status: 'done' | 'undone'
  started_at: string
  finished_at: string | null
  undone_at: string | null
}

function toRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    fileHash: row.file_hash,
    preset: row.preset,
    rows: row.rows_read,
    inserted: row.inserted,
    duplicates: row.duplicates,
    skipped: row.skipped,
    rejected: row.rejected,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    undoneAt: row.undone_at,
  }
}

/** Every import, newest first. */
export function listImports(sqlite: BetterSqlite3.Database, limit = 200): ImportRecord[] {
  const rows = sqlite
    .prepare('SELECT * FROM imports ORDER BY id DESC LIMIT ?')
    .all(limit) as ImportRow[]
  return rows.map(toRecord)
}

export interface UndoResult {
  import: ImportRecord
  /** Rows the import had inserted, now deleted. */
  removed: number
  /** Rows it had changed, now back as they were. */
  restored: number
  /** Rows it inserted that other records now use (an exercise logged since): left in place. */
  kept: number
}

/** Whether anything other than what is being undone still refers to this row. */
function isReferenced(sqlite: BetterSqlite3.Database, table: string, rowId: number) {
  const keys = foreignKeyGraph(sqlite).referencing.get(table) ?? []
  for (const key of keys) {
    // Derived rows are recomputed after the undo; they never keep a row alive.
    if (DERIVED_TABLES.includes(key.child)) continue
    const parentColumns = key.to.map((c) => `p.${c}`)
    const conditions = key.from.map((c, i) => `c.${c} = ${parentColumns[i]}`).join(' AND ')
    const hit = sqlite
      .prepare(
        `SELECT 1 FROM ${key.child} c JOIN ${table} p ON ${conditions} WHERE p.rowid = ? LIMIT 1`,
      )
      .get(rowId)
    if (hit !== undefined) return true
  }
  return false
}

function restoreRow(sqlite: BetterSqlite3.Database, table: string, rowId: number, before: string) {
  const values = JSON.parse(before) as Record<string, string | number | null>
  const columns = Object.keys(values).filter((c) => Object.hasOwn(tables[table as TableName], c))
  if (columns.length === 0) return 0
  return sqlite
    .prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`)
    .run(...columns.map((c) => values[c] ?? null), rowId).changes
}

/**
 * A later import that changed rows this one inserted would lose those changes silently: it has
 * to be undone first.
 */
function assertNoLaterImportBuiltOn(sqlite: BetterSqlite3.Database, row: ImportRow) {
  const later = sqlite
    .prepare(
      `SELECT DISTINCT i.id, i.file_name FROM import_rows mine
         JOIN (SELECT import_id, table_name, row_id FROM import_rows
               UNION ALL SELECT import_id, table_name, row_id FROM import_keys) theirs
           ON theirs.table_name = mine.table_name AND theirs.row_id = mine.row_id
         JOIN imports i ON i.id = theirs.import_id
        WHERE mine.import_id = ? AND mine.before_json IS NULL AND theirs.import_id > ?
          AND i.status = 'done'
        ORDER BY i.id DESC`,
    )
    .all(row.id, row.id) as { id: number; file_name: string }[]
  if (later.length > 0) {
    const names = later.map((l) => `${l.id} (${l.file_name})`).join(', ')
    throw new LogbookError(
      'conflict',
      `Import ${names} changed rows that import ${row.id} added; undo ${later.length === 1 ? 'it' : 'those'} first`,
    )
  }
}

/**
 * Takes a whole import back in one transaction: its events, then the rows it inserted (newest
 * first, so children go before parents), and the rows it changed are put back as they were.
 * A row something else has come to use since is kept rather than cascading into that.
 */
export function undoImport(
  sqlite: BetterSqlite3.Database,
  importId: number,
  settings: RollupSettings,
): UndoResult {
  const undo = sqlite.transaction((): UndoResult => {
    const row = sqlite.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as
      ImportRow | undefined
    if (!row) throw new LogbookError('not_found', `There is no import ${importId}`, 'importId')
    if (row.status === 'undone') {
      throw new LogbookError('conflict', `Import ${importId} (${row.file_name}) was already undone`)
    }
    assertNoLaterImportBuiltOn(sqlite, row)
    let removed = sqlite.prepare('DELETE FROM fct_event WHERE import_id = ?').run(importId).changes
    let restored = 0
    let kept = 0
    const logged = sqlite
      .prepare(
        'SELECT table_name, row_id, before_json FROM import_rows WHERE import_id = ? ORDER BY seq DESC',
      )
      .all(importId) as { table_name: string; row_id: number; before_json: string | null }[]
    const touched = new Set<TableName>(removed > 0 ? ['fct_event'] : [])
    const keptRows = new Set<string>()
    for (const entry of logged) {
      if (!Object.hasOwn(tables, entry.table_name)) continue
      touched.add(entry.table_name as TableName)
      if (entry.before_json !== null) {
        restored += restoreRow(sqlite, entry.table_name, entry.row_id, entry.before_json)
      } else if (isReferenced(sqlite, entry.table_name, entry.row_id)) {
        kept += 1
        keptRows.add(`${entry.table_name}:${entry.row_id}`)
      } else {
        removed += sqlite
          .prepare(`DELETE FROM ${entry.table_name} WHERE rowid = ?`)
          .run(entry.row_id).changes
      }
    }
    // A kept row keeps its natural keys, so importing the file again finds it instead of making
    // a second one.
    const dropKey = sqlite.prepare(
      'DELETE FROM import_keys WHERE import_id = ? AND table_name = ? AND row_id = ?',
    )
    const keyRows = sqlite
      .prepare('SELECT DISTINCT table_name, row_id FROM import_keys WHERE import_id = ?')
      .all(importId) as { table_name: string; row_id: number }[]
    for (const key of keyRows) {
      if (!keptRows.has(`${key.table_name}:${key.row_id}`)) {
        dropKey.run(importId, key.table_name, key.row_id)
      }
    }
    sqlite.prepare('DELETE FROM import_rows WHERE import_id = ?').run(importId)
    sqlite
      .prepare(`UPDATE imports SET status = 'undone', undone_at = ? WHERE id = ?`)
      .run(new Date().toISOString(), importId)
    // A restore wrote every table, derived ones included: recompute those from what is left.
    const targets = presetNamed(row.preset)?.targets ?? [...touched, 'fct_event']
    upkeepAfterImport(sqlite, [...new Set([...targets, ...touched])], settings)
    const after = sqlite.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as ImportRow
    return { import: toRecord(after), removed, restored, kept }
  })
  return undo.immediate()
}
