import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp } from 'lucide-react'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { RecordRow } from '../../../shared/contract/records'
import type { EntityDef } from '../../../shared/entities'
import type { Settings } from '../../../shared/settings'
import { formatCell, unitLabel } from './format'
import { useList, useRecordsStore } from './records-store'

const ROW_HEIGHT = 36
/** Fixed in CSS too (.record-header), so rows can be placed below it without measuring. */
const HEADER_HEIGHT = 40

interface Props {
  def: EntityDef
  settings: Settings
  onOpen(row: RecordRow): void
  onDelete(row: RecordRow): void
}

/**
 * The rows of a list, drawn only where they are visible and fetched a page at a time as they
 * scroll into view, so 100,000 records scroll as smoothly as 10.
 */
export function RecordTable({ def, settings, onOpen, onDelete }: Props) {
  const list = useList(def.name)
  const ensureRange = useRecordsStore((s) => s.ensureRange)
  const setQuery = useRecordsStore((s) => s.setQuery)
  const scroller = useRef<HTMLDivElement>(null)
  const columns = def.fields.filter((f) => f.list)
  const template = `repeat(${columns.length}, minmax(120px, 1fr))`
  const count = list.total ?? 0

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The header scrolls with the rows (sticky), so both share one width and line up exactly.
    scrollMargin: HEADER_HEIGHT,
  })
  const margin = HEADER_HEIGHT
  const visible = virtualizer.getVirtualItems()
  const first = visible[0]?.index ?? 0
  const last = visible.at(-1)?.index ?? 0

  useEffect(() => {
    ensureRange(def.name, first, Math.max(last, first))
  }, [def.name, first, last, list.generation, list.total, ensureRange])

  const sortBy = (field: string) => {
    const current = list.query.sort ?? def.defaultSort.field
    const direction =
      current === field && (list.query.direction ?? def.defaultSort.direction) === 'asc'
        ? 'desc'
        : 'asc'
    setQuery(def.name, { sort: field, direction })
  }
  const sortedField = list.query.sort ?? def.defaultSort.field
  const sortedDirection = list.query.direction ?? def.defaultSort.direction

  const onRowKey = (
    event: KeyboardEvent<HTMLDivElement>,
    index: number,
    row: RecordRow | undefined,
  ) => {
    const move = (to: number) => {
      if (to < 0 || to >= count) return
      virtualizer.scrollToIndex(to)
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus(),
      )
    }
    if (event.key === 'ArrowDown') move(index + 1)
    else if (event.key === 'ArrowUp') move(index - 1)
    else if (event.key === 'Enter' && row) onOpen(row)
    else if ((event.key === 'Delete' || event.key === 'Backspace') && row) onDelete(row)
    else return
    event.preventDefault()
  }

  return (
    <div className="record-table" role="table" aria-label={def.plural} aria-rowcount={count + 1}>
      <div ref={scroller} className="record-scroller">
        <div className="record-header" role="row" style={{ gridTemplateColumns: template }}>
          {columns.map((field) => {
            const sorted = sortedField === field.name
            const unit = unitLabel(field, settings)
            return (
              <div
                key={field.name}
                role="columnheader"
                aria-sort={
                  sorted ? (sortedDirection === 'asc' ? 'ascending' : 'descending') : 'none'
                }
                className={field.kind === 'integer' || field.kind === 'decimal' ? 'num' : undefined}
              >
                <button className="sort" onClick={() => sortBy(field.name)}>
                  {field.label}
                  {unit && field.quantity ? ` (${unit})` : ''}
                  {sorted &&
                    (sortedDirection === 'asc' ? (
                      <ArrowUp size={14} aria-hidden />
                    ) : (
                      <ArrowDown size={14} aria-hidden />
                    ))}
                </button>
              </div>
            )
          })}
        </div>
        <div
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize() - margin, position: 'relative' }}
        >
          {visible.map((item) => {
            const row = list.rows.get(item.index)
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                tabIndex={0}
                className={row ? 'record-row' : 'record-row loading-row'}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start - margin}px)`,
                  height: ROW_HEIGHT,
                }}
                onClick={() => row && onOpen(row)}
                onKeyDown={(e) => onRowKey(e, item.index, row)}
              >
                {columns.map((field) => (
                  <div
                    key={field.name}
                    role="cell"
                    className={
                      field.kind === 'integer' || field.kind === 'decimal' ? 'num' : undefined
                    }
                  >
                    {row ? formatCell(field, row, settings) : ''}
                  </div>
                ))}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
