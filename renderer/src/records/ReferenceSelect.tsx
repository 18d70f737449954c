import { useEffect, useState } from 'react'
import type { FieldSpec } from '../../../shared/entities'
import { entityDef } from '../../../shared/entities'
import { api } from '../client'

interface Option {
  value: string
  label: string
}

/** A choice among another kind of record, searchable when there are many. */
export function ReferenceSelect(props: {
  id: string
  field: FieldSpec
  value: string
  currentLabel: string | undefined
  invalid: boolean
  describedBy: string | undefined
  onChange(value: string): void
}) {
  const { field, value, currentLabel } = props
  const target = field.reference ? entityDef(field.reference.entity) : null
  const [search, setSearch] = useState('')
  const [options, setOptions] = useState<Option[]>([])
  const [total, setTotal] = useState(0)

  useEffect(() => {
    if (!target || !field.reference) return
    const { labelField, valueField } = field.reference
    let cancelled = false
    const timer = setTimeout(() => {
      void api['records.list']({
        entity: target.name,
        search: search || undefined,
        sort: labelField,
        direction: 'asc',
        limit: 200,
      }).then((page) => {
        if (cancelled) return
        setTotal(page.total)
        setOptions(
          page.rows.map((row) => ({
            value: String(row[valueField ?? target.key]),
            label: String(row[labelField] ?? row[target.key]),
          })),
        )
      })
    }, 200)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [search, target, field.reference])

  const shown =
    value && !options.some((o) => o.value === value)
      ? [{ value, label: currentLabel ?? value }, ...options]
      : options
  return (
    <span className="reference">
      {total > 200 && (
        <input
          type="search"
          aria-label={`Find a ${field.label.toLowerCase()}`}
          placeholder="Type to find…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      )}
      <select
        id={props.id}
        value={value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
      >
        <option value="">{field.required ? `Choose a ${field.label.toLowerCase()}…` : '—'}</option>
        {shown.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  )
}
