import type BetterSqlite3 from 'better-sqlite3'
import type { FieldType, RowProblem } from '../../../shared/imports'
import type { TableName } from '../../../shared/schema'
import type { Delimiter } from '../csv/delimiter'
import type { Owner } from '../fitness/owner'

export type SqlValue = string | number | bigint | null

/** One field a preset reads, found in the header by name. */
export interface FieldSpec {
  key: string
  /** What the field becomes in Logbook, shown beside the column in the preview. */
  label: string
  type: FieldType
  /**
   * Header names that feed it, compared after `normaliseHeader` (lower case, no BOM, spaces
   * collapsed). A RegExp is tested against the normalised name.
   */
  aliases: readonly (string | RegExp)[]
  required?: boolean
}

/** How well a header fits a preset: the larger the score, the better (0–1). */
export interface PresetMatch {
  score: number
  reason: string
}

export interface BindOptions {
  delimiter: Delimiter
  timeZone: string
  /** The file's name, for presets that tell variants apart by it (Letterboxd's diary.csv…). */
  fileName: string
}

/** Field key → column index in the row (absent: no column feeds the field). */
export type BoundColumns = ReadonlyMap<string, number>

/** What parse makes of one row. */
export type ParseOutcome<R> =
  | { kind: 'record'; record: R }
  | { kind: 'skip'; reason: string }
  | { kind: 'reject'; problems: RowProblem[] }

export type WriteOutcome = 'inserted' | 'duplicate'

/** A preset bound to one file's header. */
export interface BoundPreset<R> {
  /** One row → a record; pure (no database), so the preview can run it too. */
  parse(row: readonly string[], line: number): ParseOutcome<R>
  /** Writes one record inside the import's transaction. A thrown LogbookError rejects the row. */
  write(record: R, tx: ImportTx): WriteOutcome
  /**
   * After the last row, still inside the transaction. A preset that only finds duplicates at
   * the end (a bulk write) says how many rows it counted as inserted were duplicates after all.
   */
  finish?(tx: ImportTx): { laterDuplicates: number } | undefined
}

export interface PresetDefinition<R = unknown> {
  name: string
  label: string
  description: string
  targets: readonly TableName[]
  fields: readonly FieldSpec[]
  /** Whether this header is this preset's file; null when it is not. */
  detect(header: readonly string[], fileName: string): PresetMatch | null
  bind(columns: BoundColumns, header: readonly string[], options: BindOptions): BoundPreset<R>
  /**
   * Each record is written inside its own savepoint, so a row failing half-way leaves nothing.
   * The event-log preset turns this off: it checks everything in parse and writes one row each.
   */
  savepointPerRecord?: boolean
}

export interface NaturalKey {
  scope: string
  key: string
}

/** The writing side of an import, handed to a preset's write(). */
export interface ImportTx {
  readonly sqlite: BetterSqlite3.Database
  readonly importId: number
  readonly timeZone: string
  /** When the import started, epoch ms. */
  readonly now: number
  /** The row an earlier import (or this one) stored under this natural key, if any. */
  findKey(key: NaturalKey): number | undefined
  /** Inserts a row, remembered for undo and, with a key, for dedupe. Returns its rowid. */
  insert(table: TableName, values: Readonly<Record<string, SqlValue>>, key?: NaturalKey): number
  /** Changes columns of an existing row; undo puts the values before back. */
  update(table: TableName, rowId: number, values: Readonly<Record<string, SqlValue>>): void
  /**
   * Files an existing row under a natural key (a film this file names, already in the
   * database). false when the key is already taken (it keeps pointing where it did).
   */
  claimKey(key: NaturalKey, table: TableName, rowId: number): boolean
  /** The app owner's users row, made when missing (undo removes it again). */
  owner(): Owner
  /** The exercise with this name (case-insensitive), made when missing. */
  exerciseId(name: string, type: ExerciseType): number
  /** The action in the taxonomy, added as a core action when missing. */
  ensureAction(actionType: string, category: string): void
  /** A users row for this text id, made (username = the id) when missing. */
  ensureUser(userId: string, details?: Readonly<Record<string, SqlValue>>): void
}

export type ExerciseType = 'strength' | 'bodyweight' | 'band' | 'cardio' | 'mobility'
