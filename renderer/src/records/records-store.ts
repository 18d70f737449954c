import { create } from 'zustand'
import type { RecordRow } from '../../../shared/contract/records'
import type { TableName } from '../../../shared/schema'
import { api } from '../client'
import { reportFailure } from '../components/notify'

export const PAGE_SIZE = 100

export interface ListQuery {
  search: string
  sort?: string
  direction?: 'asc' | 'desc'
  filters: Record<string, string | number | null>
}

export interface ListState {
  query: ListQuery
  /** Matching rows in the database; null until the first page arrives. */
  total: number | null
  /** Loaded rows by position; the list asks for pages as they scroll into view. */
  rows: ReadonlyMap<number, RecordRow>
  /** Bumped when the query changes, so late answers to an old query are dropped. */
  generation: number
}

interface RecordsState {
  lists: Partial<Record<TableName, ListState>>
  ensureRange(entity: TableName, start: number, end: number): void
  setQuery(entity: TableName, patch: Partial<ListQuery>): void
  reload(entity: TableName): void
}

const emptyList = (): ListState => ({
  query: { search: '', filters: {} },
  total: null,
  rows: new Map(),
  generation: 0,
})
const inFlight = new Set<string>()

export const useRecordsStore = create<RecordsState>((set, get) => {
  const list = (entity: TableName) => get().lists[entity] ?? emptyList()
  const put = (entity: TableName, next: ListState) =>
    set((s) => ({ lists: { ...s.lists, [entity]: next } }))

  async function loadPage(entity: TableName, page: number) {
    const state = list(entity)
    const flightKey = `${entity}:${state.generation}:${page}`
    if (inFlight.has(flightKey)) return
    inFlight.add(flightKey)
    try {
      const { query, generation } = state
      const result = await api['records.list']({
        entity,
        search: query.search || undefined,
        sort: query.sort,
        direction: query.direction,
        filters: query.filters,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      })
      const current = list(entity)
      if (current.generation !== generation) return
      const rows = new Map(current.rows)
      result.rows.forEach((row, i) => rows.set(page * PAGE_SIZE + i, row))
      put(entity, { ...current, rows, total: result.total })
    } catch (error) {
      reportFailure(error)
    } finally {
      inFlight.delete(flightKey)
    }
  }

  const restart = (entity: TableName, query: ListQuery) => {
    const previous = list(entity)
    put(entity, {
      query,
      total: previous.total,
      rows: new Map(),
      generation: previous.generation + 1,
    })
    void loadPage(entity, 0)
  }

  return {
    lists: {},
    ensureRange(entity, start, end) {
      const state = list(entity)
      const last = state.total === null ? start : Math.min(end, state.total - 1)
      for (
        let page = Math.floor(start / PAGE_SIZE);
        page <= Math.floor(Math.max(last, start) / PAGE_SIZE);
        page++
      ) {
        if (!state.rows.has(page * PAGE_SIZE)) void loadPage(entity, page)
      }
    },
    setQuery(entity, patch) {
      restart(entity, { ...list(entity).query, ...patch })
    },
    reload(entity) {
      restart(entity, list(entity).query)
    },
  }
})

const EMPTY_LIST = emptyList()

export function useList(entity: TableName): ListState {
  return useRecordsStore((s) => s.lists[entity]) ?? EMPTY_LIST
}
