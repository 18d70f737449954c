import { Link } from 'react-router'
import { useAppStore } from '../stores/app-store'

/** Says how the page gets filled, and offers the actions that fill it. */
export function EmptyState({ hint }: { hint: string }) {
  const { status, busy, openDemo } = useAppStore()
  return (
    <section className="empty card" aria-label="Nothing here yet">
      <h2>Nothing here yet</h2>
      <p>{hint}</p>
      <div className="actions">
        {status?.database === 'own' && (
          <button className="primary" onClick={() => void openDemo()} disabled={busy !== null}>
            Explore the demo data
          </button>
        )}
        <Link className="button" to="/data">
          Go to Data
        </Link>
      </div>
    </section>
  )
}
