import { useEffect, useState } from 'react'

/** The current time, refreshed every `everyMs`, so "Starts in 5 min" and "In progress" stay true. */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
