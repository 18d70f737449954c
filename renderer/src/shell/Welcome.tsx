import { useAppStore } from '../stores/app-store'

export function Welcome() {
  const { busy, openDemo, startEmpty } = useAppStore()
  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Logbook</h1>
      <p className="lead">
        Your training, films and games, studio classes and product analytics — in one file on this
        computer. Nothing leaves it unless you export it.
      </p>
      <div className="choices">
        <section className="card choice">
          <h2>Explore with demo data</h2>
          <p>
            Two years of workouts, a studio with 300 members and an event log of 50,000 events, in a
            separate demo database. Your own database stays empty.
          </p>
          <button
            className="primary"
            onClick={() => void openDemo()}
            disabled={busy !== null}
            autoFocus
          >
            Explore with demo data
          </button>
        </section>
        <section className="card choice">
          <h2>Start with my own data</h2>
          <p>Log your first entry or import a CSV export from the app you used before.</p>
          <button onClick={() => void startEmpty()} disabled={busy !== null}>
            Start with my own data
          </button>
        </section>
      </div>
      {busy && (
        <p className="busy" role="status" aria-live="polite">
          {busy}
        </p>
      )}
    </main>
  )
}
