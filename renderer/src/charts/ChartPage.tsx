import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { NO_VALUE, type PersonAttribute, type ReportParams } from '../../../shared/reports'
import { api } from '../client'
import { dateKeyOf, dateKeyToIso } from '../../../shared/time'
import { useNow } from '../components/use-now'
import { useSettingsStore } from '../stores/settings-store'
import { presetRange } from './date-range'
import { FilterBar } from './FilterBar'
import { DEFAULT_FILTERS, paramsOf, useFiltersStore } from './filters-store'
import './setup'

interface ChartPageProps {
  /** Keys the page's filters in the store. */
  page: string
  /** Whether the charts are about people, so a segment can narrow them. */
  bySegment?: boolean
  children(params: ReportParams): ReactNode
}

/**
 * The values each attribute takes, for the segment picker: an attribute everyone has the same
 * value of (or none) cannot split anyone, so it is not offered.
 */
function useSegmentValues(wanted: boolean) {
  const [values, setValues] = useState<Partial<Record<PersonAttribute, string[]>>>({})
  useEffect(() => {
    if (!wanted) return
    let current = true
    api['reports.segments']({}).then(
      (all) => {
        if (!current) return
        const useful = Object.entries(all).filter(
          ([, list]) => list.filter((v) => v !== NO_VALUE).length > 1,
        )
        setValues(Object.fromEntries(useful))
      },
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [wanted])
  return values
}

/** A page of charts under one filter bar: the range and segment apply to every chart on it. */
export function ChartPage({ page, bySegment = false, children }: ChartPageProps) {
  const timeZone = useSettingsStore((s) => s.settings?.timeZone)
  const filters = useFiltersStore((s) => s.pages[page] ?? DEFAULT_FILTERS)
  const setFilters = useFiltersStore((s) => s.set)
  const now = useNow(60_000)
  const today = timeZone ? dateKeyToIso(dateKeyOf(now, timeZone)) : null

  // A preset's days are fixed when the page first opens with it (and whenever it is picked).
  useEffect(() => {
    if (!today) return
    const { range } = filters
    if (range.preset !== 'custom' && range.preset !== 'all' && !range.from) {
      setFilters(page, { range: presetRange(range.preset, today) })
    }
  }, [today, filters, page, setFilters])

  const params = useMemo(() => paramsOf(filters), [filters])
  const segmentValues = useSegmentValues(bySegment)
  if (!today) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    )
  }
  const ready =
    filters.range.preset === 'custom' || filters.range.preset === 'all' || filters.range.from
  return (
    <div className="chart-page">
      <FilterBar
        key={`${filters.range.preset}|${filters.range.from ?? ''}|${filters.range.to ?? ''}`}
        range={filters.range}
        today={today}
        onRange={(range) => setFilters(page, { range })}
        {...(bySegment
          ? {
              segment: filters.segment,
              segmentValues,
              onSegment: (segment) => setFilters(page, { segment }),
            }
          : {})}
      />
      {ready && <div className="chart-grid">{children(params)}</div>}
    </div>
  )
}
