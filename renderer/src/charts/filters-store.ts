import { create } from 'zustand'
import type { ReportParams } from '../../../shared/reports'
import type { DateRange } from './date-range'
import type { SegmentChoice } from './FilterBar'

/** The filters of one chart page; each page keeps its own, for as long as the app is open. */
export interface PageFilters {
  range: DateRange
  segment: SegmentChoice | null
}

interface FiltersState {
  pages: Record<string, PageFilters>
  set(page: string, filters: Partial<PageFilters>): void
}

export const DEFAULT_FILTERS: PageFilters = { range: { preset: '90d' }, segment: null }

export const useFiltersStore = create<FiltersState>((set) => ({
  pages: {},
  set: (page, filters) =>
    set((state) => ({
      pages: {
        ...state.pages,
        [page]: { ...(state.pages[page] ?? DEFAULT_FILTERS), ...filters },
      },
    })),
}))

/** The report params the filters stand for. */
export function paramsOf(filters: PageFilters): ReportParams {
  const params: ReportParams = {}
  if (filters.range.from) params.from = filters.range.from
  if (filters.range.to) params.to = filters.range.to
  if (filters.segment) params.filters = { [filters.segment.attribute]: [filters.segment.value] }
  return params
}
