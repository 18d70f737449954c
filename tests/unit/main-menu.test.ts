import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../electron/main-menu'
import { SECTIONS } from '../../shared/sections'

function recorder() {
  const calls: string[] = []
  return {
    calls,
    actions: {
      openDatabase: () => calls.push('open'),
      backUp: () => calls.push('backup'),
      exportEverything: () => calls.push('export all'),
      restoreExport: () => calls.push('restore'),
      navigate: (path: string) => calls.push(`go ${path}`),
    },
  }
}

const submenu = (menu: MenuItemConstructorOptions[], label: string) =>
  (menu.find((m) => m.label === label)?.submenu ?? []) as MenuItemConstructorOptions[]
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.()

describe('the application menu', () => {
  it('has File → Open, Import, Export, Export everything, Restore, Back up, doing what they say', () => {
    const { calls, actions } = recorder()
    const file = submenu(menuTemplate(actions, 'linux'), '&File')
    const labels = file.filter((i) => i.label).map((i) => i.label)
    expect(labels).toEqual([
      'Open Database…',
      'Import…',
      'Export…',
      'Export Everything…',
      'Restore from Export…',
      'Back Up…',
    ])
    for (const item of file) click(item)
    expect(calls).toEqual([
      'open',
      'go /data/import',
      'go /data',
      'export all',
      'restore',
      'backup',
    ])
    expect(file.at(-1)).toEqual({ role: 'quit' })
  })

  it('uses the platform’s standard roles', () => {
    const { actions } = recorder()
    const mac = menuTemplate(actions, 'darwin')
    expect(mac[0]).toEqual({ role: 'appMenu' })
    expect(submenu(mac, '&File').at(-1)).toEqual({ role: 'close' })
    const linux = menuTemplate(actions, 'linux')
    expect(linux.map((m) => m.role).filter(Boolean)).toEqual(['editMenu', 'windowMenu'])
  })

  it('Go lists every section with its Alt+number shortcut', () => {
    const { calls, actions } = recorder()
    const go = submenu(menuTemplate(actions, 'win32'), '&Go')
    expect(go.map((i) => [i.label, i.accelerator])).toEqual(
      SECTIONS.map((s, i) => [s.label, `Alt+${i + 1}`]),
    )
    click(go[6])
    expect(calls).toEqual(['go /data'])
  })
})
