import type { CallOutcome, MethodName, ProgressEvent } from '../../../shared/api'
import { IPC_CALL, IPC_PICK_FOLDER } from '../../../shared/bridge'
import { invoke, type Registry } from '../../services/registry'
import type { Session } from '../../services/session'

/** The part of Electron's ipcMain this adapter uses, so tests can drive it without Electron. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>,
  ): void
}

export interface IpcCallEvent {
  senderFrame: { url: string } | null
}

export interface IpcAdapterOptions {
  registry: Registry
  session: Session
  /** The app's own origin, e.g. `app://logbook`; calls from any other frame are refused. */
  appOrigin: string
  sendProgress: (progress: ProgressEvent) => void
}

/** Scheme and host of a URL; WHATWG gives custom schemes an opaque "null" origin, so compare these. */
function schemeAndHost(url: string) {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}

export function senderIsApp(event: IpcCallEvent | null | undefined, appOrigin: string) {
  const url: unknown = event?.senderFrame?.url
  return typeof url === 'string' && schemeAndHost(url) === schemeAndHost(appOrigin)
}

export function registerIpcAdapter(ipcMain: IpcMainLike, options: IpcAdapterOptions) {
  const { registry, session, appOrigin, sendProgress } = options
  ipcMain.handle(IPC_CALL, async (event, name, input): Promise<CallOutcome<unknown>> => {
    if (!senderIsApp(event, appOrigin)) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'Calls are accepted only from the Logbook window',
        },
      }
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'Method name must be text' } }
    }
    return invoke(
      registry,
      {
        session,
        adapter: 'ipc',
        progress: (p) => sendProgress({ ...p, method: name as MethodName }),
      },
      name,
      input,
    )
  })
}

const DEFAULT_PICK_TITLE = 'Choose a folder'

/**
 * The system's folder dialog for the window (archive and export folders). Only the app's own
 * window may open it; the title is shown only when it is short text. Answers the chosen folder
 * or null (cancelled, or asked by anything else).
 */
export function registerFolderPicker(
  ipcMain: IpcMainLike,
  options: { appOrigin: string; pick: (title: string) => Promise<string | null> },
) {
  ipcMain.handle(IPC_PICK_FOLDER, async (event, title) => {
    if (!senderIsApp(event, options.appOrigin)) return null
    const shown =
      typeof title === 'string' && title.trim() !== '' && title.length <= 120
        ? title
        : DEFAULT_PICK_TITLE
    return options.pick(shown)
  })
}
