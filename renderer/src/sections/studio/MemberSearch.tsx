import { Search } from 'lucide-react'
import type { KeyboardEvent, RefObject } from 'react'
import { Link } from 'react-router'
import type { MemberMatch } from '../../../../shared/contract/studio'
import { matchState } from './studio-format'

interface Props {
  inputRef: RefObject<HTMLInputElement | null>
  search: string
  matches: readonly MemberMatch[]
  searching: boolean
  highlighted: number
  pending: boolean
  onSearch(search: string): void
  onMove(delta: number): void
  onCheckIn(member: MemberMatch): void
  onBook(member: MemberMatch): void
}

const LIST_ID = 'member-matches'
const optionId = (index: number) => `member-match-${index}`

/** Type-ahead over members: ↑/↓ choose, Enter checks in, Shift+Enter books, Esc clears. */
export function MemberSearch(props: Props) {
  const { inputRef, search, matches, searching, highlighted, pending } = props
  const open = search.trim() !== '' && matches.length > 0
  const current = matches[highlighted]

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      props.onMove(event.key === 'ArrowDown' ? 1 : -1)
    } else if (event.key === 'Enter') {
      if (current && !pending) {
        if (event.shiftKey) props.onBook(current)
        else props.onCheckIn(current)
      }
    } else if (event.key === 'Escape' && search !== '') {
      props.onSearch('')
    } else return
    event.preventDefault()
  }

  return (
    <div className="desk-search">
      <label className="desk-search-box">
        <Search size={18} aria-hidden />
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label="Find a member"
          aria-expanded={open}
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={open ? optionId(highlighted) : undefined}
          aria-describedby="member-search-hint"
          placeholder="Find a member: name, email or phone  /"
          autoComplete="off"
          spellCheck={false}
          value={search}
          onChange={(e) => props.onSearch(e.target.value)}
          onKeyDown={onKey}
        />
      </label>
      <p id="member-search-hint" className="desk-hint muted">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> check in · <kbd>Shift</kbd>+
        <kbd>Enter</kbd> book · <kbd>Esc</kbd> clear
      </p>
      {open && (
        <ul id={LIST_ID} role="listbox" aria-label="Matching members" className="desk-matches">
          {matches.map((m, index) => {
            const state = matchState(m)
            return (
              <li
                key={m.userId}
                id={optionId(index)}
                role="option"
                aria-selected={index === highlighted}
                className={index === highlighted ? 'desk-match highlighted' : 'desk-match'}
              >
                <span className="desk-match-who">
                  <strong>{m.name}</strong>
                  <small className="muted">
                    {[m.email, m.phone].filter(Boolean).join(' · ') || 'No email or phone'}
                  </small>
                </span>
                {!m.isActive && <span className="badge">Inactive</span>}
                {state && <span className="badge state">{state}</span>}
                <span className="desk-match-actions">
                  {m.bookingStatus !== 'booked' && !m.checkedIn && (
                    <button
                      tabIndex={-1}
                      disabled={pending}
                      onClick={() => props.onBook(m)}
                      aria-label={`Book ${m.name}`}
                    >
                      Book
                    </button>
                  )}
                  {!m.checkedIn && (
                    <button
                      tabIndex={-1}
                      className="primary"
                      disabled={pending}
                      onClick={() => props.onCheckIn(m)}
                      aria-label={`Check in ${m.name}`}
                    >
                      Check in
                    </button>
                  )}
                </span>
              </li>
            )
          })}
        </ul>
      )}
      {search.trim() !== '' && !searching && matches.length === 0 && (
        <p className="empty desk-no-match">
          No member matches “{search.trim()}”. Check the spelling, or{' '}
          <Link to="/studio/users">add them under People</Link>.
        </p>
      )}
    </div>
  )
}
