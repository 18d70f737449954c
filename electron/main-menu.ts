import type { MenuItemConstructorOptions } from 'electron'
import { SECTIONS } from '../shared/sections'

export interface MenuActions {
  openDatabase(): void
  backUp(): void
  exportEverything(): void
  restoreExport(): void
  navigate(path: string): void
}

/** The application menu: the platform's standard roles plus Logbook's File and Go items. */
export function menuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Open Database…',
          accelerator: 'CmdOrCtrl+O',
          click: () => actions.openDatabase(),
        },
        { type: 'separator' },
        {
          label: 'Import…',
          accelerator: 'CmdOrCtrl+I',
          click: () => actions.navigate('/data/import'),
        },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.navigate('/data') },
        { label: 'Export Everything…', click: () => actions.exportEverything() },
        { label: 'Restore from Export…', click: () => actions.restoreExport() },
        { label: 'Back Up…', accelerator: 'CmdOrCtrl+Shift+B', click: () => actions.backUp() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: SECTIONS.map((section, index) => ({
        label: section.label,
        accelerator: `Alt+${index + 1}`,
        click: () => actions.navigate(section.path),
      })),
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
}
