import { useEffect, useState } from 'react'
import type { Settings } from '../../../shared/settings'

/** `data-theme` on <html> fixes a theme; without it the CSS follows the system. */
export function applyTheme(theme: Settings['theme']) {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
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
