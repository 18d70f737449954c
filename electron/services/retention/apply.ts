import type BetterSqlite3 from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { LogbookError } from '../../../shared/errors'
import type { RetentionApplyResult } from '../../../shared/retention'
import { exportColumns } from '../exports/export-table'
import { writeAudit, type AuditSource } from '../audit/write'
import { rebuildMediaAnalytics } from '../rollups/media-analytics'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { readSettingsSync } from '../settings/store'
import { FOLDER_MANIFEST, folderStamp, writeCsvFolder, type CsvFileSpec } from './csv-folder'
import { planPolicies, selectSql, type PlannedTable } from './plan'

export const ARCHIVE_FORMAT = 'logbook-retention-archive'

export interface ApplyRetentionOptions {
  /** The archive's folder; absent: `archives/retention-<time>` beside the database file. */
  folder?: string
  now?: Date
  source: AuditSource
  onProgress?: (fraction: number, message: string) => void
}

export function defaultArchiveFolder(databasePath: string, now: Date) {
  return join(dirname(databasePath), 'archives', `retention-${folderStamp(now)}`)
}

/**
 * Applies the enabled retention policies: inside one write transaction (so no other writer can
 * add or change a row between the archive and the delete), the rows each policy takes are first
 * written to one CSV per table in `folder` and synced to disk; only then are exactly those rows
 * deleted, one audit entry per table written, and the rollups brought up to date (the deleted
 * events are in rollup_dirty; media_analytics is recomputed from the media tables). If the
 * archive cannot be written nothing is deleted; if the delete fails the archive is removed.
 * With no policy enabled, or nothing old enough, nothing is written at all.
 */
export function applyRetention(
  sqlite: BetterSqlite3.Database,
  databasePath: string,
  options: ApplyRetentionOptions,
): RetentionApplyResult {
  const now = options.now ?? new Date()
  const folder = options.folder ?? defaultArchiveFolder(databasePath, now)
  const empty: RetentionApplyResult = {
    folder: null,
    archived: [],
    deleted: [],
    totalRows: 0,
    rollups: 'current',
  }
  let wroteArchive = false
  const written: string[] = []
  try {
    return sqlite
      .transaction((): RetentionApplyResult => {
        const settings = readSettingsSync(sqlite)
        const enabled = planPolicies(settings, now).filter((p) => p.enabled)
        const counted = enabled
          .flatMap((p) => p.tables)
          .map((table) => ({ table, rows: countOf(sqlite, table) }))
          .filter((t) => t.rows > 0)
        if (counted.length === 0) return empty
        options.onProgress?.(0.1, 'Archiving to CSV')
        const specs: CsvFileSpec[] = counted.map(({ table }) => ({
          table: table.target.table,
          columns: exportColumns(table.target.table),
          sql: selectSql(table),
          params: [table.cutoffValue],
        }))
        const archived = writeCsvFolder(sqlite, folder, specs, {
          format: ARCHIVE_FORMAT,
          format_version: 1,
          archived_at: now.toISOString(),
          time_zone: settings.timeZone,
          policies: enabled.map((p) => ({
            policy: p.policy,
            days: p.days,
            cutoff: p.cutoff.toISOString(),
            tables: p.tables.map((t) => t.target.table),
          })),
        })
        wroteArchive = true
        written.push(...archived.map((a) => join(folder, a.file)), join(folder, FOLDER_MANIFEST))
        options.onProgress?.(0.5, 'Deleting archived rows')
        const deleted = counted.map(({ table }) => ({
          table: table.target.table,
          rows: sqlite
            .prepare(`DELETE FROM "${table.target.table}" WHERE ${table.where}`)
            .run(table.cutoffValue).changes,
        }))
        archived.forEach((file, i) => {
          if (file.rows !== deleted[i]?.rows)
            throw new LogbookError(
              'internal',
              `${file.table}: archived ${file.rows} rows but deleted ${deleted[i]?.rows}; nothing was deleted`,
            )
        })
        writeAudit(
          sqlite,
          options.source,
          counted.map(({ table }, i) => ({
            action: 'bulk',
            table: table.target.table,
            rowKey: null,
            changes: {
              job: 'retention',
              policy: table.policy,
              cutoff: String(table.cutoffValue),
              rows: deleted[i]?.rows ?? 0,
              archive: folder,
            },
          })),
        )
        options.onProgress?.(0.7, 'Updating sessions, active days and tiers')
        const touched = new Set(deleted.map((d) => d.table))
        const upkeep = touched.has('fct_event')
          ? keepRollupsCurrent(sqlite, { settings }).mode
          : 'current'
        if (touched.has('media_consumption')) rebuildMediaAnalytics(sqlite, settings.timeZone)
        options.onProgress?.(1, 'Done')
        return {
          folder,
          archived,
          deleted,
          totalRows: deleted.reduce((sum, d) => sum + d.rows, 0),
          rollups: upkeep,
        }
      })
      .immediate()
  } catch (error) {
    // The rows are still there: an archive of rows that were not deleted would mislead.
    if (wroteArchive) for (const path of written) rmSync(path, { force: true })
    throw error
  }
}

function countOf(sqlite: BetterSqlite3.Database, table: PlannedTable) {
  return sqlite
    .prepare(`SELECT count(*) FROM "${table.target.table}" WHERE ${table.where}`)
    .pluck()
    .get(table.cutoffValue) as number
}
