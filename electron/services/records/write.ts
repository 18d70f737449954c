import type BetterSqlite3 from 'better-sqlite3'
import type { EntityDef, FieldValue } from '../../../shared/entities'
import type { RecordKey, RecordRow } from '../../../shared/contract/records'
import { LogbookError } from '../../../shared/errors'
import { auditRowChange } from '../audit/rows'
import { auditSource } from '../audit/write'
import type { ServiceContext } from '../context'
import { readSettings } from '../settings/store'
import { columnSpec, columnSql, fieldOf, tableSql } from './columns'
import { describeConstraintError } from './constraints'
import { keepRollupsCurrent } from '../rollups/upkeep'
import { deriveValues, type DeriveContext, type Values } from './derive'
import { personOf, writeRecordEvent, type RecordChange } from './events'
import { foreignKeyGraph, type ForeignKeyGraph } from './graph'
import { generatedKey, notFound, referenceTarget, storedKey } from './keys'
import { getRecord } from './list'
import { ensureOwner } from './owner'

/** The stored row with every column, or undefined. */
export function readStored(
  sqlite: BetterSqlite3.Database,
  def: EntityDef,
  key: string | number,
): Values | undefined {
  return sqlite
    .prepare(`SELECT * FROM ${tableSql(def.name)} WHERE ${columnSql(def.name, def.key)} = ?`)
    .get(key) as Values | undefined
}

function assertWritable(def: EntityDef, values: Values) {
  if (def.readOnly) {
    throw new LogbookError(
      'invalid_input',
      `${def.plural} are derived or imported, not typed in`,
      'entity',
    )
  }
  for (const name of Object.keys(values)) {
    if (!fieldOf(def, name))
      throw new LogbookError('invalid_input', `${def.label} has no field "${name}"`, name)
  }
}

/** A reference must name a record that exists; said with the field's label before SQLite says less. */
function checkReferences(
  sqlite: BetterSqlite3.Database,
  graph: ForeignKeyGraph,
  def: EntityDef,
  values: Values,
) {
  for (const [name, value] of Object.entries(values)) {
    const field = fieldOf(def, name)
    const target = field ? referenceTarget(graph, def.name, field) : null
    if (!field || !target || value === null) continue
    const found = sqlite
      .prepare(
        `SELECT 1 FROM ${tableSql(target.table)} WHERE ${columnSql(target.table, target.column)} = ?`,
      )
      .get(value)
    if (found === undefined) {
      const shown = typeof value === 'string' ? `"${value}"` : String(value)
      throw new LogbookError('invalid_input', `${field.label} ${shown} does not exist`, name)
    }
  }
}

interface WriteSetup {
  sqlite: BetterSqlite3.Database
  graph: ForeignKeyGraph
  derive: DeriveContext
}

async function setup(ctx: ServiceContext): Promise<WriteSetup> {
  const { sqlite, db } = ctx.session.handle
  const { timeZone } = await readSettings(db)
  return {
    sqlite,
    graph: foreignKeyGraph(sqlite),
    derive: { sqlite, timeZone, now: new Date().toISOString() },
  }
}

function logChange(
  ctx: ServiceContext,
  s: WriteSetup,
  def: EntityDef,
  change: RecordChange,
  key: string | number,
) {
  const row = readStored(s.sqlite, def, key)
  if (!row) throw new Error(`${def.name} ${key} vanished inside its own transaction`)
  writeRecordEvent(s.sqlite, {
    def,
    change,
    key,
    userId: personOf(s.sqlite, s.graph, def, row),
    adapter: ctx.adapter,
    timeZone: s.derive.timeZone,
  })
}

/** Runs a write in one transaction; a constraint failure becomes a sentence and nothing changes. */
function inTransaction<T>(s: WriteSetup, def: EntityDef, values: Values, write: () => T): T {
  try {
    return s.sqlite
      .transaction(() => {
        const result = write()
        // Every change logs an event, and may be to a person or an action: rollups follow.
        keepRollupsCurrent(s.sqlite)
        return result
      })
      .immediate()
  } catch (error) {
    throw describeConstraintError(s.sqlite, def, error, values)
  }
}

/** `method` is the contract method making the change, for the audit log. */
export async function createRecord(
  ctx: ServiceContext,
  def: EntityDef,
  values: Readonly<Record<string, FieldValue>>,
  method: string,
): Promise<RecordRow> {
  const row: Values = { ...values }
  assertWritable(def, row)
  const s = await setup(ctx)
  const key = inTransaction(s, def, row, () => {
    deriveValues(s.derive, def, row, null)
    if (def.ownedBy === 'owner') row.user_id = ensureOwner(s.sqlite).id
    if (def.keyKind === 'generated') row[def.key] = generatedKey(def)
    checkReferences(s.sqlite, s.graph, def, row)
    // Left empty, a column with a DEFAULT gets it (a booking's status, a record's created_at).
    const columns = Object.keys(row).filter(
      (c) => row[c] !== null || !columnSpec(def.name, c)?.defaulted,
    )
    const inserted = s.sqlite
      .prepare(
        `INSERT INTO ${tableSql(def.name)} (${columns.map((c) => columnSql(def.name, c)).join(', ')})
         VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((c) => row[c]))
    const given = row[def.key]
    const newKey =
      def.keyKind === 'rowid' || given === null || given === undefined
        ? Number(inserted.lastInsertRowid)
        : given
    logChange(ctx, s, def, 'created', newKey)
    auditRowChange(s.sqlite, auditSource(ctx, method), {
      table: def.name,
      keyColumn: def.key,
      key: newKey,
      before: null,
    })
    return newKey
  })
  return getRecord(ctx.session.handle, def, key)
}

export async function updateRecord(
  ctx: ServiceContext,
  def: EntityDef,
  key: RecordKey,
  values: Readonly<Record<string, FieldValue>>,
  method: string,
): Promise<RecordRow> {
  const changes: Values = { ...values }
  assertWritable(def, changes)
  const stored = storedKey(def, key)
  if (stored === null) throw notFound(def, key)
  if (Object.keys(changes).length === 0) return getRecord(ctx.session.handle, def, key)
  const s = await setup(ctx)
  inTransaction(s, def, changes, () => {
    const existing = readStored(s.sqlite, def, stored)
    if (!existing) throw notFound(def, key)
    deriveValues(s.derive, def, changes, existing)
    // An emptied column that must hold a value keeps the one it has (there is no DEFAULT in UPDATE).
    const columns = Object.keys(changes).filter((column) => {
      const spec = columnSpec(def.name, column)
      return !(changes[column] === null && spec?.defaulted && !spec.nullable)
    })
    checkReferences(s.sqlite, s.graph, def, changes)
    if (columns.length > 0) {
      s.sqlite
        .prepare(
          `UPDATE ${tableSql(def.name)} SET ${columns.map((c) => `${columnSql(def.name, c)} = ?`).join(', ')}
           WHERE ${columnSql(def.name, def.key)} = ?`,
        )
        .run(...columns.map((c) => changes[c]), stored)
    }
    logChange(ctx, s, def, 'updated', stored)
    auditRowChange(s.sqlite, auditSource(ctx, method), {
      table: def.name,
      keyColumn: def.key,
      key: stored,
      before: existing,
    })
  })
  return getRecord(ctx.session.handle, def, stored)
}
