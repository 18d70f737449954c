import type BetterSqlite3 from 'better-sqlite3'
import { foreignKeyGraph, type ForeignKey } from '../records/graph'

/**
 * A person's rows, derived from the schema's foreign keys (records/graph.ts) rather than listed
 * by hand, so a table added later with a user_id reference is covered without a change here:
 * - `users` itself (by `id`);
 * - every row that references an owned row through a CASCADE (or RESTRICT) key, all the way down:
 *   their events, attendance, bookings, login sessions, fitness and media rows, a workout's sets,
 *   a program's exercises, and the rollup rows computed for them;
 * - rows that reference the person directly through a SET NULL key (blog views and engagement
 *   they made, posts they wrote): theirs too, and exported with the rest.
 * Deleting the person deletes every one of those rows except the ones in KEPT_WITHOUT_PERSON,
 * which stay with the link to the person cleared (the schema's own ON DELETE SET NULL).
 */
export interface ScopeTable {
  table: string
  /** SQL condition over the table's columns; its one parameter is `@id` (users.id). */
  where: string
  /** What deleting the person does to these rows. */
  onDelete: 'deleted' | 'unlinked'
  /** For unlinked rows, the columns that point at the person. */
  links: string[]
}

/** Content that belongs to others as well (a blog's posts): kept, its author cleared. */
export const KEPT_WITHOUT_PERSON: ReadonlySet<string> = new Set(['blog_posts.author_id'])

/** Rows only the rollups write: recomputed, never moved by hand. */
export const DERIVED_TABLES: ReadonlySet<string> = new Set([
  'dim_date',
  'fact_user_sessions',
  'fact_daily_user_activity',
])

const quote = (name: string) => `"${name}"`

function condition(key: ForeignKey, parentWhere: string) {
  const from = key.from.map(quote)
  const to = key.to.map(quote)
  if (key.parent === 'users' && parentWhere === '"id" = @id' && to.length === 1 && to[0] === '"id"')
    return `${from[0]} = @id`
  const left = from.length === 1 ? from[0] : `(${from.join(', ')})`
  return `${left} IN (SELECT ${to.join(', ')} FROM ${quote(key.parent)} WHERE ${parentWhere})`
}

/** The person's rows in every table that holds some, parents before children. */
export function personScope(sqlite: BetterSqlite3.Database): ScopeTable[] {
  const graph = foreignKeyGraph(sqlite)
  const owned = new Map<string, string[]>([['users', ['"id" = @id']]])
  const linked = new Map<string, { where: string[]; links: string[] }>()
  for (const table of graph.insertOrder) {
    if (table === 'users') continue
    for (const key of graph.outgoing.get(table) ?? []) {
      const parentWhere = owned.get(key.parent)
      if (!parentWhere || key.parent === table) continue
      const where = condition(key, parentWhere.map((w) => `(${w})`).join(' OR '))
      const setNull = key.onDelete === 'SET NULL' || key.onDelete === 'SET DEFAULT'
      if (!setNull) {
        owned.set(table, [...(owned.get(table) ?? []), where])
      } else if (key.parent === 'users') {
        const kept = key.from.some((c) => KEPT_WITHOUT_PERSON.has(`${table}.${c}`))
        if (kept) {
          const entry = linked.get(table) ?? { where: [], links: [] }
          entry.where.push(where)
          entry.links.push(...key.from)
          linked.set(table, entry)
        } else {
          owned.set(table, [...(owned.get(table) ?? []), where])
        }
      }
    }
  }
  const scope: ScopeTable[] = []
  for (const table of graph.insertOrder) {
    const where = owned.get(table)
    if (where) {
      scope.push({
        table,
        where: where.map((w) => `(${w})`).join(' OR '),
        onDelete: 'deleted',
        links: [],
      })
      continue
    }
    const link = linked.get(table)
    if (link) {
      scope.push({
        table,
        where: link.where.map((w) => `(${w})`).join(' OR '),
        onDelete: 'unlinked',
        links: link.links,
      })
    }
  }
  return scope
}

/** How many rows of each scope table are about the person. */
export function countScope(
  sqlite: BetterSqlite3.Database,
  scope: readonly ScopeTable[],
  id: number,
) {
  return scope.map((s) => ({
    ...s,
    rows: sqlite
      .prepare(`SELECT count(*) FROM ${quote(s.table)} WHERE ${s.where}`)
      .pluck()
      .get({ id }) as number,
  }))
}
