import { useEffect, useState } from 'react'
import { onProgress } from './client'
import { DataOverview } from './DataOverview'
import { useAppStore } from './store'
import { Welcome } from './Welcome'

export function App() {
  const { status, error, load } = useAppStore()
  const [progress, setProgress] = useState<string | null>(null)

  useEffect(() => {
    void load()
    return onProgress((event) => setProgress(event.message))
  }, [load])

  const busy = useAppStore((s) => s.busy)
  return (
    <>
      {error && (
        <div className="toast" role="alert">
          {error}
        </div>
      )}
      {busy && progress && (
        <div className="progress" role="status">
          {progress}
        </div>
      )}
      {!status ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : status.firstStart ? (
        <Welcome />
      ) : (
        <DataOverview />
      )}
    </>
  )
}
