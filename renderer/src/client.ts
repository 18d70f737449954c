import type { Api, CallOutcome, MethodName, ProgressEvent } from '../../shared/api'
import { methodNames } from '../../shared/api'
import type { DesktopBridge, MenuCommand } from '../../shared/bridge'
import type { ErrorInfo } from '../../shared/errors'

/** A failed call, carrying the service's own `{ code, message, field }`. */
export class CallError extends Error {
  readonly info: ErrorInfo
  constructor(info: ErrorInfo) {
    super(info.message)
    this.info = info
  }
}

type Transport = {
  call(name: MethodName, input: unknown): Promise<CallOutcome<unknown>>
  onProgress(listener: (progress: ProgressEvent) => void): () => void
}

declare global {
  interface Window {
    logbook?: DesktopBridge
  }
}

const TOKEN_KEY = 'logbook.token'

/** Browser mode: the token arrives once in the URL; keep it for this tab and tidy the address. */
function browserToken() {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.toString())
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpTransport(): Transport {
  const token = browserToken()
  return {
    async call(name, input) {
      try {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Logbook-Token': token },
          body: JSON.stringify(input ?? {}),
        })
        return (await response.json()) as CallOutcome<unknown>
      } catch {
        return {
          ok: false,
          error: { code: 'io_error', message: 'Logbook is not reachable. Is it still running?' },
        }
      }
    },
    onProgress(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      source.addEventListener('progress', (event) =>
        listener(JSON.parse((event as MessageEvent<string>).data) as ProgressEvent),
      )
      return () => source.close()
    },
  }
}

function ipcTransport(bridge: DesktopBridge): Transport {
  return {
    call: (name, input) => bridge.call[name](input),
    onProgress: (listener) => bridge.onProgress(listener),
  }
}

function createApi(transport: Transport): Api {
  const entries = methodNames.map((name) => [
    name,
    async (input: unknown) => {
      const outcome = await transport.call(name, input)
      if (!outcome.ok) throw new CallError(outcome.error)
      return outcome.result
    },
  ])
  return Object.fromEntries(entries) as Api
}

/** IPC inside the desktop app, HTTP in the browser mode: chosen once, at start. */
const transport = window.logbook ? ipcTransport(window.logbook) : httpTransport()
export const api = createApi(transport)
export const onProgress = transport.onProgress

/** The desktop app's menu commands; the browser mode has no application menu. */
export function onMenu(listener: (command: MenuCommand) => void): () => void {
  return window.logbook ? window.logbook.onMenu(listener) : () => undefined
}
