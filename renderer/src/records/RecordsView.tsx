import { Plus, Search } from 'lucide-react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { toast } from 'sonner'
import type { RecordRow } from '../../../shared/contract/records'
import type { EntityDef, FieldSpec } from '../../../shared/entities'
import { api } from '../client'
import { reportFailure } from '../components/notify'
import { useAppStore } from '../stores/app-store'
import { useSettingsStore } from '../stores/settings-store'
import { DeleteDialog } from './DeleteDialog'
import { humanize } from './format'
import { RecordForm } from './RecordForm'
import { useList, useRecordsStore } from './records-store'
import { RecordTable } from './RecordTable'

const count = new Intl.NumberFormat()
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)

/** Filters a person can pick from a short list: choices and yes/no fields. */
const pickable = (def: EntityDef) =>
  (def.filters ?? [])
    .map((name) => def.fields.find((f) => f.name === name))
    .filter((f): f is FieldSpec => f !== undefined && (f.kind === 'enum' || f.kind === 'boolean'))

/** Find, sort, enter, edit and delete one kind of record. */
export function RecordsView({ def }: { def: EntityDef }) {
  const settings = useSettingsStore((s) => s.settings)
  const list = useList(def.name)
  const setQuery = useRecordsStore((s) => s.setQuery)
  const reload = useRecordsStore((s) => s.reload)
  const refreshCounts = useAppStore((s) => s.refreshCounts)
  const [search, setSearch] = useState(list.query.search)
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null)
  const [deleting, setDeleting] = useState<RecordRow | null>(null)
  const searchBox = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (search === list.query.search) return
    const timer = setTimeout(() => setQuery(def.name, { search }), 250)
    return () => clearTimeout(timer)
  }, [search, list.query.search, def.name, setQuery])

  // Attached before the list is painted, so a key pressed as soon as it shows is not lost.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        isTyping(event.target) ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        document.querySelector('dialog[open]')
      )
        return
      if (event.key === '/') searchBox.current?.focus()
      else if (event.key.toLowerCase() === 'n' && !def.readOnly) setEditing('new')
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [def.readOnly])

  if (!settings) return null

  const changed = () => {
    reload(def.name)
    void refreshCounts()
  }
  const undo = async (token: string) => {
    try {
      await api['records.undo']({ token })
      toast.success('Restored')
      changed()
    } catch (error) {
      reportFailure(error)
    }
  }
  const filtered = list.query.search !== '' || Object.keys(list.query.filters).length > 0

  return (
    <section className="records" aria-label={def.plural}>
      <div className="toolbar">
        <label className="search">
          <Search size={16} aria-hidden />
          <input
            ref={searchBox}
            type="search"
            aria-label={`Search ${def.plural.toLowerCase()}`}
            placeholder={`Search ${def.plural.toLowerCase()}…  /`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        {pickable(def).map((field) => (
          <select
            key={field.name}
            aria-label={`Filter by ${field.label.toLowerCase()}`}
            value={String(list.query.filters[field.name] ?? '')}
            onChange={(e) => {
              const { [field.name]: _removed, ...rest } = list.query.filters
              const value = field.kind === 'boolean' ? Number(e.target.value) : e.target.value
              setQuery(def.name, {
                filters: e.target.value === '' ? rest : { ...rest, [field.name]: value },
              })
            }}
          >
            <option value="">{field.label}: any</option>
            {field.kind === 'boolean' ? (
              <>
                <option value="1">{field.label}: yes</option>
                <option value="0">{field.label}: no</option>
              </>
            ) : (
              field.options?.map((option) => (
                <option key={option} value={option}>
                  {humanize(option)}
                </option>
              ))
            )}
          </select>
        ))}
        <span className="muted count" role="status">
          {list.total === null
            ? 'Loading…'
            : `${count.format(list.total)} ${list.total === 1 ? def.label.toLowerCase() : def.plural.toLowerCase()}`}
        </span>
        <span className="spacer" />
        {!def.readOnly && (
          <button className="primary" onClick={() => setEditing('new')} title="New (N)">
            <Plus size={16} aria-hidden /> New {def.label.toLowerCase()}
          </button>
        )}
      </div>
      {list.total === 0 && !filtered ? (
        <p className="empty">
          {def.readOnly
            ? `No ${def.plural.toLowerCase()} yet: they are derived from your records or imported.`
            : `No ${def.plural.toLowerCase()} yet. Press N or “New ${def.label.toLowerCase()}” to add the first.`}
        </p>
      ) : list.total === 0 ? (
        <p className="empty">Nothing matches. Try fewer words or another filter.</p>
      ) : (
        <RecordTable
          def={def}
          settings={settings}
          onOpen={(row) => !def.readOnly && setEditing(row)}
          onDelete={setDeleting}
        />
      )}
      {editing && (
        <RecordForm
          def={def}
          row={editing === 'new' ? null : editing}
          settings={settings}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            toast.success(editing === 'new' ? `${def.label} added` : `${def.label} saved`)
            changed()
          }}
          onDelete={(row) => setDeleting(row)}
        />
      )}
      {deleting && (
        <DeleteDialog
          def={def}
          row={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(token, title) => {
            setDeleting(null)
            setEditing(null)
            changed()
            toast(`Deleted ${title}`, {
              action: { label: 'Undo', onClick: () => void undo(token) },
              duration: 10_000,
            })
          }}
        />
      )}
    </section>
  )
}
