import { contextBridge, ipcRenderer } from 'electron'
import { methodNames, type ProgressEvent } from '../shared/api'
import {
  IPC_CALL,
  IPC_MENU,
  IPC_PICK_FOLDER,
  IPC_PROGRESS,
  type DesktopBridge,
  type MenuCommand,
} from '../shared/bridge'

// One function per contract method and one progress subscription; ipcRenderer itself never
// reaches the page.
const bridge: DesktopBridge = {
  call: Object.fromEntries(
    methodNames.map((name) => [
      name,
      (input: unknown) => ipcRenderer.invoke(IPC_CALL, name, input),
    ]),
  ) as DesktopBridge['call'],
  onProgress(listener) {
    const handler = (_event: unknown, progress: ProgressEvent) => listener(progress)
    ipcRenderer.on(IPC_PROGRESS, handler)
    return () => ipcRenderer.off(IPC_PROGRESS, handler)
  },
  onMenu(listener) {
    const handler = (_event: unknown, command: MenuCommand) => listener(command)
    ipcRenderer.on(IPC_MENU, handler)
    return () => ipcRenderer.off(IPC_MENU, handler)
  },
  pickFolder: (title) => ipcRenderer.invoke(IPC_PICK_FOLDER, title),
}

contextBridge.exposeInMainWorld('logbook', bridge)
