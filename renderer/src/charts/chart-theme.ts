import { useEffect, useState } from 'react'

/** The theme's colours a canvas needs (it cannot read CSS variables by itself). */
export interface ChartTheme {
  name: string
  text: string
  muted: string
  grid: string
  surface: string
}

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    name: document.documentElement.dataset.theme ?? 'light',
    text: read('--text', '#1b1f24'),
    muted: read('--muted', '#5a6470'),
    grid: read('--border', '#d8dde3'),
    surface: read('--surface', '#ffffff'),
  }
}

/** The current theme's chart colours; charts redraw when the theme changes. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme)
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readTheme()))
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    })
    return () => observer.disconnect()
  }, [])
  return theme
}

/** Axis options in the theme: faint gridlines, muted ticks, a title with the unit. */
export function themedAxis(theme: ChartTheme, title?: string) {
  return {
    grid: { color: theme.grid, drawTicks: false },
    border: { color: theme.grid },
    ticks: { color: theme.muted, padding: 6 },
    ...(title ? { title: { display: true, text: title, color: theme.muted } } : {}),
  }
}
