import type { Settings } from './settings'

/** Seed 004's retention policies, by their settings key. Fitness data has none: it is kept. */
export type RetentionPolicy = keyof Settings['retention']

export const RETENTION_POLICIES = [
  'loginSessions',
  'analyticsEvents',
  'blogAnalytics',
  'mediaConsumption',
] as const satisfies readonly RetentionPolicy[]

export const POLICY_LABELS: Record<RetentionPolicy, string> = {
  loginSessions: 'Login sessions',
  analyticsEvents: 'Analytics events',
  blogAnalytics: 'Blog analytics',
  mediaConsumption: 'Media consumption',
}

/** A cell of a sample row as it crosses the contract (integers above 2^53 as text). */
export type SampleValue = string | number | null

/** What one table would lose under a policy. */
export interface RetentionTablePreview {
  table: string
  rows: number
  /** The oldest and newest affected row's own time (ISO instant or calendar day), null if none. */
  oldest: string | null
  newest: string | null
  /** The first few rows that would go, oldest first. */
  sample: { columns: string[]; rows: SampleValue[][] }
}

export interface RetentionPolicyPreview {
  policy: RetentionPolicy
  enabled: boolean
  days: number
  /** Rows older than this instant go (for calendar days: days before its local day). */
  cutoff: string
  tables: RetentionTablePreview[]
}

export interface RetentionPreview {
  now: string
  policies: RetentionPolicyPreview[]
  totalRows: number
}

export interface RetentionArchivedTable {
  table: string
  file: string
  rows: number
  sha256: string
}

export interface RetentionApplyResult {
  /** The folder the archive was written into (absent when nothing was old enough to go). */
  folder: string | null
  archived: RetentionArchivedTable[]
  /** Rows deleted per table (equal to the archived rows). */
  deleted: { table: string; rows: number }[]
  totalRows: number
  /** How the rollups were brought up to date: incremental, rebuilt, deferred or current. */
  rollups: string
}
