import { useEffect, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import type { PersonHoldings, PersonMatch } from '../../../../shared/privacy'
import { api } from '../../client'
import { FolderField } from '../../components/FolderField'
import { Modal } from '../../components/Modal'
import { reportFailure } from '../../components/notify'
import { ErrorNote } from '../../imports/ErrorNote'
import { messageOf } from '../../imports/format'
import { formatCount } from './privacy-format'
import './privacy.css'

type Action = 'delete' | 'anonymise'

/** Settings → Privacy: one person's data, exported, deleted or anonymised after a preview. */
export function PrivacyPanel() {
  const [query, setQuery] = useState('')
  const [matches, setMatches] = useState<PersonMatch[] | null>(null)
  const [holdings, setHoldings] = useState<PersonHoldings | null>(null)
  const [action, setAction] = useState<Action | null>(null)
  const [exporting, setExporting] = useState(false)
  const [folder, setFolder] = useState('')

  const search = async (event?: FormEvent) => {
    event?.preventDefault()
    try {
      setMatches(await api['privacy.find']({ query, limit: 20 }))
    } catch (error) {
      reportFailure(error)
    }
  }

  const choose = async (person: PersonMatch) => {
    try {
      setHoldings(await api['privacy.preview']({ id: person.id }))
    } catch (error) {
      reportFailure(error)
    }
  }

  const exportData = async () => {
    if (!holdings) return
    setExporting(true)
    try {
      const result = await api['privacy.export']({
        id: holdings.person.id,
        ...(folder.trim() ? { folder: folder.trim() } : {}),
      })
      toast.success(`Exported ${result.files.length} tables to ${result.folder}`)
    } catch (error) {
      reportFailure(error)
    } finally {
      setExporting(false)
    }
  }

  const done = (message: string) => {
    toast.success(message)
    setAction(null)
    setHoldings(null)
    void search()
  }

  return (
    <section className="card privacy-panel" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <p className="muted">
        Find a person to see everything held about them, export it, or delete or anonymise them.
      </p>
      <form className="person-search" role="search" onSubmit={(e) => void search(e)}>
        <label htmlFor="privacy-query">Person</label>
        <input
          id="privacy-query"
          type="search"
          value={query}
          placeholder="Name, username, email or id"
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      {matches && matches.length === 0 && <p className="muted">No one matches “{query}”.</p>}
      {matches && matches.length > 0 && (
        <ul className="person-list" aria-label="People found">
          {matches.map((person) => (
            <li key={person.id}>
              <button
                className={holdings?.person.id === person.id ? 'chosen' : undefined}
                aria-pressed={holdings?.person.id === person.id}
                onClick={() => void choose(person)}
              >
                <span>{person.name ?? person.username}</span>
                <span className="muted">
                  {person.userId}
                  {person.email ? ` · ${person.email}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {holdings && (
        <div className="person-holdings">
          <h3>
            Held about {holdings.person.name ?? holdings.person.username}{' '}
            <span className="muted">({holdings.person.userId})</span>
          </h3>
          <HoldingsTable holdings={holdings} />
          <FolderField
            id="privacy-folder"
            label="Export folder (optional)"
            value={folder}
            placeholder="exports/ beside the database"
            dialogTitle="Export their data into…"
            onChange={setFolder}
          />
          <div className="actions">
            <button onClick={() => void exportData()} disabled={exporting}>
              {exporting ? 'Exporting…' : 'Export their data'}
            </button>
            <span className="spacer" />
            <button onClick={() => setAction('anonymise')}>Anonymise…</button>
            <button className="danger" onClick={() => setAction('delete')}>
              Delete…
            </button>
          </div>
        </div>
      )}
      {action && holdings && (
        <ConfirmDialog
          action={action}
          holdings={holdings}
          onClose={() => setAction(null)}
          onDone={done}
        />
      )}
    </section>
  )
}

function HoldingsTable({ holdings }: { holdings: PersonHoldings }) {
  return (
    <table className="holdings" aria-label="Rows held about this person">
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col">On delete</th>
        </tr>
      </thead>
      <tbody>
        {holdings.tables.map((t) => (
          <tr key={t.table}>
            <td>
              <code>{t.table}</code>
            </td>
            <td className="num">{formatCount(t.rows)}</td>
            <td className={t.onDelete === 'deleted' ? undefined : 'muted'}>
              {t.onDelete === 'deleted' ? 'deleted' : 'kept, link to them cleared'}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{formatCount(holdings.totalRows)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  )
}

const WORDS: Record<Action, { title: string; verb: string; working: string; explain: string }> = {
  delete: {
    title: 'Delete this person',
    verb: 'Delete',
    working: 'Deleting…',
    explain:
      'The person and every row below are deleted for good: events, attendance, bookings, sessions and the rest. Reports are recomputed without them. This cannot be undone.',
  },
  anonymise: {
    title: 'Anonymise this person',
    verb: 'Anonymise',
    working: 'Anonymising…',
    explain:
      'Their name, email, phone, date of birth, city, IP addresses and any text naming them are removed, and their id is replaced by a random one everywhere. Their activity stays, so totals and charts do not change. This cannot be undone.',
  },
}

function ConfirmDialog(props: {
  action: Action
  holdings: PersonHoldings
  onClose(): void
  onDone(message: string): void
}) {
  const { action, holdings, onClose, onDone } = props
  const words = WORDS[action]
  const [typed, setTyped] = useState('')
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fresh, setFresh] = useState<PersonHoldings>(holdings)
  const { person } = holdings

  // Counted again when the dialog opens: the preview is what goes now.
  useEffect(() => {
    api['privacy.preview']({ id: person.id })
      .then(setFresh)
      .catch(() => undefined)
  }, [person.id])

  const run = async () => {
    setWorking(true)
    setError(null)
    try {
      const input = { id: person.id, confirmUserId: typed }
      if (action === 'delete') {
        const result = await api['privacy.delete'](input)
        const rows = result.deleted.reduce((sum, d) => sum + d.rows, 0)
        onDone(`Deleted ${person.userId} and ${formatCount(rows - 1)} rows about them`)
      } else {
        const result = await api['privacy.anonymise'](input)
        onDone(`Anonymised ${person.userId}; they are now ${result.userId}`)
      }
    } catch (caught) {
      setError(messageOf(caught))
      setWorking(false)
    }
  }

  return (
    <Modal title={words.title} onClose={onClose}>
      <p>{words.explain}</p>
      <HoldingsTable holdings={fresh} />
      <div className="field confirm-field">
        <label htmlFor="privacy-confirm">
          Type <code>{person.userId}</code> to confirm
        </label>
        <input
          id="privacy-confirm"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
      {error && <ErrorNote message={error} />}
      <div className="actions form-actions">
        <span className="spacer" />
        <button onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          className="danger"
          onClick={() => void run()}
          disabled={working || typed.trim() !== person.userId}
        >
          {working ? words.working : `${words.verb} ${person.userId}`}
        </button>
      </div>
    </Modal>
  )
}
