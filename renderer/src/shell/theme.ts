import { useEffect, useState } from 'react'
import type { Settings } from '../../../shared/settings'

/** The CSS reads `data-theme` on <html>; it always holds the theme actually shown. */
export function applyTheme(theme: 'light' | 'dark') {
  document.documentElement.dataset.theme = theme
}

/** The theme actually shown, for components (toasts, charts) that need to know it. */
export function useEffectiveTheme(theme: Settings['theme']): 'light' | 'dark' {
  const query = '(prefers-color-scheme: dark)'
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const media = window.matchMedia(query)
    const listener = () => setSystemDark(media.matches)
    media.addEventListener('change', listener)
    return () => media.removeEventListener('change', listener)
  }, [])
  if (theme === 'system') return systemDark ? 'dark' : 'light'
  return theme
}
