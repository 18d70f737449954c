import { useEffect, useState } from 'react'
import { createHashRouter, RouterProvider } from 'react-router'
import { toast, Toaster } from 'sonner'
import { onMenu, onProgress } from './client'
import { DataLayout } from './sections/data/DataLayout'
import { DataPage } from './sections/data/DataPage'
import { SectionLayout, SectionOverview, SectionRecords } from './sections/SectionPage'
import { SettingsPage } from './sections/settings/SettingsPage'
import { sections } from './shell/sections'
import { Shell } from './shell/Shell'
import { applyTheme, useEffectiveTheme } from './shell/theme'
import { Welcome } from './shell/Welcome'
import { useAppStore } from './stores/app-store'
import { useSettingsStore } from './stores/settings-store'

function routeFor(section: (typeof sections)[number]) {
  if (section.id === 'data') {
    return {
      path: 'data',
      element: <DataLayout section={section} />,
      children: [
        { index: true, element: <DataPage /> },
        ...(section.pages ?? []).map((page) => ({ path: page.path, element: <page.element /> })),
      ],
    }
  }
  if (section.id === 'settings') return { path: 'settings', element: <SettingsPage /> }
  const children = [
    { index: true, element: <SectionOverview section={section} /> },
    ...(section.pages ?? []).map((page) => ({ path: page.path, element: <page.element /> })),
    { path: ':entity', element: <SectionRecords section={section} /> },
  ]
  const layout = <SectionLayout section={section} />
  return section.path === '/'
    ? { index: true, element: layout }
    : { path: section.path.slice(1), element: layout, children }
}

// A hash router: it works the same under the desktop app's custom protocol and in the browser.
const router = createHashRouter([
  { path: '/', element: <Shell />, children: sections.map(routeFor) },
])

export function App() {
  const { status, busy, load } = useAppStore()
  const { settings, load: loadSettings } = useSettingsStore()
  const [progress, setProgress] = useState<string | null>(null)
  const theme = settings?.theme ?? 'system'
  const effectiveTheme = useEffectiveTheme(theme)

  useEffect(() => {
    void load()
    return onProgress((event) => setProgress(event.message))
  }, [load])
  useEffect(
    () =>
      onMenu((command) => {
        if (command.type === 'navigate') void router.navigate(command.path)
        else if (command.type === 'database-changed') void load()
        else if (command.failed) toast.error(command.message)
        else toast.success(command.message)
      }),
    [load],
  )
  // Settings belong to the open database, so they are read again whenever it changes.
  useEffect(() => {
    if (status) void loadSettings()
  }, [status?.databasePath, status, loadSettings])
  useEffect(() => applyTheme(effectiveTheme), [effectiveTheme])

  return (
    <>
      <Toaster theme={effectiveTheme} position="bottom-right" richColors closeButton />
      {busy && (
        <div className="progress" role="status">
          {progress ?? busy}
        </div>
      )}
      {!status ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : status.firstStart ? (
        <Welcome />
      ) : (
        <RouterProvider router={router} />
      )}
    </>
  )
}
