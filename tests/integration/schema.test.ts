import type BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../electron/services/db/open'
import {
  ROLLUP_SUMMARIES,
  ROLLUP_UPKEEP,
  AUDIT_LOG,
  tables,
  views,
  type ColumnSpec,
} from '../../shared/schema'
import { seedColumns } from '../fixtures/seed-columns'
import { objectNames, openFresh } from '../helpers/db'
import { useSuiteTempDir } from '../helpers/tmp'

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

const tempDir = useSuiteTempDir()
let handle: DatabaseHandle
let sqlite: BetterSqlite3.Database

beforeAll(async () => {
  handle = await openFresh(tempDir())
  sqlite = handle.sqlite
})
afterAll(async () => {
  await handle.close()
})

const columnsOf = (name: string) => sqlite.pragma(`table_info(${name})`) as ColumnInfo[]

/** An INTEGER PRIMARY KEY of one column is the rowid: never NULL, filled in when left out. */
function describeColumns(infos: ColumnInfo[]) {
  const singleKey = infos.filter((info) => info.pk > 0).length === 1
  return infos.map((info) =>
    describeColumn(info, singleKey && info.pk === 1 && info.type === 'INTEGER'),
  )
}

function describeColumn(info: ColumnInfo, isRowId: boolean): ColumnSpec & { name: string } {
  return {
    name: info.name,
    type: info.type as ColumnSpec['type'],
    nullable: info.notnull === 0 && !isRowId,
    defaulted: info.dflt_value !== null || isRowId,
  }
}

describe('the typed Database in shared/ matches the migrated file', () => {
  it('has exactly the tables the migrations create', () => {
    const inFile = objectNames(sqlite, 'table').filter((name) => !name.startsWith('kysely_'))
    expect(inFile).toEqual(
      [
        ...Object.keys(tables),
        ...Object.keys(ROLLUP_SUMMARIES),
        ...Object.keys(ROLLUP_UPKEEP),
        ...Object.keys(AUDIT_LOG),
      ].sort(),
    )
  })

  it('has exactly the views the migrations create', () => {
    expect(objectNames(sqlite, 'view')).toEqual(Object.keys(views).sort())
  })

  it.each([
    ...Object.entries(tables),
    ...Object.entries(ROLLUP_SUMMARIES),
    ...Object.entries(ROLLUP_UPKEEP),
    ...Object.entries(AUDIT_LOG),
  ])('table %s: names, order, types, NULL and defaults', (name, columns) => {
    const expected = Object.entries(columns).map(([column, spec]) => ({ name: column, ...spec }))
    expect(describeColumns(columnsOf(name))).toEqual(expected)
  })

  it.each(Object.entries(views))('view %s: column names and order', (name, columns) => {
    expect(columnsOf(name).map((c) => c.name)).toEqual(Object.keys(columns))
  })
})

describe('every seed name is a table or view with every column the seed names', () => {
  it.each(Object.entries(seedColumns))('%s', (name, columns) => {
    const present = new Set(columnsOf(name).map((c) => c.name))
    expect(present.size, `${name} is missing`).toBeGreaterThan(0)
    expect(columns.filter((column) => !present.has(column))).toEqual([])
  })
})
