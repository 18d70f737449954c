// What the UI, the CLI and the services share about imports: names, summaries, problems.

/** One refused row: where it is, which column, the value as written and why. */
export interface RowProblem {
  line: number
  /** The file's column name ('' when the problem is the row as a whole). */
  column: string
  value: string
  reason: string
}

/** How one column of the file is read: which field it feeds, or null when it is ignored. */
export interface ColumnMapping {
  column: string
  index: number
  field: string | null
  /** What the field becomes, e.g. "Set weight (kg, lbs converted)". */
  label: string | null
  type: FieldType | null
}

export type FieldType =
  'text' | 'number' | 'integer' | 'date' | 'datetime' | 'duration' | 'boolean' | 'id' | 'unit'

/** A field a preset can fill, for the remap list. */
export interface PresetField {
  key: string
  label: string
  type: FieldType
  required: boolean
}

export interface PresetInfo {
  name: string
  label: string
  description: string
  /** The tables it writes into. */
  targets: string[]
  fields: PresetField[]
}

export interface DetectedPreset {
  name: string
  reason: string
}

export interface ImportProgress {
  rows: number
  bytesRead: number
  totalBytes: number
  rowsPerSecond: number
  /** Seconds left at the current pace, null until it can be estimated. */
  secondsLeft: number | null
}

export interface ImportCounts {
  /** Data rows read from the file. */
  rows: number
  inserted: number
  duplicates: number
  /** Rows that hold nothing to import (a rest-timer row, a blank diary line). */
  skipped: number
  rejected: number
}

export interface ImportSummary extends ImportCounts {
  /** The registry id, or null for a dry run (nothing was written). */
  importId: number | null
  preset: string
  presetReason: string
  fileName: string
  fileHash: string
  dryRun: boolean
  encoding: string
  delimiter: string
  elapsedMs: number
  /** The first rejected rows (at most REJECT_SAMPLE). */
  rejectedSample: RowProblem[]
  /** Every rejected row up to REJECT_LIMIT, for "save the rejects as CSV". */
  rejects: RowProblem[]
  backupPath: string | null
}

export const REJECT_SAMPLE = 20
export const REJECT_LIMIT = 10_000

/** A past import, for the history list. */
export interface ImportRecord {
  id: number
  fileName: string
  fileHash: string
  preset: string
  rows: number
  inserted: number
  duplicates: number
  skipped: number
  rejected: number
  status: 'done' | 'undone'
  startedAt: string
  finishedAt: string | null
  undoneAt: string | null
}

/** The first rows of a file as a preset would read them: the preview screen. */
export interface ImportPreview {
  fileName: string
  fileBytes: number
  encoding: string
  encodingReason: string
  delimiter: string
  delimiterReason: string
  header: string[]
  preset: PresetInfo
  presetReason: string
  /** Every preset that fits the header, best first. */
  candidates: DetectedPreset[]
  mapping: ColumnMapping[]
  /** A required field no column feeds: the import cannot start until it is remapped. */
  missing: string[]
  rows: { line: number; cells: string[]; problems: RowProblem[]; skipped: string | null }[]
}

/** Rejects as CSV rows (line, column, value, reason), header first. */
export function rejectsTable(rejects: readonly RowProblem[]): string[][] {
  return [
    ['line', 'column', 'value', 'reason'],
    ...rejects.map((r) => [String(r.line), r.column, r.value, r.reason]),
  ]
}
