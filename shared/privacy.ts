/** One person as the privacy search lists them. */
export interface PersonMatch {
  id: number
  userId: string
  username: string
  name: string | null
  email: string | null
}

/** Rows held about a person in one table. */
export interface HeldRows {
  table: string
  rows: number
  /** What deleting the person does to them: the rows go, or only the link to the person. */
  onDelete: 'deleted' | 'unlinked'
}

export interface PersonHoldings {
  person: PersonMatch
  tables: HeldRows[]
  totalRows: number
}

export interface PersonExportResult {
  folder: string
  files: { table: string; file: string; rows: number }[]
}

export interface PersonDeleteResult {
  deleted: { table: string; rows: number }[]
  unlinked: { table: string; rows: number }[]
  rollups: string
}

export interface PersonAnonymiseResult {
  /** The pseudonymous ids that replace the person's ids everywhere. */
  id: number
  userId: string
  changed: { table: string; rows: number }[]
  rollups: string
}
