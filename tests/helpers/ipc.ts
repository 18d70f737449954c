import type { IpcCallEvent, IpcMainLike } from '../../electron/adapters/ipc/adapter'
import type { CallOutcome } from '../../shared/api'
import { IPC_CALL } from '../../shared/bridge'

type Listener = (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>

/** Electron's ipcMain reduced to what the adapters use; the test plays any sender it likes. */
export class FakeIpcMain implements IpcMainLike {
  private readonly handlers = new Map<string, Listener>()

  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }

  /** `event` as Electron would never build it, too: the adapter must not trust its shape. */
  send(channel: string, event: unknown, ...args: unknown[]) {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler registered for ${channel}`)
    return handler(event as IpcCallEvent, ...args)
  }

  /** A contract call from a frame at `frameUrl` (null: no frame). */
  call(frameUrl: string | null, name: unknown, input: unknown) {
    const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } }
    return this.send(IPC_CALL, event, name, input) as Promise<CallOutcome<unknown>>
  }
}
